/**
 * ClockDriver on a simulated connection: a page clock the test moves by hand, an edge that
 * answers with a fixed offset, and the requests the driver sends captured as t0 values.
 */
import { describe, expect, test } from 'bun:test';
import { newClockRequest, readClockRequest } from '../../../src/core/protocol/index.ts';
import { ClockDriver, WAKE_BURST } from '../../../src/web/phone/clock-driver.ts';

const OFFSET = 50_000;
const ONE_WAY = 10;

function harness() {
  let local = 1000;
  const sent: number[] = [];
  const req = newClockRequest();
  const driver = new ClockDriver({
    now: () => local,
    seed: 7,
    timerResolutionMs: 0,
    send: (frame) => {
      sent.push(readClockRequest(frame, req).t0);
      return true;
    },
  });
  /** The edge answers request `t0` after `rttMs` (split evenly), at local time t0 + rtt. */
  const answer = (t0: number, rttMs = 2 * ONE_WAY) => {
    local = Math.max(local, t0 + rttMs);
    const t1 = t0 + rttMs / 2 + OFFSET;
    return driver.onResponse(t0, t1, t1, t0 + rttMs);
  };
  const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return { driver, sent, answer, tick, at: (t: number) => (local = t), get local() { return local; } };
}

/** Runs exchanges until the driver is synced (the first burst). */
async function syncUp(h: ReturnType<typeof harness>): Promise<void> {
  h.driver.resume(h.local, h.local + OFFSET);
  for (let i = 0; i < 50 && !h.driver.synced; i++) {
    await h.tick(0);
    const t0 = h.sent.at(-1);
    if (t0 !== undefined) h.answer(t0);
    await h.tick(100); // burst spacing is 80 ms
  }
  expect(h.driver.synced).toBe(true);
}

describe('phone clock driver', () => {
  test('clock driver - an answer to a request sent before the page was hidden is used neither as a sample nor as a round trip', async () => {
    const h = harness();
    await syncUp(h);
    await h.tick(120);
    const t0 = h.sent.at(-1)!;
    const before = { exchanges: h.driver.exchanges, accepted: h.driver.session.estimator.quality().accepted };
    h.driver.hidden(h.local + 1);
    // The page was frozen for 30 s with the request in flight; the answer waited for it.
    expect(h.answer(t0, 30_000)).toBeNaN();
    expect(h.driver.exchanges).toBe(before.exchanges);
    expect(h.driver.session.estimator.quality().accepted).toBe(before.accepted);
    h.driver.pause();
  });

  test('clock driver - an answer held up by the page\'s own work (a package compiled) is not used', async () => {
    const h = harness();
    await syncUp(h);
    await h.tick(120);
    const t0 = h.sent.at(-1)!;
    const exchanges = h.driver.exchanges;
    h.driver.voidInFlight(h.local + 1); // the package was parsed and compiled meanwhile
    expect(h.answer(t0, 400)).toBeNaN();
    expect(h.driver.exchanges).toBe(exchanges);
    // The next request is answered and used as usual.
    await h.tick(150);
    const next = h.sent.at(-1)!;
    expect(next).toBeGreaterThan(t0);
    expect(h.answer(next)).toBe(2 * 10);
    h.driver.pause();
  });

  test('clock driver - becoming visible sends a burst of exchanges at once, and stale answers are ignored', async () => {
    const h = harness();
    await syncUp(h);
    h.driver.pause(); // nothing more from the schedule while the test drives the burst
    h.driver.resume(h.local, 0);
    await h.tick(0);
    const stale = h.sent.at(-1)!;
    h.driver.hidden(h.local + 1);
    h.at(h.local + 60_000);
    const n = h.sent.length;
    h.driver.visible(h.local);
    expect(h.sent.length).toBe(n + 1); // the first one synchronously, not after the schedule's delay
    expect(h.answer(stale, 60_000)).toBeNaN();
    for (let i = 1; i < WAKE_BURST; i++) {
      h.answer(h.sent.at(-1)!);
      await h.tick(150); // burst spacing 100 ms
      expect(h.sent.length).toBe(n + 1 + i);
    }
    h.driver.pause();
  });

  test('clock driver - after a reconnect the first exchange goes out at once, not at the schedule\'s next instant', async () => {
    const h = harness();
    await syncUp(h);
    h.driver.pause();
    const n = h.sent.length;
    h.driver.resume(h.local + 5, 0);
    expect(h.sent.length).toBe(n + 1);
    expect(h.sent.at(-1)).toBe(h.local);
    h.driver.pause();
  });
});
