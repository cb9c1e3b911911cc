import { describe, expect, test } from 'bun:test';
import { ClockError, ClockEstimator } from '../../../src/core/clock/index.ts';
import { SyntheticPath } from './synthetic-path.ts';

function trained(): { e: ClockEstimator; path: SyntheticPath; c: number } {
  const path = new SyntheticPath({ seed: 21, offsetMs: 120_000, skewPpm: 40, upBaseMs: 30, downBaseMs: 25, jitterMs: 6 });
  const e = new ClockEstimator({ seed: 1 });
  let c = 0;
  for (let i = 0; i < 25; i++) {
    const [t0, t1, t2, t3] = path.exchange(c);
    e.addSample(t0, t1, t2, t3);
    c = path.controllerAt(t3) + e.nextExchangeInMs();
  }
  return { e, path, c };
}

describe('clock snapshot', () => {
  test('snapshot - JSON round trip restores the same estimate', () => {
    const { e, path, c } = trained();
    const snap = JSON.parse(JSON.stringify(e.snapshot()));
    const r = ClockEstimator.restore(snap, { seed: 1 });
    const probe = path.localAt(c + 1000);
    expect(r.quality(probe).offsetMs).toBeCloseTo(e.quality(probe).offsetMs, 6);
    expect(r.quality().driftPpm).toBeCloseTo(e.quality().driftPpm, 6);
    expect(r.quality().synced).toBe(true);
    expect(r.controllerTime(probe)).toBeCloseTo(e.controllerTime(probe), 6);
    // a restored estimator re-verifies with a short burst
    expect(r.nextExchangeInMs()).toBeLessThan(200);
  });

  test('snapshot - restore into a new local timebase (page reload) with a shift', () => {
    const { e, path, c } = trained();
    const snap = e.snapshot();
    // The reloaded page's performance.now() started 50 s later: new local = old local - 50000.
    const r = ClockEstimator.restore(snap, {}, -50_000);
    const oldLocal = path.localAt(c + 2000);
    expect(r.controllerTime(oldLocal - 50_000)).toBeCloseTo(e.controllerTime(oldLocal), 6);
  });

  for (const errorMs of [20 * 60_000, -20 * 60_000]) {
    test(`snapshot - a reload shift wrong by ${errorMs / 60_000} min (wall clock adjusted) is discarded and re-acquired`, () => {
      // The wall clock moved between the two pages, so oldTimeOrigin - newTimeOrigin is off:
      // the restored exchanges sit 20 minutes in the future (or past) of the new timebase.
      const { e, path, c } = trained();
      const r = ClockEstimator.restore(e.snapshot(), { seed: 2 }, errorMs);
      let t = c + 5000;
      for (let i = 0; i < 12; i++) {
        const [t0, t1, t2, t3] = path.exchange(t);
        r.addSample(t0, t1, t2, t3);
        t = path.controllerAt(t3) + r.nextExchangeInMs();
      }
      const local = path.localAt(t);
      const q = r.quality(local);
      // The model is re-acquired either way.
      expect(Math.abs(local + q.offsetMs - path.controllerAt(local))).toBeLessThan(5);
      if (errorMs > 0) {
        // Restored output behind the truth: stepped forward at once.
        expect(Math.abs(r.controllerTime(local) - path.controllerAt(local))).toBeLessThan(5);
        expect(q.uncertaintyMs).toBeLessThan(40);
      } else {
        // Ahead: caught up without running backwards (0.6 x speed), still under way.
        expect(r.lastCorrectionInfo().kind).not.toBe('step');
        expect(r.controllerTime(local + 1000)).toBeGreaterThan(r.controllerTime(local));
      }
    });
  }

  test('snapshot - a non-finite or missing latestLocal falls back to the newest exchange', () => {
    const { e, path, c } = trained();
    for (const latestLocal of [Number.NaN, Number.POSITIVE_INFINITY, undefined]) {
      const r = ClockEstimator.restore({ ...e.snapshot(), latestLocal }, { seed: 3 });
      let t = c;
      for (let i = 0; i < 6; i++) {
        const [t0, t1, t2, t3] = path.exchange(t);
        r.addSample(t0, t1, t2, t3);
        t = path.controllerAt(t3) + r.nextExchangeInMs();
      }
      const local = path.localAt(t);
      expect(Math.abs(r.controllerTime(local) - path.controllerAt(local))).toBeLessThan(5);
      expect(Number.isFinite(r.quality().uncertaintyMs)).toBe(true);
    }
  });

  test('snapshot - a malformed snapshot is refused with CLOCK_BAD_SNAPSHOT', () => {
    const bad = [{ version: 2 }, { version: 1 }, { version: 1, samples: [[1, 2]] }, { version: 1, samples: [[1, 2, 'x']] }];
    for (const s of bad) {
      let code = '';
      try {
        ClockEstimator.restore(s as never);
      } catch (err) {
        expect(err).toBeInstanceOf(ClockError);
        code = (err as ClockError).code;
      }
      expect(code).toBe('CLOCK_BAD_SNAPSHOT');
    }
  });
});
