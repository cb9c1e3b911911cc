import { resolveOptions, type Resolved } from './clock-options.ts';
import { ClockError } from './errors.ts';
import { reduceExchange, type Exchange } from './exchange.ts';
import { ExchangeSchedule } from './exchange-schedule.ts';
import { OutputClock, type CorrectionKind } from './output-clock.ts';
import { SampleWindow, type FitParams, type FitResult } from './sample-window.ts';
import { createSeededRandom, foldSeed } from './seeded-random.ts';
import type {
  ClockEstimatorApi,
  ClockEstimatorOptions,
  ClockQuality,
  ClockSnapshot,
  SampleVerdict,
} from './types.ts';

/** Delay outlier rule: reject a sample slower than this many times the low-delay figure… */
const DELAY_OUTLIER_FACTOR = 3;
/** …plus this margin (so a LAN with 1 ms round trips does not reject a 4 ms one), ms. */
const DELAY_OUTLIER_MARGIN_MS = 10;
/** After this many consecutive rejections the path is assumed to have changed. */
const MAX_CONSECUTIVE_REJECTIONS = 4;
/** Samples in the short burst after losing the estimate or restoring a snapshot. */
const REARM_BURST = 5;
/** Extra tolerance of the consistency check, ms. */
const CONSISTENCY_MARGIN_MS = 1;
/** Offset error budget for frequency uncertainty between exchanges, ms. */
const DRIFT_BUDGET_MS = 0.5;
/** A sample that shrinks the bound width below this fraction of its previous value counts
 *  as an improvement (the schedule stays short). */
const IMPROVEMENT_RATIO = 0.8;
/** A sample that shrinks the bound width below this fraction means the path just cleared
 *  (a queue drained): a short burst follows. */
const CLEARED_RATIO = 0.5;
/** Exchanges in the short burst after the path cleared. */
const CLEARED_BURST = 3;
/** Delay after an exchange that narrowed the bounds markedly (a quarter of the default
 *  minimum interval), ms. */
const CHASE_INTERVAL_MS = 250;
/** A sample's bounds widen with its age by this many standard deviations of the
 *  frequency estimate. */
const WIDEN_SIGMAS = 1;
/** Floor of the modelled offset noise of a low-delay sample, ms. */
const NOISE_FLOOR_MS = 0.5;

/** Serialised form; see `snapshot()`. */
interface SnapshotV1 extends ClockSnapshot {
  version: 1;
  samples: [mid: number, theta: number, delay: number][];
  accepted: number;
  rejected: number;
  synced: boolean;
  latestLocal: number;
}

/**
 * crowdlight's clock-sync estimator. Pure: the caller runs the exchanges (sockets, timers)
 * and feeds their four timestamps in; the estimator answers what controller time it is.
 * See docs/clock-sync.md for the algorithm and the reasons behind each step.
 *
 * Scheduling contract: keep at most one exchange in flight. Run the first exchange right
 * away; after each response (`addSample`) or after giving up on one (`noteTimeout`), wait
 * `nextExchangeInMs()` from that moment. `nextExchangeInMs()` is fixed at each event, so it
 * may be read any number of times. A response that arrives after its timeout may still be
 * passed to `addSample`.
 */
export class ClockEstimator implements ClockEstimatorApi {
  private readonly o: Resolved;
  private readonly window: SampleWindow;
  private readonly out: OutputClock;
  private readonly schedule: ExchangeSchedule;
  private readonly fitParams: FitParams;
  private readonly fitResult: FitResult = {
    offset: 0, rate: 0, rateSigma: 0, refLocal: 0, bestDelay: Infinity, minDelay: Infinity, spread: 0, conflict: 0, count: 0,
  };
  private readonly ex: Exchange = { midLocal: 0, theta: 0, delay: 0 };
  private hasFit = false;
  private synced = false;
  private accepted = 0;
  private rejected = 0;
  private consecutiveRejections = 0;
  private inconsistentRun = 0;
  private latestLocal = -Infinity;
  private lastCorrection: CorrectionKind = 'none';
  private lastCorrectionMs = 0;
  /** Neither `random` nor `seed` given: the jitter generator is seeded from the exchanges
   *  seen before its first draw (see `autoRandom`). */
  private readonly autoSeed: boolean;
  private autoSeedValue = 1;
  private autoGenerator: (() => number) | null = null;
  private readonly autoRandom = (): number => {
    if (this.autoGenerator === null) this.autoGenerator = createSeededRandom(this.autoSeedValue);
    return this.autoGenerator();
  };

