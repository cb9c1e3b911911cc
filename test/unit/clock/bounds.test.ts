import { describe, expect, test } from 'bun:test';
import { ClockEstimator, createSeededRandom } from '../../../src/core/clock/index.ts';
import { Envelope } from '../../../src/core/clock/envelope.ts';
import { SyntheticPath } from './synthetic-path.ts';

/** Feed `count` exchanges from `path`, spaced by the estimator's own schedule. */
function feed(e: ClockEstimator, path: SyntheticPath, count: number, start = 0, up = () => 0, down = () => 0): number {
  let c = start;
  for (let i = 0; i < count; i++) {
    const [t0, t1, t2, t3] = path.exchange(c, up(), down());
    e.addSample(t0, t1, t2, t3);
    c = path.controllerAt(t3) + e.nextExchangeInMs();
  }
  return c;
}

describe('clock bounds', () => {
  test('bounds - intersection keeps the best uplink and the best downlink from different exchanges', () => {
    // Every exchange has a long queue in one direction or the other, never both small:
    // the lowest-delay exchange alone is off by a quarter of the queue, the intersection is not.
    const path = new SyntheticPath({ seed: 4, offsetMs: 5000, skewPpm: 0, upBaseMs: 10, downBaseMs: 10, jitterMs: 0.01 });
    const rnd = createSeededRandom(9);
    let flip = false;
    const up = () => ((flip = !flip) ? 40 * rnd() + 20 : 0.5 * rnd());
    const down = () => (flip ? 0.5 * rnd() : 40 * rnd() + 20);
    const inter = new ClockEstimator({ seed: 1 });
    const median = new ClockEstimator({ seed: 1, offsetMethod: 'median' });
    const c = feed(inter, path, 30, 0, up, down);
    flip = false;
    const rnd2 = createSeededRandom(9);
    const up2 = () => ((flip = !flip) ? 40 * rnd2() + 20 : 0.5 * rnd2());
    const down2 = () => (flip ? 0.5 * rnd2() : 40 * rnd2() + 20);
    feed(median, path, 30, 0, up2, down2);
    const local = path.localAt(c);
    const errInter = Math.abs(inter.controllerTime(local) - path.controllerAt(local));
    const errMedian = Math.abs(median.controllerTime(local) - path.controllerAt(local));
    expect(errInter).toBeLessThan(1);
    expect(errMedian).toBeGreaterThan(3);
    // The bound is the intersection's half-width: about half the base round trip here.
    expect(inter.quality(local).uncertaintyMs).toBeLessThan(12);
    expect(inter.quality(local).uncertaintyMs).toBeGreaterThan(errInter);
  });

  test('bounds - uncertainty is a bound: it covers the actual error over a long randomized run', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rnd = createSeededRandom(seed);
      const path = new SyntheticPath({
        seed, offsetMs: (rnd() - 0.5) * 7.2e6, skewPpm: (rnd() - 0.5) * 200,
        upBaseMs: 5 + rnd() * 40, downBaseMs: 5 + rnd() * 40, jitterMs: 1 + rnd() * 10,
      });
      const e = new ClockEstimator({ seed });
      let c = 0;
      for (let i = 0; i < 80; i++) {
        const [t0, t1, t2, t3] = path.exchange(c, rnd() < 0.05 ? 400 : 0, 0);
        e.addSample(t0, t1, t2, t3);
        const next = path.controllerAt(t3) + e.nextExchangeInMs();
        if (e.quality().synced) {
          for (let p = path.controllerAt(t3); p < next; p += 997) {
            const l = path.localAt(p);
            expect(Math.abs(e.controllerTime(l) - p)).toBeLessThanOrEqual(e.quality(l).uncertaintyMs);
          }
        }
        c = next;
      }
    }
  });

  test('bounds - a clock relation that changed drops the older, conflicting samples', () => {
    const path = new SyntheticPath({ seed: 8, offsetMs: 0, skewPpm: 20, upBaseMs: 15, downBaseMs: 15, jitterMs: 1 });
    const e = new ClockEstimator({ seed: 2 });
    let c = feed(e, path, 20);
    // The device clock stood still for 700 ms (suspended): controller minus local grows.
    const resumed = new SyntheticPath({ seed: 9, offsetMs: 700, skewPpm: 20, upBaseMs: 15, downBaseMs: 15, jitterMs: 1 });
    c = feed(e, resumed, 12, c + 700);
    const local = resumed.localAt(c);
    expect(Math.abs(e.controllerTime(local) - resumed.controllerAt(local))).toBeLessThan(2);
    expect(e.quality(local).uncertaintyMs).toBeLessThan(20);
  });

  test('bounds - the page timestamp gives a provisional estimate until the first exchange', () => {
    const e = new ClockEstimator();
    e.seedFromPage(1000, 1_700_000_000_000);
    expect(e.controllerTime(1500)).toBe(1_700_000_000_500);
    expect(e.quality().synced).toBe(false);
    expect(e.quality().uncertaintyMs).toBe(Infinity);
    e.addSample(2000, 1_700_000_001_120, 1_700_000_001_120, 2040); // true offset ~ +1_699_999_999_100
    e.seedFromPage(0, 0); // ignored once an exchange has answered
    expect(e.controllerTime(2040)).toBeCloseTo(1_700_000_001_140, 6);
  });
});

describe('clock envelope', () => {
  test('envelope - hull slope ignores one-sided spikes', () => {
    const n = 40;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    const rnd = createSeededRandom(3);
    for (let i = 0; i < n; i++) {
      xs[i] = i * 1000;
      ys[i] = 5 + 2e-5 * xs[i] + (rnd() < 0.3 ? 100 * rnd() : 0.05 * rnd());
    }
    const env = new Envelope(n);
    env.build(xs, ys, n, 1);
    expect(env.slopeAt(20_000)).toBeCloseTo(2e-5, 6);
    expect(env.slopeSensitivity(20_000)).toBeLessThan(1e-5);
    // Upper envelope of mirrored points gives the same slope.
    const neg = ys.map((y, i) => -y + 4e-5 * xs[i]);
    env.build(xs, neg, n, -1);
    expect(env.slopeAt(20_000)).toBeCloseTo(2e-5, 6);
  });
});

describe('clock quality', () => {
  test('quality - figures are finite and sane before any exchange and after only a page seed', () => {
    const e = new ClockEstimator();
    let q = e.quality();
    expect(q.offsetMs).toBe(0);
    expect(q.synced).toBe(false);
    expect(q.degraded).toBe(false);
    expect(q.rttMs).toBe(Infinity);
    e.seedFromPage(10, 5010);
    q = e.quality();
    expect(q.offsetMs).toBe(5000);
    expect(q.driftPpm).toBe(0);
  });
});
