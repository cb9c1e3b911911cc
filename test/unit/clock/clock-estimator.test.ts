import { describe, expect, test } from 'bun:test';
import { ClockError, ClockEstimator, createSeededRandom } from '../../../src/core/clock/index.ts';
import { SyntheticPath, type PathModel } from './synthetic-path.ts';

const base: PathModel = { seed: 11, offsetMs: 3_600_000, skewPpm: -80, upBaseMs: 22, downBaseMs: 18, jitterMs: 8 };

/** Run `count` exchanges on `path`, scheduled by the estimator; returns controller time reached. */
function drive(e: ClockEstimator, path: SyntheticPath, startController: number, count: number): number {
  let c = startController;
  for (let i = 0; i < count; i++) {
    const [t0, t1, t2, t3] = path.exchange(c);
    e.addSample(t0, t1, t2, t3);
    c = path.controllerAt(t3) + e.nextExchangeInMs();
  }
  return c;
}

describe('clock estimator', () => {
  test('clock - recovers a one-hour offset and +80 ppm drift through jitter and asymmetry', () => {
    const path = new SyntheticPath(base);
    const e = new ClockEstimator({ seed: 5 });
    const end = drive(e, path, 1000, 60);
    const local = path.localAt(end);
    const err = e.controllerTime(local) - path.controllerAt(local);
    // The asymmetry (22 vs 18 ms) biases any method by 2 ms; allow 1.5 ms on top.
    expect(Math.abs(err - 2)).toBeLessThan(1.5);
    const q = e.quality(local);
    expect(q.synced).toBe(true);
    expect(q.degraded).toBe(false);
    expect(Math.abs(q.driftPpm - 80)).toBeLessThan(5);
    expect(q.rttMs).toBeGreaterThanOrEqual(40);
    expect(q.rttMs).toBeLessThan(48);
    // The reported bound covers the actual error.
    expect(q.uncertaintyMs).toBeGreaterThan(Math.abs(err));
  });

  for (const driftMethod of ['envelope', 'regression'] as const) {
    test(`precision - epoch-sized times over a 10-hour session are as exact as small ones (${driftMethod})`, () => {
      // Controller time is timeOrigin + now(), about 1.7e12 ms. The same path (an hour of
      // offset, 300 ppm fast, 10 hours) is run near zero, with epoch-sized controller times
      // and a small local clock (performance.now()), and with both epoch-sized: the error
      // distributions must match. (Pointwise they may differ by a fraction of the noise: a
      // last-bit difference can tip the choice between two nearly collinear hull vertices.)
      const quantiles: number[][] = [];
      for (const [epoch, offset] of [[0, 3_600_000], [1.7e12, 1.7e12 + 3_600_000], [1.7e12, 3_600_000]]) {
        const path = new SyntheticPath({ seed: 3, offsetMs: offset, skewPpm: -300, upBaseMs: 20, downBaseMs: 20, jitterMs: 3 });
        const e = new ClockEstimator({ seed: 1, driftMethod });
        const errs: number[] = [];
        let c = epoch;
        let last = -Infinity;
        while (c < epoch + 10 * 3_600_000) {
          const [t0, t1, t2, t3] = path.exchange(c);
          e.addSample(t0, t1, t2, t3);
          const next = path.controllerAt(t3) + e.nextExchangeInMs();
          for (let p = path.controllerAt(t3); p < next; p += 1000) {
            const out = e.controllerTime(path.localAt(p));
            expect(out).toBeGreaterThanOrEqual(last);
            last = out;
            if (c > epoch + 60_000) errs.push(Math.abs(out - p));
          }
          c = next;
        }
        expect(Math.abs(e.quality().driftPpm - 300)).toBeLessThan(3);
        errs.sort((x, y) => x - y);
        quantiles.push([errs.length, errs[errs.length >> 1], errs[Math.floor(errs.length * 0.99)], errs[errs.length - 1]]);
      }
      const [ref, ...others] = quantiles;
      expect(ref[3]).toBeLessThan(3);
      for (const q of others) {
        expect(q[0]).toBe(ref[0]);
        for (let i = 1; i < 4; i++) expect(Math.abs(q[i] - ref[i])).toBeLessThan(0.02);
      }
    });
  }

  test('clock - error stays small long after the last exchange thanks to the drift estimate', () => {
    const path = new SyntheticPath({ ...base, seed: 12, jitterMs: 3 });
    const e = new ClockEstimator({ seed: 6 });
    const end = drive(e, path, 0, 50);
    const later = path.localAt(end + 60_000); // a minute with no exchange at all
    const err = e.controllerTime(later) - path.controllerAt(later);
    expect(Math.abs(err - 2)).toBeLessThan(2);
  });

  test('clock - a 2 s retransmission sample is rejected and does not move the estimate', () => {
    const path = new SyntheticPath(base);
    const e = new ClockEstimator({ seed: 5 });
    const c = drive(e, path, 1000, 30);
    const probe = path.localAt(c + 5000);
    const before = e.quality(probe);
    const outBefore = e.controllerTime(probe);
    const [t0, t1, t2, t3] = path.exchange(c, 2000, 0);
    expect(e.addSample(t0, t1, t2, t3)).toBe('rejected-outlier');
    const after = e.quality(probe);
    expect(after.offsetMs).toBe(before.offsetMs);
    expect(after.rejected).toBe(before.rejected + 1);
    expect(e.controllerTime(probe)).toBe(outBefore);
  });

  test('clock - invalid timestamps are refused without touching the estimate', () => {
    const e = new ClockEstimator();
    expect(e.addSample(Number.NaN, 1, 2, 3)).toBe('rejected-invalid');
    expect(e.addSample(10, 5, 6, 9)).toBe('rejected-invalid'); // response before request
    expect(e.addSample(0, 5, 4, 9)).toBe('rejected-invalid'); // server answered before receiving
    expect(e.quality().accepted).toBe(0);
    expect(e.quality().rejected).toBe(3);
    expect(e.quality().uncertaintyMs).toBe(Infinity);
  });

  test('clock - the first sample steps straight to its offset', () => {
    const e = new ClockEstimator();
    expect(e.controllerTime(100)).toBe(100);
    // offset 1000, symmetric 10 ms each way
    expect(e.addSample(100, 1110, 1110, 120)).toBe('accepted');
    expect(e.controllerTime(120)).toBeCloseTo(1120, 9);
    expect(e.quality().synced).toBe(false);
  });

  test('clock - a large forward error after sync is stepped, a large backward one slowed, never reversed', () => {
    const path = new SyntheticPath({ ...base, jitterMs: 2 });
    const e = new ClockEstimator({ seed: 3 });
    let c = drive(e, path, 0, 20);
    // The controller timebase jumps 300 ms ahead (e.g. a restarted controller).
    const ahead = new SyntheticPath({ ...base, jitterMs: 2, offsetMs: base.offsetMs + 300 });
    c += 300; // local time runs on; controller time is 300 ms further
    const before = e.controllerTime(ahead.localAt(c));
    const kinds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const [t0, t1, t2, t3] = ahead.exchange(c);
      e.addSample(t0, t1, t2, t3);
      kinds.push(e.lastCorrectionInfo().kind);
      c = ahead.controllerAt(t3) + e.nextExchangeInMs();
    }
    expect(kinds).toContain('step');
    const local = ahead.localAt(c);
    expect(e.controllerTime(local) - ahead.controllerAt(local)).toBeLessThan(10);
    expect(e.controllerTime(local)).toBeGreaterThan(before);
    // Now 300 ms back: the output must not run backwards; it runs slow until caught up.
    const back = new SyntheticPath({ ...base, jitterMs: 2 });
    c -= 300;
    let last = -Infinity;
    const start = c;
    let caughtUpBy = Infinity;
    for (let i = 0; i < 30; i++) {
      const [t0, t1, t2, t3] = back.exchange(c);
      e.addSample(t0, t1, t2, t3);
      const next = back.controllerAt(t3) + e.nextExchangeInMs();
      for (let l = t3; l < back.localAt(next); l += 7) {
        const out = e.controllerTime(l);
        expect(out).toBeGreaterThanOrEqual(last);
        last = out;
        if (Math.abs(out - back.controllerAt(l)) < 10 && caughtUpBy === Infinity) caughtUpBy = back.controllerAt(l) - start;
      }
      c = next;
    }
    expect(caughtUpBy).toBeLessThan(3000);
  });

  test('clock - degraded when the one-way delay exceeds the compensation bound', () => {
    const far = new SyntheticPath({ ...base, upBaseMs: 620, downBaseMs: 580, jitterMs: 5 });
    const e = new ClockEstimator();
    drive(e, far, 0, 12);
    expect(e.quality().degraded).toBe(true);
    const near = new ClockEstimator();
    drive(near, new SyntheticPath(base), 0, 12);
    expect(near.quality().degraded).toBe(false);
    const tight = new ClockEstimator({ compensationBoundMs: 15 });
    drive(tight, new SyntheticPath(base), 0, 12);
    expect(tight.quality().degraded).toBe(true);
  });

  test('clock - localTime inverts controllerTime, also while a correction is being slewed', () => {
    const path = new SyntheticPath(base);
    const e = new ClockEstimator({ seed: 9 });
    const c = drive(e, path, 0, 25);
    const l0 = path.localAt(c);
    for (let l = l0 - 2000; l < l0 + 2000; l += 37) {
      const cc = e.controllerTime(l);
      expect(Math.abs(e.localTime(cc) - l)).toBeLessThan(1e-6);
    }
  });

  test('clock - bad options are refused with a stable code', () => {
    expect(() => new ClockEstimator({ maxSlewRate: 2 })).toThrow(ClockError);
    try {
      new ClockEstimator({ minIntervalMs: 20_000 });
      throw new Error('not thrown');
    } catch (err) {
      expect((err as ClockError).code).toBe('CLOCK_BAD_OPTION');
    }
  });
});