  constructor(options: ClockEstimatorOptions = {}) {
    this.o = resolveOptions(options);
    // A crowd that joined together must not draw the same jitter: without an explicit
    // source, the generator is seeded from the first exchange, which no two phones share.
    this.autoSeed = options.random === undefined && options.seed === undefined;
    const random = options.random ?? (this.autoSeed ? this.autoRandom : createSeededRandom(options.seed ?? 1));
    this.window = new SampleWindow(this.o.windowSize);
    this.out = new OutputClock(this.o);
    this.fitParams = {
      bestCount: this.o.bestCount,
      maxRate: this.o.maxDriftPpm * 1e-6,
      rate: {
        method: options.driftMethod ?? 'envelope',
        priorSigma: this.o.driftPriorPpm * 1e-6,
        envelopeNoiseMs: this.o.envelopeNoiseMs,
        noiseFloorMs: NOISE_FLOOR_MS,
      },
      method: options.offsetMethod ?? 'intersection',
      widenSigmas: WIDEN_SIGMAS,
      slowFactor: DELAY_OUTLIER_FACTOR,
      slowMarginMs: DELAY_OUTLIER_MARGIN_MS,
    };
    this.schedule = new ExchangeSchedule(
      {
        burstSize: this.o.burstSize,
        burstSpacingMs: this.o.burstSpacingMs,
        minIntervalMs: this.o.minIntervalMs,
        maxIntervalMs: this.o.maxIntervalMs,
        intervalGrowth: this.o.intervalGrowth,
        jitterFraction: this.o.jitterFraction,
        retryBaseMs: this.o.retryBaseMs,
        driftBudgetMs: DRIFT_BUDGET_MS,
        settleUncertaintyMs: this.o.settleUncertaintyMs,
        settleExchanges: this.o.settleExchanges,
        maxFastExchanges: this.o.maxFastExchanges,
        probeIntervalMs: this.o.probeIntervalMs,
        clearedBurst: CLEARED_BURST,
        chaseIntervalMs: CHASE_INTERVAL_MS,
      },
      random,
    );
  }

  /** Feed one completed exchange. */
  addSample(t0: number, t1: number, t2: number, t3: number): SampleVerdict {
    const ex = this.ex;
    if (this.autoSeed && this.autoGenerator === null) this.foldIntoSeed(t0, t1, t2, t3);
    if (!reduceExchange(t0, t1, t2, t3, ex, this.o.timerResolutionMs)) {
      this.rejected++;
      this.schedule.note('invalid', this.rateSigma(), this.uncertaintyAt(this.latestLocal));
      return 'rejected-invalid';
    }
    // The arrival's true instant is anywhere in [t3, t3 + resolution): take its centre.
    const arrival = t3 + this.o.timerResolutionMs / 2;
    if (arrival > this.latestLocal) this.latestLocal = arrival;
    const verdict = this.classify(ex, arrival);
    if (verdict === 'rejected-outlier') {
      this.rejected++;
      this.consecutiveRejections++;
      this.schedule.note('outlier', this.rateSigma(), this.uncertaintyAt(this.latestLocal));
      return verdict;
    }
    this.consecutiveRejections = 0;
    this.accepted++;
    const before = this.hasFit ? this.fitResult.bestDelay : Infinity;
    this.window.push(ex.midLocal, ex.theta, ex.delay);
    this.window.dropOlderThan(this.latestLocal - this.o.windowMaxAgeMs);
    this.refit();
    // A sample that tightened the bounds markedly says the path is getting better (a queue
    // draining, a retransmission burst over): keep probing at the short interval.
    const width = this.fitResult.bestDelay;
    const event = width < CLEARED_RATIO * before ? 'cleared' : width < IMPROVEMENT_RATIO * before ? 'improved' : 'accepted';
    this.schedule.note(event, this.rateSigma(), this.uncertaintyAt(this.latestLocal));
    return 'accepted';
  }

  private foldIntoSeed(a: number, b: number, c: number, d: number): void {
    this.autoSeedValue = foldSeed(foldSeed(foldSeed(foldSeed(this.autoSeedValue, a), b), c), d);
  }

  /** Record that an exchange got no answer in time; the schedule backs off. */
  noteTimeout(): void {
    this.schedule.note('timeout', this.rateSigma(), this.uncertaintyAt(this.latestLocal));
  }

  /** Delay before the next exchange, from the latest addSample/noteTimeout (or from
   *  construction/restore), jittered. */
  nextExchangeInMs(): number {
    return this.schedule.nextDelayMs;
  }

