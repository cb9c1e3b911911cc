import { describe, expect, test } from 'bun:test';
import { ClockSession } from '../../../src/core/clock/index.ts';
import { SyntheticPath } from './synthetic-path.ts';

describe('clock session', () => {
  test('session - sends at once, then paces requests by the estimator schedule', () => {
    const path = new SyntheticPath({ seed: 2, offsetMs: 7000, skewPpm: 10, upBaseMs: 12, downBaseMs: 10, jitterMs: 2 });
    const s = new ClockSession({ seed: 4 });
    s.start(500);
    expect(s.nextTimerLocal()).toBe(500);
    let sends = 0;
    let local = 500;
    while (sends < 15) {
      local = s.nextTimerLocal();
      expect(s.onTimer(local)).toBe(true);
      sends++;
      const [, t1, t2, t3] = path.exchange(path.controllerAt(local));
      s.onResponse(local, t1, t2, t3);
      expect(s.nextTimerLocal()).toBeGreaterThan(t3);
    }
    expect(s.estimator.quality().synced).toBe(true);
    expect(Math.abs(s.now(local) - path.controllerAt(local) - 1)).toBeLessThan(2);
  });

  test('session - an unanswered request times out, backs off, and a late answer is still used', () => {
    const s = new ClockSession({ seed: 1 });
    s.start(0);
    expect(s.onTimer(0)).toBe(true);
    const deadline = s.nextTimerLocal();
    expect(deadline).toBeGreaterThanOrEqual(2000);
    expect(s.onTimer(deadline)).toBe(false); // timed out: no new request yet
    const retry = s.nextTimerLocal();
    expect(retry).toBeGreaterThan(deadline);
    s.onResponse(0, 100_000, 100_000, deadline + 10); // the late answer
    expect(s.estimator.quality().accepted).toBe(1);
    expect(s.nextTimerLocal()).toBe(retry);
    expect(s.onTimer(retry)).toBe(true);
  });
});