describe('clock estimator monotonic', () => {
  test('monotonic - once synced, output never runs backwards over a long run with jumps both ways', () => {
    const rnd = createSeededRandom(77);
    let offset = 1_000_000;
    let path = new SyntheticPath({ ...base, offsetMs: offset, seed: 1 });
    const e = new ClockEstimator({ seed: 12 });
    let c = 0;
    let last = -Infinity;
    const corrections = new Set<string>();
    for (let i = 0; i < 400; i++) {
      if (i % 40 === 39) {
        // the controller timebase jumps by up to +-400 ms (re-based); local time runs on
        const jump = (rnd() - 0.5) * 800;
        offset += jump;
        c += jump;
        path = new SyntheticPath({ ...base, offsetMs: offset, seed: i, jitterMs: 1 + rnd() * 15 });
      }
      const spike = rnd() < 0.05 ? 1500 : 0;
      const [t0, t1, t2, t3] = path.exchange(c, spike, 0);
      e.addSample(t0, t1, t2, t3);
      corrections.add(e.lastCorrectionInfo().kind);
      const next = path.controllerAt(t3) + e.nextExchangeInMs();
      if (e.quality().synced) {
        for (let l = t3; l < path.localAt(next); l += 3 + rnd() * 40) {
          const out = e.controllerTime(l);
          expect(out).toBeGreaterThanOrEqual(last);
          last = out;
        }
      }
      c = next;
    }
    expect(corrections.has('slew')).toBe(true);
    expect(corrections.has('step')).toBe(true);
    expect(corrections.has('catch-up')).toBe(true);
  });
});
