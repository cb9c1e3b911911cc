/**
 * When to run the next exchange. A burst at start (or after losing the estimate) gathers
 * enough samples for the bounds' intersection quickly. While the estimate is unsettled
 * (uncertainty above a threshold: typically a queue standing on the path since the join)
 * the interval stays at its minimum, within a budget of fast exchanges, so that the moment
 * the path clears is seen at once; when the bounds halve in one exchange a short burst
 * follows. Once settled (and a few exchanges after settling), the interval grows
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
  /** Uncertainty above which the estimate is still unsettled: the interval stays at
   *  `minIntervalMs` (within the fast budget), whatever the samples say, ms. */
  settleUncertaintyMs: number;
  /** Exchanges kept at `minIntervalMs` after the uncertainty first falls below
   *  `settleUncertaintyMs`, to confirm and tighten the new estimate. */
  settleExchanges: number;
  /** Fast exchanges allowed in a row while the estimate stays unsettled; after that the
   *  path is taken to be slow rather than queued and the schedule backs off: first
   *  `probeIntervalMs`, then growing by `intervalGrowth` up to `maxIntervalMs`. A marked
   *  improvement refills the budget. */
  maxFastExchanges: number;
  probeIntervalMs: number;
  /** Exchanges in the short burst after the bounds halve. */
  clearedBurst: number;
  /** Delay after an exchange that narrowed the bounds markedly, ms. */
  chaseIntervalMs: number;
}

export type ScheduleEvent = 'accepted' | 'improved' | 'cleared' | 'outlier' | 'timeout' | 'invalid';

export class ExchangeSchedule {
  private burstLeft: number;
  private interval: number;
  private timeouts = 0;
  private next = 0;
  /** Fast exchanges spent while unsettled, since the estimate was last settled. */
  private fastSpent = 0;
  /** Exchanges still to run at the minimum interval after settling. */
  private settleLeft = 0;
  /** Whether the latest sample left the estimate unsettled. */
  private unsettled = true;
  /** Whether the estimate has settled since the start (or the latest re-acquisition). */
  private settledOnce = false;

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

  /** Start a (possibly shorter) burst: the estimate was lost (`lost`: start over, as at
   *  the start, including the unsettled phase) or is being re-verified. */
  rearm(burstSize: number, lost = false): void {
    if (lost) {
      this.settledOnce = false;
      this.unsettled = true;
      this.fastSpent = 0;
    }
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
   *  `rateSigma` is the current frequency uncertainty (dimensionless), `uncertaintyMs` the
   *  estimate's uncertainty after the event (Infinity before the first sample). */
  note(event: ScheduleEvent, rateSigma: number, uncertaintyMs: number): void {
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
    // Unsettled counts only until the estimate first settles: later queues are refused by
    // the delay rule and leave a settled estimate alone, and a path whose floor sits near the
    // threshold must not flip in and out of the fast schedule.
    this.unsettled = !this.settledOnce && !(uncertaintyMs <= p.settleUncertaintyMs);
    if (this.unsettled) this.settleLeft = p.settleExchanges;
    else this.settledOnce = true;
    if (event === 'cleared' && this.burstLeft === 0) {
      // The bounds just halved: whatever held them wide (a queue) is gone. A few exchanges
      // in quick succession let the intersection catch a quiet moment in each direction.
      this.burstLeft = p.clearedBurst + 1;
      this.fastSpent = 0;
    }
    if (this.burstLeft > 0) {
      this.burstLeft--;
      if (this.burstLeft > 0) {
        this.next = this.jitter(p.burstSpacingMs);
        return;
      }
      this.interval = p.minIntervalMs;
    } else if (event === 'improved' || event === 'cleared') {
      // The bounds narrowed markedly: the path is getting better (a queue draining) and the
      // next exchange is likely better still. Chase it at a short interval; each such step
      // needs another marked narrowing, so their number is bounded by how far the bounds
      // can shrink (log(initial width / floor) / log(1 / 0.8)).
      this.interval = p.minIntervalMs;
      this.fastSpent = 0;
      this.next = this.jitter(p.chaseIntervalMs);
      return;
    } else if (this.unsettled) {
      // Unsettled: the next sample may be the one that shows the path has cleared (a queue
      // drained), so keep listening at the short interval, within the fast budget.
      if (this.fastSpent < p.maxFastExchanges) this.interval = p.minIntervalMs;
      else if (this.fastSpent === p.maxFastExchanges) this.interval = p.probeIntervalMs;
      else this.interval = Math.min(p.maxIntervalMs, this.interval * p.intervalGrowth);
      this.fastSpent++;
    } else if (this.settleLeft > 0) {
      this.settleLeft--;
      this.interval = p.minIntervalMs;
    } else if (event === 'accepted') {
      this.interval = Math.min(p.maxIntervalMs, this.interval * p.intervalGrowth);
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
