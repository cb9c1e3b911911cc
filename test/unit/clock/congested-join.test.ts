import { describe, expect, test } from 'bun:test';
import { ClockEstimator, createSeededRandom } from '../../../src/core/clock/index.ts';
import { SampleWindow, type FitParams, type FitResult } from '../../../src/core/clock/sample-window.ts';
import { SyntheticPath, type PathModel } from './synthetic-path.ts';

const model: PathModel = { seed: 11, offsetMs: 42_000, skewPpm: 0, upBaseMs: 20, downBaseMs: 20, jitterMs: 2 };

/** Queueing delay standing on the path at controller time `c`: [uplink, downlink], ms. */
type Queue = (c: number) => [number, number];

interface Step {
  /** controller time the exchange started */
  at: number;
  /** the wait the estimator asked for after it */
  wait: number;
  /** |controller time estimate - truth| at the answer, ms */
  error: number;
}

/** Exchanges scheduled by the estimator itself from controller time `startMs` (the first
 *  one at once) until `endMs`. */
function drive(e: ClockEstimator, path: SyntheticPath, queue: Queue, endMs: number, startMs = 0): Step[] {
  const out: Step[] = [];
  let c = startMs;
  while (c < endMs) {
    const [up, down] = queue(c);
    const [t0, t1, t2, t3] = path.exchange(c, up, down);
    e.addSample(t0, t1, t2, t3);
    const wait = e.nextExchangeInMs();
    const truth = path.controllerAt(t3);
    out.push({ at: c, wait, error: Math.abs(e.controllerTime(t3) - truth) });
    c = truth + wait;
  }
  return out;
}

/** A queue of `upMs` + `downMs` standing from the start until `untilMs`, then gone. */
const standing = (upMs: number, downMs: number, untilMs: number): Queue => (c) => (c < untilMs ? [upMs, downMs] : [0, 0]);

