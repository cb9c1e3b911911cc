import { ClockEstimator } from './clock-estimator.ts';
import type { ClockEstimatorOptions } from './types.ts';

/**
 * The exchange loop around a ClockEstimator, still free of I/O: it says when the single
 * timer should fire and whether to send a request then. The phone page wires it to a
 * WebSocket and setTimeout; the simulator wires it to simulated ones; both get the same
 * timing behaviour.
 *
 *   session.start(now, serverMs?)   page ready: the first exchange is due at once
 *   session.nextTimerLocal()        when to call onTimer (local ms)
 *   session.onTimer(now) -> bool    true: send a clock request now, stamped t0 = now
 *   session.onResponse(t0..t3)      an answer arrived (t3 = when its handler ran)
 *
 * One request is in flight at a time. If no answer comes within the estimator's timeout,
 * the timer fires with the request still in flight: that counts as a timeout and the next
 * request waits the backed-off delay; a late answer that still arrives before then is used.
 */
export class ClockSession {
  readonly estimator: ClockEstimator;
  private timerAt = Infinity;
  private inFlight = false;
  private sentAt = 0;

  constructor(options: ClockEstimatorOptions = {}, estimator?: ClockEstimator) {
    this.estimator = estimator ?? new ClockEstimator(options);
  }

  /** The page is ready at `localMs`; `serverMs`, if given, is the controller time the
   *  server stamped into the page (see ClockEstimator.seedFromPage). */
  start(localMs: number, serverMs?: number): void {
    if (serverMs !== undefined) this.estimator.seedFromPage(localMs, serverMs);
    this.inFlight = false;
    this.timerAt = localMs + this.estimator.nextExchangeInMs();
  }

  nextTimerLocal(): number {
    return this.timerAt;
  }

  onTimer(localMs: number): boolean {
    if (this.inFlight) {
      this.inFlight = false;
      this.estimator.noteTimeout();
      this.timerAt = localMs + this.estimator.nextExchangeInMs();
      return false;
    }
    this.inFlight = true;
    this.sentAt = localMs;
    this.timerAt = localMs + this.estimator.exchangeTimeoutMs();
    return true;
  }

  onResponse(t0: number, t1: number, t2: number, t3: number): void {
    this.estimator.addSample(t0, t1, t2, t3);
    // Only the answer to the current request re-arms the schedule; a stale one (its
    // request already given up) is still evidence, but the backed-off wait stands.
    if (this.inFlight && t0 === this.sentAt) {
      this.inFlight = false;
      this.timerAt = t3 + this.estimator.nextExchangeInMs();
    }
  }

  /** Controller time at a local instant. */
  now(localMs: number): number {
    return this.estimator.controllerTime(localMs);
  }
}
