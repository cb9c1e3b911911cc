/**
 * When to run the next exchange. A burst at start (or after losing the estimate) gathers
 * enough samples for min-delay selection quickly; afterwards the interval grows
 * geometrically while samples keep agreeing, is capped by how fast the frequency
 * uncertainty erodes the offset, shrinks on disagreement, and backs off exponentially on
 * timeouts. Every delay is jittered so a stadium of phones that joined together does not
 * keep hitting the server in lockstep.
 */
export interface ScheduleParams {
  burstSize: number;
  burstSpacingMs: number;
  minIntervalMs: number;
  maxIntervalMs: number;
  intervalGrowth: number;
  jitterFraction: number;
  retryBaseMs: number;
  /** Offset error allowed to accumulate from frequency uncertainty between exchanges, ms. */
  driftBudgetMs: number;
}

export type ScheduleEvent = 'accepted' | 'improved' | 'outlier' | 'timeout' | 'invalid';

export class ExchangeSchedule {
  private burstLeft: number;
  private interval: number;
  private timeouts = 0;
  private next = 0;

  constructor(
    private readonly p: ScheduleParams,
    private readonly random: () => number,
  ) {
    this.burstLeft = p.burstSize;
    this.interval = p.minIntervalMs;
  }

  /** Delay before the next exchange, measured from the latest event. */
  get nextDelayMs(): number {
    return this.next;
  }

  get inBurst(): boolean {
    return this.burstLeft > 0;
  }

  get currentIntervalMs(): number {
    return this.interval;
  }

  /** Start a (possibly shorter) burst: the estimate was lost or is being re-verified. */
  rearm(burstSize: number): void {
    this.burstLeft = Math.max(this.burstLeft, burstSize);
    this.interval = this.p.minIntervalMs;
    this.next = this.jitter(this.p.burstSpacingMs);
  }

  /** Replace any burst in progress by one of exactly `burstSize` exchanges, the first of
   *  them soon (used after restoring a snapshot). */
  restart(burstSize: number): void {
    this.burstLeft = burstSize;
    this.interval = this.p.minIntervalMs;
    this.next = this.jitter(this.p.burstSpacingMs);
  }

  /** Record what happened to an exchange and fix the delay to the next one.
   *  `rateSigma` is the current frequency uncertainty (dimensionless). */
  note(event: ScheduleEvent, rateSigma: number): void {
    const p = this.p;
    if (event === 'timeout') {
      this.timeouts++;
      // Back off: a timeout in a crowd usually means a congested path or a loaded server.
      const wait = Math.min(p.maxIntervalMs / (1 + p.jitterFraction), p.retryBaseMs * 2 ** (this.timeouts - 1));
      if (this.burstLeft > 0) this.burstLeft--;
      this.next = this.jitter(wait);
      return;
    }
    this.timeouts = 0;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      if (this.burstLeft > 0) {
        this.next = this.jitter(p.burstSpacingMs);
        return;
      }
      this.interval = p.minIntervalMs;
    } else if (event === 'accepted') {
      this.interval = Math.min(p.maxIntervalMs, this.interval * p.intervalGrowth);
    } else if (event === 'improved') {
      this.interval = p.minIntervalMs;
    } else {
      this.interval = Math.max(p.minIntervalMs, this.interval / 2);
    }
    // Frequency uncertainty turns into offset error at 2 sigma * elapsed time.
    const driftCap = rateSigma > 0 ? p.driftBudgetMs / (2 * rateSigma) : Infinity;
    // Cap before jitter so that no delay exceeds maxIntervalMs.
    const ceiling = p.maxIntervalMs / (1 + p.jitterFraction);
    const wait = Math.max(p.minIntervalMs, Math.min(this.interval, driftCap, ceiling));
    this.next = this.jitter(wait);
  }

  private jitter(ms: number): number {
    const j = this.p.jitterFraction;
    return ms * (1 + j * (2 * this.random() - 1));
  }
}