  /**
   * How long to wait for an answer before calling `noteTimeout()`, ms. Exchanges travel on
   * the page's WebSocket, i.e. over TCP: a slow answer is late (queueing, retransmission),
   * not lost, and a new request would only queue behind it. So the timeout is long; it is
   * there to recover from a request the server dropped, not to race the network.
   */
  exchangeTimeoutMs(): number {
    const rtt = this.hasFit ? this.fitResult.minDelay : 0;
    return Math.max(this.o.exchangeTimeoutMs, 4 * rtt);
  }

  /**
   * Provisional estimate from the page itself, before any exchange: the server stamped
   * `controllerMs` into the page when it generated it, and the page's script ran at local
   * `localMs`. Controller time at `localMs` is at least `controllerMs` (by the page's
   * download time), so this is a lower bound, good to a few hundred milliseconds; it only
   * serves until the first exchange answers and is ignored after that.
   */
  seedFromPage(localMs: number, controllerMs: number): void {
    if (this.hasFit || !Number.isFinite(localMs) || !Number.isFinite(controllerMs)) return;
    if (this.autoSeed && this.autoGenerator === null) this.foldIntoSeed(localMs, controllerMs, 0, 0);
    const local = localMs + this.o.timerResolutionMs / 2;
    this.out.setHard(controllerMs - local, 0, local);
  }

  controllerTime(localMs: number): number {
    if (!this.out.isInitialised) return localMs;
    return this.out.read(localMs);
  }

  localTime(controllerMs: number): number {
    if (!this.out.isInitialised) return controllerMs;
    return this.out.invert(controllerMs);
  }

  /** Quality figures; `localNowMs` (default: the latest sample's arrival) ages the
   *  uncertainty by the frequency uncertainty. */
  quality(localNowMs?: number): ClockQuality {
    const f = this.fitResult;
    const at = localNowMs ?? this.latestLocal;
    const now = Number.isFinite(at) ? at : this.out.state().lr;
    return {
      synced: this.synced,
      degraded: this.hasFit && f.minDelay / 2 > this.o.compensationBoundMs,
      uncertaintyMs: this.uncertaintyAt(now),
      offsetMs: this.out.isInitialised ? this.out.lineOffset(now) : 0,
      driftPpm: this.out.isInitialised ? this.out.rate * 1e6 : 0,
      rttMs: this.hasFit ? f.minDelay : Infinity,
      accepted: this.accepted,
      rejected: this.rejected,
    };
  }

  /** The most recent correction applied to the output (for diagnostics and tests). */
  lastCorrectionInfo(): { kind: CorrectionKind; errorMs: number } {
    return { kind: this.lastCorrection, errorMs: this.lastCorrectionMs };
  }

  /**
   * Bound on |output - controller time| at local `now`: half the width of the bounds'
   * intersection (what asymmetry can still hide; for 'median', half the best delay plus
   * half the spread of the samples whose median was taken), half any conflict between
   * bounds, 2 sigma of frequency error over the time since the reference, and whatever
   * correction is still being slewed in. Infinity before the first sample.
   */
  private uncertaintyAt(now: number): number {
    if (!this.hasFit) return Infinity;
    const f = this.fitResult;
    const age = Math.max(0, now - f.refLocal);
    return f.bestDelay / 2 + f.spread / 2 + f.conflict / 2 + 2 * f.rateSigma * age + Math.abs(this.out.residual(now));
  }

  private rateSigma(): number {
    return this.hasFit ? this.fitResult.rateSigma : this.fitParams.rate.priorSigma;
  }

  /** Decide whether an exchange may enter the window. */
  private classify(ex: Exchange, t3: number): SampleVerdict {
    if (!this.hasFit || this.window.size < 3) return 'accepted';
    const f = this.fitResult;
    const forced = this.consecutiveRejections >= MAX_CONSECUTIVE_REJECTIONS;
    const low = this.window.lowEffectiveDelay(ex.midLocal, f.rateSigma);
    if (!forced && ex.delay > DELAY_OUTLIER_FACTOR * low + DELAY_OUTLIER_MARGIN_MS) return 'rejected-outlier';
    // Consistency: the sample's interval theta +- delay/2 must overlap the prediction's.
    const predicted = f.offset + f.rate * (ex.midLocal - f.refLocal);
    const tolerance = ex.delay / 2 + this.uncertaintyAt(ex.midLocal) + CONSISTENCY_MARGIN_MS;
    if (Math.abs(ex.theta - predicted) <= tolerance) {
      this.inconsistentRun = 0;
      return 'accepted';
    }
    this.inconsistentRun++;
    if (this.inconsistentRun < 3 && !forced) return 'rejected-outlier';
    // Several samples in a row disagree with the model: the model is wrong (device slept
    // with its clock paused, snapshot restored against another base, controller re-based).
    // Start over from this sample. Its arrival is the newest local time there is: a
    // restored window whose local times lay in the future (a reload shift thrown off by a
    // wall-clock change) must not keep the age cut (and the output's pivot) ahead of it.
    this.inconsistentRun = 0;
    this.window.clear();
    this.latestLocal = t3;
    this.schedule.rearm(REARM_BURST, true);
    return 'accepted';
  }