describe('congested join', () => {
  test('schedule - stays at the minimum interval while the estimate is unsettled, however consistent the samples', () => {
    const e = new ClockEstimator({ seed: 3 });
    const steps = drive(e, new SyntheticPath(model), standing(160, 240, Infinity), 20_000);
    expect(e.quality().uncertaintyMs).toBeGreaterThan(150);
    const after = steps.slice(10); // after the initial burst of ten
    expect(after.length).toBeGreaterThan(8);
    for (const s of after) expect(s.wait).toBeLessThanOrEqual(1000 * 1.2);
  });

  test('schedule - under a queue that never drains, at most maxFastExchanges fast exchanges, then probes back off', () => {
    const e = new ClockEstimator({ seed: 5, maxFastExchanges: 12 });
    const steps = drive(e, new SyntheticPath(model), standing(300, 300, Infinity), 600_000);
    const fast = steps.slice(10).filter((s) => s.wait < 2000).length;
    expect(fast).toBeLessThanOrEqual(12);
    expect(fast).toBeGreaterThanOrEqual(10);
    // backing off to the ordinary ceiling: the last waits are long
    for (const s of steps.slice(-5)) expect(s.wait).toBeGreaterThan(15_000 / 1.6 * 0.8);
    // bounded load: ten minutes cost the burst, the fast budget and ~4/min of probes
    expect(steps.length).toBeLessThan(10 + 12 + 60);
  });

  test('schedule - a draining queue is chased at a short interval and the estimate settles soon after', () => {
    const drainAt = 12_000;
    const e = new ClockEstimator({ seed: 7 });
    // split so that the correction after the drain stays under the step threshold (it is
    // slewed, not stepped, so no re-verification burst is involved)
    const steps = drive(e, new SyntheticPath(model), standing(260, 340, drainAt), 30_000);
    const firstClean = steps.findIndex((s) => s.at >= drainAt);
    expect(firstClean).toBeGreaterThan(10);
    // the first clean exchange halves the bounds: the next one follows within a few hundred ms
    expect(steps[firstClean].wait).toBeLessThan(400);
    // within 2.5 s of the drain the output is, and stays, within 3 ms of the truth
    const settled = steps.filter((s) => s.at > drainAt + 2500);
    expect(settled.length).toBeGreaterThan(3);
    for (const s of settled) expect(s.error).toBeLessThan(3);
  });

  test('schedule - once settled, a later queue does not bring back the fast phase', () => {
    const e = new ClockEstimator({ seed: 9 });
    const episode = (c: number): [number, number] => (c > 60_000 && c < 120_000 ? [400, 600] : [0, 0]);
    const steps = drive(e, new SyntheticPath(model), episode, 180_000);
    const during = steps.filter((s) => s.at > 60_000 && s.at < 120_000);
    // refused as too slow, these exchanges leave the estimate alone; the schedule halves on
    // refusals (about 1 to 2 s) but does not run a fast budget on top
    expect(during.length).toBeLessThan(45);
    for (const s of during) expect(s.error).toBeLessThan(3);
  });

  test('window - exchanges slower than the delay rule allows are left out of the frequency fit', () => {
    const params: FitParams = {
      bestCount: 3,
      maxRate: 500e-6,
      rate: { method: 'envelope', priorSigma: 100e-6, envelopeNoiseMs: 1, noiseFloorMs: 0.5 },
      method: 'intersection',
      widenSigmas: 1,
      slowFactor: 3,
      slowMarginMs: 10,
    };
    const fit = (w: SampleWindow): FitResult => {
      const out: FitResult = { offset: 0, rate: 0, rateSigma: 0, refLocal: 0, bestDelay: 0, minDelay: 0, spread: 0, conflict: 0, count: 0 };
      w.fit(params, out);
      return out;
    };
    // A clock drifting by 40 ppm, seen through 40 ms round trips with a little jitter...
    const clean = new SampleWindow(48);
    const mixed = new SampleWindow(48);
    const random = createSeededRandom(21);
    for (let i = 0; i < 24; i++) {
      const t = 20_000 + i * 1000;
      const up = 20 + 3 * random();
      const down = 20 + 3 * random();
      const theta = 40e-6 * t + (up - down) / 2;
      clean.push(t, theta, up + down);
    }
    // ...and the same, preceded by twenty exchanges in a draining, one-sided queue.
    for (let i = 0; i < 20; i++) {
      const t = i * 1000;
      const queue = 900 - 40 * i; // down to 140 ms: all beyond 3 x 40 + 10
      mixed.push(t, 40e-6 * t + queue / 2, 40 + queue);
    }
    for (let i = 0; i < clean.size; i++) {
      const k = clean.at(i);
      mixed.push(clean.mid[k], clean.theta[k], clean.delay[k]);
    }
    const a = fit(clean);
    const b = fit(mixed);
    expect(b.rate).toBe(a.rate);
    expect(b.rateSigma).toBe(a.rateSigma);
    expect(b.count).toBe(44); // still in the window: they still bound the offset
  });

  test('estimator - a re-acquisition re-opens the unsettled phase', () => {
    const e = new ClockEstimator({ seed: 17 });
    const path = new SyntheticPath(model);
    const before = drive(e, path, () => [0, 0], 60_000);
    expect(e.nextExchangeInMs()).toBeGreaterThan(2000);
    const resume = before[before.length - 1].at + 3000;
    // the controller re-based by 5 s and the new path is queued: the estimate is lost and
    // rebuilt from wide bounds, so the schedule keeps the short interval again
    const moved = new SyntheticPath({ ...model, offsetMs: model.offsetMs + 5000 });
    const steps = drive(e, moved, standing(300, 300, Infinity), resume + 40_000, resume + 5000);
    expect(e.quality().uncertaintyMs).toBeGreaterThan(100);
    const lost = steps.findIndex((s) => s.wait < 200); // the re-acquisition burst
    expect(lost).toBeGreaterThanOrEqual(0);
    const later = steps.slice(lost).filter((s) => s.wait >= 200);
    expect(later.length).toBeGreaterThan(8);
    for (const s of later.slice(0, 8)) expect(s.wait).toBeLessThanOrEqual(1200);
  });
});
