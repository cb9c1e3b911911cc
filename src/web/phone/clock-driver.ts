/**
 * Runs core/clock's ClockSession over a live connection, as `src/sim` runs it over a
 * simulated one: one `setTimeout` aimed at `nextTimerLocal()`, a `clockRequest` whenever
 * `onTimer` says so (encoded into one reused buffer), and every `clockResponse` handed to
 * `onResponse` with `t3` taken by the caller first thing in its message handler. Paused
 * while disconnected (the estimate keeps answering); resumed on each welcome without
 * losing its window, with one exchange at once (the new path, possibly a new edge, is
 * measured straight away and the join replay is known complete by its answer).
 *
 * A page can be hidden, frozen and put to sleep at any moment: an exchange in flight across
 * a visibility change may have spanned a freeze (its round trip is the freeze, not the
 * network) or a sleep during which the monotonic clock stopped (phones' `performance.now()`
 * does not advance while the device sleeps), so its answer is not used. On becoming visible
 * again a short burst of exchanges runs at once: if the clock stopped, the estimator sees
 * three disagreeing samples in a row and re-acquires within a second instead of after the
 * settled schedule's 15 s intervals.
 */
import { ClockSession, type ClockEstimator } from '../../core/clock/index.ts';
import { CLOCK_REQUEST_BYTES, encodeClockRequestInto } from '../../core/protocol/index.ts';

export interface ClockDriverOptions {
  now: () => number;
  seed: number;
  timerResolutionMs: number;
  /** A restored estimator (page reload); default a new one. */
  estimator?: ClockEstimator;
  /** Sends a frame on the current connection; false when there is none. */
  send: (frame: Uint8Array) => boolean;
}

/** Exchanges sent right away on becoming visible (three disagreeing samples re-acquire). */
export const WAKE_BURST = 3;
/** Spacing of the wake burst, ms. */
const WAKE_SPACING_MS = 100;

export class ClockDriver {
  readonly session: ClockSession;
  /** Answers received. */
  exchanges = 0;
  /** Network round trip of the latest exchange, t3 - t0 - (t2 - t1), ms. */
  lastRttMs = NaN;
  /** The estimator's `synced`, refreshed whenever it can change (after each exchange or
   *  timeout), so the render loop reads a field instead of building a quality report. */
  synced: boolean;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private started = false;
  private seq = 0;
  /** t0 of the request in flight, NaN when none. */
  private sentT0 = NaN;
  /** Answers to requests sent before this local instant are not used (a visibility change). */
  private voidBefore = -Infinity;
  /** Exchanges of the wake burst still to send. */
  private wakeLeft = 0;
  private readonly buf = new Uint8Array(CLOCK_REQUEST_BYTES);

  constructor(private readonly opts: ClockDriverOptions) {
    this.session = new ClockSession({ seed: opts.seed, timerResolutionMs: opts.timerResolutionMs }, opts.estimator);
    this.synced = this.session.estimator.quality().synced;
  }

  /** A connection was welcomed at local `t3`; `controllerMs` is the welcome's stamp, a
   *  coarse first estimate used only by a session that has never synced. */
  resume(t3: number, controllerMs: number): void {
    const again = this.started;
    // The request lost with the old socket is forgotten.
    if (!again) this.session.start(t3, controllerMs);
    else this.session.start(t3);
    this.sentT0 = NaN;
    this.started = true;
    this.running = true;
    // After a reconnect the schedule may be 15 s out: measure the new path now.
    if (again) this.fire();
    else this.arm();
  }

  /** The connection is gone: no requests until the next resume. */
  pause(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The page became hidden (or is about to be frozen) at local `now`. */
  hidden(now: number): void {
    this.voidBefore = now;
    this.wakeLeft = 0;
  }

  /** The page's own thread was just busy (a package parsed and compiled): an answer that
   *  waited for it measures the page, not the network, so the one in flight is not used. */
  voidInFlight(now: number): void {
    this.voidBefore = now;
  }

  /** The page is visible (or running) again at local `now`: what was in flight is not
   *  used, and a short burst of exchanges starts at once. */
  visible(now: number): void {
    this.voidBefore = now;
    // A sleep usually costs the socket too: then the burst starts with the next connection.
    this.wakeLeft = WAKE_BURST;
    if (!this.running) return;
    this.session.start(now);
    this.sentT0 = NaN;
    this.fire();
  }

  /** An answer arrived (t3 read when its handler started). Returns the round trip, or NaN
   *  for an answer not used (its request went out before a visibility change). */
  onResponse(t0: number, t1: number, t2: number, t3: number): number {
    const current = t0 === this.sentT0;
    if (current) this.sentT0 = NaN;
    if (t0 < this.voidBefore) {
      // Re-arm from the schedule as it stands, as if this exchange had never run.
      if (current) {
        this.session.start(t3);
        if (this.running) this.arm();
      }
      return NaN;
    }
    this.session.onResponse(t0, t1, t2, t3);
    this.synced = this.session.estimator.quality().synced;
    this.exchanges++;
    this.lastRttMs = t3 - t0 - (t2 - t1);
    if (this.running) this.arm(current && this.wakeLeft > 0 ? WAKE_SPACING_MS : Infinity);
    return this.lastRttMs;
  }

  /** Sets the one timer: at the session's next instant, or within `soonerMs`. */
  private arm(soonerMs = Infinity): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const wait = Math.min(soonerMs, Math.max(0, this.session.nextTimerLocal() - this.opts.now()));
    this.timer = setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.running) return;
    const t0 = this.opts.now();
    const send = this.session.onTimer(t0);
    this.synced = this.session.estimator.quality().synced;
    this.sentT0 = NaN;
    if (send) {
      this.seq = (this.seq + 1) >>> 0;
      encodeClockRequestInto(this.buf, this.seq, t0);
      if (this.opts.send(this.buf)) {
        this.sentT0 = t0;
        if (this.wakeLeft > 0) this.wakeLeft--;
      }
    }
    this.arm();
  }
}