  /** Fit the window, dropping the oldest samples while their bounds conflict: bounds that
   *  cannot all hold mean the clock relation changed (or the oldest samples outlived the
   *  frequency model), and the newest evidence wins. */
  private fitWindow(): boolean {
    const f = this.fitResult;
    if (!this.window.fit(this.fitParams, f)) return false;
    while (f.conflict > 0 && this.window.size > 1) {
      this.window.dropOldest();
      this.window.fit(this.fitParams, f);
    }
    this.hasFit = true;
    return true;
  }

  private refit(): void {
    const f = this.fitResult;
    if (!this.fitWindow()) return;
    const at = this.latestLocal;
    if (!this.synced) {
      // Acquisition: no rendering relies on the output yet, so follow the estimate exactly.
      const becomesSynced = this.accepted >= this.o.syncSamples;
      this.out.setHard(f.offset, f.rate, f.refLocal);
      this.synced = becomesSynced;
      this.lastCorrection = 'step';
      this.lastCorrectionMs = 0;
      return;
    }
    const r = this.out.adopt(f.offset, f.rate, f.refLocal, at);
    this.lastCorrection = r.kind;
    this.lastCorrectionMs = r.errorMs;
    if (r.kind === 'step' || r.kind === 'catch-up') this.schedule.rearm(REARM_BURST);
  }

  /**
   * A JSON-safe snapshot of the window and counters. Local times in it are in the
   * estimator's local timebase; see `restore` for reloads, where that base changes.
   */
  snapshot(): ClockSnapshot {
    const samples: [number, number, number][] = [];
    for (let i = 0; i < this.window.size; i++) {
      const k = this.window.at(i);
      samples.push([this.window.mid[k], this.window.theta[k], this.window.delay[k]]);
    }
    const s: SnapshotV1 = {
      version: 1,
      samples,
      accepted: this.accepted,
      rejected: this.rejected,
      synced: this.synced,
      latestLocal: Number.isFinite(this.latestLocal) ? this.latestLocal : 0,
    };
    return s;
  }

  /**
   * Rebuild an estimator from a snapshot. `localShiftMs` converts the snapshot's local
   * times into the new local timebase (new = old + shift): 0 when the monotonic clock is
   * the same (reconnect); across a page reload, where performance.now() restarts, pass
   * oldTimeOrigin - newTimeOrigin (both performance.timeOrigin, stored beside the snapshot).
   * The restored estimate is used at once and re-verified by a short burst; if the device
   * clock jumped meanwhile, the consistency rule discards it after a few exchanges.
   */
  static restore(snapshot: ClockSnapshot, options: ClockEstimatorOptions = {}, localShiftMs = 0): ClockEstimator {
    const s = snapshot as Partial<SnapshotV1>;
    if (s.version !== 1 || !Array.isArray(s.samples) || !Number.isFinite(localShiftMs)) {
      throw new ClockError('CLOCK_BAD_SNAPSHOT', 'unsupported or malformed clock snapshot');
    }
    const e = new ClockEstimator(options);
    for (const row of s.samples) {
      if (!Array.isArray(row) || row.length !== 3 || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        throw new ClockError('CLOCK_BAD_SNAPSHOT', 'malformed sample in clock snapshot');
      }
      e.window.push(row[0] + localShiftMs, row[1] - localShiftMs, row[2]);
      if (e.autoSeed) e.foldIntoSeed(row[0], row[1], row[2], localShiftMs);
    }
    e.accepted = typeof s.accepted === 'number' ? s.accepted : e.window.size;
    e.rejected = typeof s.rejected === 'number' ? s.rejected : 0;
    // Missing or non-finite (a snapshot not made by `snapshot()`): the newest exchange's
    // midpoint. A NaN here would poison every later output.
    let latest = -Infinity;
    for (let i = 0; i < e.window.size; i++) latest = Math.max(latest, e.window.mid[e.window.at(i)]);
    e.latestLocal = typeof s.latestLocal === 'number' && Number.isFinite(s.latestLocal) ? s.latestLocal + localShiftMs : latest;
    if (e.fitWindow()) {
      e.synced = s.synced === true;
      e.out.setHard(e.fitResult.offset, e.fitResult.rate, e.fitResult.refLocal);
      e.schedule.restart(REARM_BURST);
    }
    return e;
  }
}
