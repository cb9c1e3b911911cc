import { describe, expect, test } from 'bun:test';
import { ClockError, ClockEstimator, createSeededRandom, estimateTimerResolution, FrameClock } from '../../../src/core/clock/index.ts';
import { reduceExchange, type Exchange } from '../../../src/core/clock/exchange.ts';
import { SyntheticPath } from './synthetic-path.ts';

const floorTo = (v: number, res: number): number => (res > 0 ? Math.floor(v / res) * res : v);

/** Run an estimator over a short symmetric path whose local timestamps are floored to
 *  `res`; returns the mean signed error and whether the uncertainty always covered it. */
function run(res: number, told: number, seed: number): { mean: number; covered: boolean } {
  const path = new SyntheticPath({ seed, offsetMs: 123_456.789, skewPpm: 30, upBaseMs: 0.6, downBaseMs: 0.6, jitterMs: 0.05 });
  const e = new ClockEstimator({ seed, timerResolutionMs: told });
  let c = 0;
  let sum = 0;
  let n = 0;
  let covered = true;
  for (let i = 0; i < 120; i++) {
    const [t0, t1, t2, t3] = path.exchange(c);
    e.addSample(floorTo(t0, res), t1, t2, floorTo(t3, res));
    const next = path.controllerAt(t3) + e.nextExchangeInMs();
    if (e.quality().synced) {
      for (let p = path.controllerAt(t3); p < next; p += 97) {
        const l = path.localAt(p);
        const err = e.controllerTime(l) - p;
        sum += err;
        n++;
        if (Math.abs(err) > e.quality(l).uncertaintyMs) covered = false;
      }
    }
    c = next;
  }
  return { mean: sum / n, covered };
}

describe('timer resolution', () => {
  test('exchange - with floored t0/t3 the true offset lies inside the widened bounds, and not always inside the plain ones', () => {
    const rnd = createSeededRandom(3);
    const ex: Exchange = { midLocal: 0, theta: 0, delay: 0 };
    const res = 1;
    const offset = 5000.3;
    let plainMisses = 0;
    for (let i = 0; i < 2000; i++) {
      const t0 = 1000 * rnd() + i * 50;
      const up = 0.2 + 0.3 * rnd();
      const down = 0.2 + 0.3 * rnd();
      const t1 = t0 + offset + up;
      const t2 = t1 + 0.05;
      const t3 = t2 - offset + down;
      expect(reduceExchange(floorTo(t0, res), t1, t2, floorTo(t3, res), ex, res)).toBe(true);
      expect(Math.abs(offset - ex.theta)).toBeLessThanOrEqual(ex.delay / 2 + 1e-9);
      expect(ex.midLocal).toBeCloseTo((t0 + t3) / 2, 0);
      reduceExchange(floorTo(t0, res), t1, t2, floorTo(t3, res), ex, 0);
      if (Math.abs(offset - ex.theta) > ex.delay / 2) plainMisses++;
    }
    expect(plainMisses).toBeGreaterThan(100);
  });

  test('estimator - at 1 ms resolution the half-step bias is removed and the uncertainty still covers the error', () => {
    for (const seed of [1, 2, 3]) {
      const naive = run(1, 0, seed);
      const told = run(1, 1, seed);
      // Flooring t0 and t3 biases the offset by about +res/2.
      expect(naive.mean).toBeGreaterThan(0.3);
      expect(Math.abs(told.mean)).toBeLessThan(0.15);
      expect(told.covered).toBe(true);
    }
  });

  test('estimator - resolution 0 (the default) leaves exact timestamps as they were', () => {
    const a = run(0, 0, 4);
    const path = new SyntheticPath({ seed: 4, offsetMs: 123_456.789, skewPpm: 30, upBaseMs: 0.6, downBaseMs: 0.6, jitterMs: 0.05 });
    expect(Math.abs(a.mean)).toBeLessThan(0.1);
    expect(a.covered).toBe(true);
    const e = new ClockEstimator({ seed: 4 });
    const f = new ClockEstimator({ seed: 4, timerResolutionMs: 0 });
    const [t0, t1, t2, t3] = path.exchange(10);
    e.addSample(t0, t1, t2, t3);
    f.addSample(t0, t1, t2, t3);
    expect(f.controllerTime(t3)).toBe(e.controllerTime(t3));
  });

  test('estimator - a negative or non-finite timerResolutionMs throws CLOCK_BAD_OPTION', () => {
    expect(() => new ClockEstimator({ timerResolutionMs: -1 })).toThrow(ClockError);
    expect(() => new ClockEstimator({ timerResolutionMs: Number.NaN })).toThrow(ClockError);
    expect(() => new FrameClock({ timerResolutionMs: -0.1 })).toThrow(ClockError);
  });

  test('estimateTimerResolution - finds the step of a coarsened clock read in a loop', () => {
    for (const res of [0.005, 0.1, 1]) {
      const readings: number[] = [];
      // A loop of reads 3 us apart on a clock floored to `res`, starting at a large value.
      for (let i = 0; i < 2000; i++) readings.push(floorTo(8_765_432.1 + i * 0.003, res));
      expect(estimateTimerResolution(readings)).toBeCloseTo(res, 6);
    }
  });

  test('estimateTimerResolution - repeated, backward or too few readings give 0, never a negative step', () => {
    expect(estimateTimerResolution([])).toBe(0);
    expect(estimateTimerResolution([5])).toBe(0);
    expect(estimateTimerResolution([5, 5, 5])).toBe(0);
    expect(estimateTimerResolution([5, 4, 3])).toBe(0);
    expect(estimateTimerResolution(new Float64Array([1, 1, 2, 2, 1, 3]))).toBe(1);
  });

  for (const hz of [60, 120]) {
    test(`frame clock - ${hz} Hz callbacks floored to 1 ms: told the resolution, the grid is neither early nor late`, () => {
      const period = 1000 / hz;
      const phase = 4321.123;
      const results: number[] = [];
      for (const told of [0, 1]) {
        const fc = new FrameClock({ timerResolutionMs: told });
        const rnd = createSeededRandom(hz);
        let sum = 0;
        let n = 0;
        let worst = 0;
        for (let k = 0; k < 1200; k++) {
          if (k > 0 && rnd() < 0.1) continue;
          const u = Math.max(1e-12, rnd());
          const noise = Math.abs(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd())) * 0.3;
          const t = fc.frame(floorTo(phase + k * period + noise, 1));
          if (k > 60) {
            const e = t.presentLocalMs - (phase + (k + 1) * period);
            sum += e;
            n++;
            worst = Math.max(worst, Math.abs(e));
          }
        }
        expect(Math.abs(fc.periodMs - period)).toBeLessThan(0.01);
        results.push(sum / n);
        if (told === 1) expect(worst).toBeLessThan(0.5);
      }
      // Untold, the lower envelope of floored timestamps puts the grid most of a step early.
      expect(results[0]).toBeLessThan(-0.5);
      expect(Math.abs(results[1])).toBeLessThan(0.2);
    });
  }
});
