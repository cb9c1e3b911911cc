import { describe, expect, test } from 'bun:test';
import { createSeededRandom, FrameClock, frameTarget } from '../../../src/core/clock/index.ts';

/** A display at `hz` with vsync phase `phase`; callbacks get vsync + |noise|; some dropped. */
function* rafStream(hz: number, phase: number, seed: number, dropRate: number, jitterMs = 0.3) {
  const rnd = createSeededRandom(seed);
  const period = 1000 / hz;
  for (let k = 0; ; k++) {
    if (k > 0 && rnd() < dropRate) continue; // callback skipped (main thread busy)
    const u = Math.max(1e-12, rnd());
    const n = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
    yield { k, vsync: phase + k * period, ts: phase + k * period + Math.abs(n) * jitterMs };
  }
}

describe('frame clock', () => {
  for (const hz of [60, 90, 120]) {
    test(`frame - estimates ${hz} Hz from noisy timestamps with dropped frames and predicts presentation`, () => {
      const fc = new FrameClock();
      const period = 1000 / hz;
      const phase = 1234.567;
      let worst = 0;
      let i = 0;
      for (const f of rafStream(hz, phase, hz, 0.1)) {
        const t = fc.frame(f.ts);
        if (i > 30) {
          const truePresent = phase + (f.k + 1) * period;
          worst = Math.max(worst, Math.abs(t.presentLocalMs - truePresent));
          expect(t.targetLocalMs - t.presentLocalMs).toBeCloseTo(t.periodMs / 2, 9);
        }
        if (++i === 600) break;
      }
      expect(fc.locked).toBe(true);
      expect(Math.abs(fc.periodMs - period)).toBeLessThan(0.01);
      expect(worst).toBeLessThan(0.5);
    });
  }

  test('frame - a refresh-rate change (120 Hz to 60 Hz) is picked up', () => {
    const fc = new FrameClock();
    let i = 0;
    let last = 0;
    for (const f of rafStream(120, 3, 1, 0.02)) {
      fc.frame(f.ts);
      last = f.ts;
      if (++i === 300) break;
    }
    expect(Math.abs(fc.periodMs - 1000 / 120)).toBeLessThan(0.01);
    i = 0;
    for (const f of rafStream(60, last + 5, 2, 0.02)) {
      fc.frame(f.ts);
      if (++i === 300) break;
    }
    expect(Math.abs(fc.periodMs - 1000 / 60)).toBeLessThan(0.01);
  });

  test('frame - a long gap (hidden page) keeps the period and re-finds the phase', () => {
    const fc = new FrameClock();
    let i = 0;
    for (const f of rafStream(90, 0, 5, 0)) {
      fc.frame(f.ts);
      if (++i === 200) break;
    }
    const period = 1000 / 90;
    const phase2 = 60_000 + 4.2; // vsync grid after the page is shown again
    let t = fc.frame(phase2);
    expect(fc.periodMs).toBeCloseTo(period, 2);
    for (let k = 1; k < 10; k++) t = fc.frame(phase2 + k * period + 0.1);
    expect(Math.abs(t.presentLocalMs - (phase2 + 10 * period))).toBeLessThan(0.3);
  });

  test('frame - pipeline depth moves presentation by whole periods; frameTarget returns a copy', () => {
    const a = new FrameClock({ pipelineDepth: 1 });
    const b = new FrameClock({ pipelineDepth: 2 });
    let ta = frameTarget(a, 0);
    let tb = frameTarget(b, 0);
    for (let k = 1; k < 50; k++) {
      ta = frameTarget(a, (k * 1000) / 60);
      tb = frameTarget(b, (k * 1000) / 60);
    }
    expect(tb.presentLocalMs - ta.presentLocalMs).toBeCloseTo(1000 / 60, 6);
    const kept = frameTarget(a, 50_000 / 60);
    frameTarget(a, 51_000 / 60);
    expect(kept.presentLocalMs).toBeCloseTo(51_000 / 60, 6);
  });
});
