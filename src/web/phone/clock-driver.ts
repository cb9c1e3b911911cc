/**
 * Runs core/clock's ClockSession over a live connection, as `src/sim` runs it over a
 * simulated one: one `setTimeout` aimed at `nextTimerLocal()`, a `clockRequest` whenever
 * `onTimer` says so (encoded into one reused buffer), and every `clockResponse` handed to
 * `onResponse` with `t3` taken by the caller first thing in its message handler. Paused
 * while disconnected (the estimate keeps answering); resumed on each welcome without
 * losing its window.
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
  private readonly buf = new Uint8Array(CLOCK_REQUEST_BYTES);

  constructor(private readonly opts: ClockDriverOptions) {
    this.session = new ClockSession({ seed: opts.seed, timerResolutionMs: opts.timerResolutionMs }, opts.estimator);
    this.synced = this.session.estimator.quality().synced;
  }

  /** A connection was welcomed at local `t3`; `controllerMs` is the welcome's stamp, a
   *  coarse first estimate used only by a session that has never synced. */
  resume(t3: number, controllerMs: number): void {
    if (!this.started) this.session.start(t3, controllerMs);
    else this.session.start(t3); // re-arms the schedule; the request lost with the old socket is forgotten
    this.started = true;
    this.running = true;
    this.arm();
  }

  /** The connection is gone: no requests until the next resume. */
  pause(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** An answer arrived (t3 read when its handler started). Returns the round trip. */
  onResponse(t0: number, t1: number, t2: number, t3: number): number {
    this.session.onResponse(t0, t1, t2, t3);
    this.synced = this.session.estimator.quality().synced;
    this.exchanges++;
    this.lastRttMs = t3 - t0 - (t2 - t1);
    if (this.running) this.arm();
    return this.lastRttMs;
  }

  private arm(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    const wait = Math.max(0, this.session.nextTimerLocal() - this.opts.now());
    this.timer = setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.timer = null;
    if (!this.running) return;
    const t0 = this.opts.now();
    const send = this.session.onTimer(t0);
    this.synced = this.session.estimator.quality().synced;
    if (send) {
      this.seq = (this.seq + 1) >>> 0;
      encodeClockRequestInto(this.buf, this.seq, t0);
      this.opts.send(this.buf);
    }
    this.arm();
  }
}
