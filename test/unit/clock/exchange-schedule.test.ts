import { describe, expect, test } from 'bun:test';
import { ClockEstimator } from '../../../src/core/clock/index.ts';
import { SyntheticPath, type PathModel } from './synthetic-path.ts';

const model: PathModel = { seed: 3, offsetMs: -5000, skewPpm: 30, upBaseMs: 15, downBaseMs: 15, jitterMs: 4 };

/** Delays the estimator asks for over `count` exchanges on a steady path. */
function delays(seed: number, count: number, m: PathModel = model): number[] {
  const path = new SyntheticPath(m);
  const e = new ClockEstimator({ seed });
  const out: number[] = [e.nextExchangeInMs()];
  let c = 0;
  for (let i = 0; i < count; i++) {
    const [t0, t1, t2, t3] = path.exchange(c);
    e.addSample(t0, t1, t2, t3);
    out.push(e.nextExchangeInMs());
    c = path.controllerAt(t3) + e.nextExchangeInMs();
  }
  return out;
}

describe('exchange schedule', () => {
  test('schedule - first exchange at once, a burst of ten, then intervals growing to about 15 s', () => {
    const d = delays(1, 60);
    expect(d[0]).toBe(0);
    for (let i = 1; i < 10; i++) {
      expect(d[i]).toBeGreaterThanOrEqual(80 * 0.8);
      expect(d[i]).toBeLessThanOrEqual(80 * 1.2);
    }
    expect(d[10]).toBeGreaterThanOrEqual(800);
    // growing while the frequency becomes known
    expect(d[20]).toBeGreaterThan(d[11]);
    const late = d.slice(40);
    for (const x of late) {
      expect(x).toBeGreaterThan(9000);
      expect(x).toBeLessThanOrEqual(15_000);
    }
    expect(Math.max(...d)).toBeLessThanOrEqual(15_000);
  });

  test('schedule - different seeds give different, jittered intervals', () => {
    const a = delays(1, 30);
    const b = delays(2, 30);
    expect(a.slice(1)).not.toEqual(b.slice(1));
    const distinct = new Set(a.slice(20).map((x) => Math.round(x)));
    expect(distinct.size).toBeGreaterThan(5);
    expect(delays(1, 30)).toEqual(a); // deterministic for a seed
  });

  test('schedule - without a seed, phones that join together still draw different jitter', () => {
    // Two phones with default options join at the same instant over paths that differ
    // only in their last digits (as any two real paths do). Their waits must not be the same
    // sequence: identical jitter would keep a crowd that joined together in lockstep.
    const run = (phone: number): number[] => {
      const path = new SyntheticPath({ ...model, seed: 40 + phone, upBaseMs: 15 + phone * 0.013 });
      const e = new ClockEstimator();
      const out: number[] = [];
      let c = 1.7e12;
      for (let i = 0; i < 12; i++) {
        const [t0, t1, t2, t3] = path.exchange(c);
        e.addSample(t0, t1, t2, t3);
        out.push(e.nextExchangeInMs() / (i < 9 ? 80 : 1000));
        c = path.controllerAt(t3) + e.nextExchangeInMs();
      }
      return out;
    };
    const a = run(1);
    const b = run(2);
    let same = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) < 1e-9) same++;
    expect(same).toBe(0);
    // Still a pure function of its inputs: the same exchanges give the same waits.
    expect(run(1)).toEqual(a);
  });

  test('schedule - interval shortens again after the estimate is lost and stepped', () => {
    const path = new SyntheticPath(model);
    const e = new ClockEstimator({ seed: 4 });
    let c = 0;
    for (let i = 0; i < 30; i++) {
      const [t0, t1, t2, t3] = path.exchange(c);
      e.addSample(t0, t1, t2, t3);
      c = path.controllerAt(t3) + e.nextExchangeInMs();
    }
    expect(e.nextExchangeInMs()).toBeGreaterThan(5000);
    const jumped = new SyntheticPath({ ...model, offsetMs: model.offsetMs + 2000 });
    c += 2000; // the controller timebase jumped; local time runs on
    let shortest = Infinity;
    for (let i = 0; i < 4; i++) {
      const [t0, t1, t2, t3] = jumped.exchange(c);
      e.addSample(t0, t1, t2, t3);
      shortest = Math.min(shortest, e.nextExchangeInMs());
      c = jumped.controllerAt(t3) + e.nextExchangeInMs();
    }
    expect(shortest).toBeLessThan(200);
  });

  test('schedule - consecutive timeouts back off exponentially, capped at 15 s', () => {
    const e = new ClockEstimator({ seed: 8, burstSize: 1 });
    const got: number[] = [];
    for (let i = 0; i < 8; i++) {
      e.noteTimeout();
      got.push(e.nextExchangeInMs());
    }
    expect(got[0]).toBeLessThanOrEqual(1200);
    expect(got[3]).toBeGreaterThan(8000 * 0.8 - 1);
    for (const g of got) expect(g).toBeLessThanOrEqual(15_000);
    expect(e.nextExchangeInMs()).toBe(got[7]); // fixed until the next event
  });
});
