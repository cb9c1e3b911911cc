/**
 * The public contract of crowdlight's clock-sync estimator (core/clock).
 *
 * Timestamps follow the four-timestamp exchange used by NTP:
 *   t0  local time when the request left the device
 *   t1  controller time when the server received it
 *   t2  controller time when the server sent the response
 *   t3  local time when the response reached the device
 * All values are milliseconds as float64. "Local" is whatever monotonic clock the caller
 * uses (performance.now() in a browser); "controller" is the controller's timebase.
 */

/** Figures describing how well the device knows controller time. */
export interface ClockQuality {
  /** True once the estimator has enough samples to be trusted for rendering. */
  synced: boolean;
  /** True when the path is so bad (one-way delay beyond the compensation bound) that the
   *  estimate cannot be trusted to the usual precision. */
  degraded: boolean;
  /** Estimated bound on |estimated controller time - true controller time|, ms. */
  uncertaintyMs: number;
  /** Offset of the estimate's line at the queried local time (controller = local + offset),
   *  ms. The output converges to it; while a correction is still being slewed in, the output
   *  differs from it by that remainder, which `uncertaintyMs` includes. */
  offsetMs: number;
  /** Current frequency correction, parts per million (clamped to +-500): the rate at which
   *  controller - local grows per unit of local time. A device clock running fast shows a
   *  negative value. */
  driftPpm: number;
  /** Minimum round-trip delay among recent good samples, ms. */
  rttMs: number;
  /** Samples accepted so far / rejected as outliers so far. */
  accepted: number;
  rejected: number;
}

/** What the estimator did with one exchange. */
export type SampleVerdict = 'accepted' | 'rejected-outlier' | 'rejected-invalid';

/** A serialisable snapshot so a page can keep its estimate across a reconnect or reload. */
export interface ClockSnapshot {
  version: 1;
  [key: string]: unknown;
}

export interface ClockEstimatorApi {
  addSample(t0: number, t1: number, t2: number, t3: number): SampleVerdict;
  /** Controller time for a local instant; monotonic in localMs for a given estimator. */
  controllerTime(localMs: number): number;
  /** Local time for a controller instant (inverse of controllerTime). */
  localTime(controllerMs: number): number;
  /** How long to wait, from the latest sample, before the next exchange (jittered). */
  nextExchangeInMs(): number;
  quality(): ClockQuality;
  snapshot(): ClockSnapshot;
}

/** Tuning of the estimator. Every field is optional; defaults are documented per field and
 *  in docs/clock-sync.md. */
export interface ClockEstimatorOptions {
  /** Uniform [0,1) source used only to jitter the exchange schedule. Pass a seeded PRNG;
   *  the default is an internal seeded generator (see `seed`), never Math.random. */
  random?: () => number;
  /** Seed of the internal generator when `random` is not given. Default: none, and the
   *  generator is seeded from the page timestamp and the first exchange's four timestamps
   *  (which differ between any two phones, so a crowd that joined together does not draw the
   *  same jitter; the schedule stays a pure function of the inputs). */
  seed?: number;
  /** Exchanges in the initial burst. Default 10. */
  burstSize?: number;
  /** Spacing between burst exchanges, ms (before jitter). Default 80. */
  burstSpacingMs?: number;
  /** Shortest interval between exchanges once the burst is over, ms. Default 1000. */
  minIntervalMs?: number;
  /** Longest interval between exchanges, ms. Default 15000. */
  maxIntervalMs?: number;
  /** Factor by which the interval grows after each consistent sample. Default 1.6. */
  intervalGrowth?: number;
  /** Relative schedule jitter: each delay is multiplied by 1 +- this. Default 0.2. */
  jitterFraction?: number;
  /** Base delay before retrying after a timed-out exchange, doubled per consecutive
   *  timeout up to maxIntervalMs. Default 1000. */
  retryBaseMs?: number;
  /** Shortest wait for an answer before an exchange counts as timed out, ms. Default 10000
   *  (the transport is TCP: late is not lost). */
  exchangeTimeoutMs?: number;
  /** One-way delay beyond which the path is declared degraded, ms. Default 500. */
  compensationBoundMs?: number;
  /** Corrections larger than this are stepped (forward) or caught up fast (backward), ms.
   *  Default 50. */
  stepThresholdMs?: number;
  /** Shortest duration over which a small correction is spread, ms. Default 500. */
  minSlewMs?: number;
  /** Largest slew rate for small corrections, ms of correction per ms. Default 0.05. */
  maxSlewRate?: number;
  /** Rate at which a large backward correction is absorbed (the clock runs at 1 - rate
   *  speed, never backwards). Default 0.4. */
  catchUpRate?: number;
  /** Samples kept for estimation. Default 48. */
  windowSize?: number;
  /** Samples older than this (local ms) are dropped from the window. Default 600000. */
  windowMaxAgeMs?: number;
  /** How the offset is derived from the window: 'intersection' of every exchange's bounds
   *  (default) or 'median' of the `bestCount` lowest-delay exchanges. */
  offsetMethod?: 'intersection' | 'median';
  /** How the frequency is estimated: slopes of the 'envelope's of the one-way bounds
   *  (default) or delay-weighted 'regression' of offsets. */
  driftMethod?: 'envelope' | 'regression';
  /** Floor of the noise of an envelope vertex, ms (the frequency uncertainty is at least
   *  this over the length of the hull edge used). Default 1. */
  envelopeNoiseMs?: number;
  /** Number of lowest-delay samples whose median gives the offset ('median'). Default 3. */
  bestCount?: number;
  /** Clamp of the frequency estimate, ppm. Default 500. */
  maxDriftPpm?: number;
  /** Prior standard deviation of device frequency error, ppm. Default 100. */
  driftPriorPpm?: number;
  /** Accepted samples needed before `synced` is reported. Default 5. */
  syncSamples?: number;
  /** Uncertainty (ms) above which the estimate counts as unsettled: the schedule keeps the
   *  minimum interval, however consistent the samples, within `maxFastExchanges`.
   *  Default 50. */
  settleUncertaintyMs?: number;
  /** Exchanges kept at the minimum interval once the estimate settles. Default 5. */
  settleExchanges?: number;
  /** Fast exchanges allowed in a row while unsettled; after them the schedule backs off
   *  (see `probeIntervalMs`). Default 20. */
  maxFastExchanges?: number;
  /** First interval once the fast budget is spent while still unsettled; it then grows by
   *  `intervalGrowth` up to `maxIntervalMs`, ms. Default 4000. */
  probeIntervalMs?: number;
  /** Granularity of the local clock, ms: browsers floor `performance.now()` to a multiple of
   *  it against timing attacks (see `estimateTimerResolution`). Each local timestamp is
   *  then taken as the centre of [reading, reading + resolution) and every exchange's
   *  bounds are widened by it, so the offset is unbiased and the bounds stay true.
   *  `controllerTime`/`localTime` still map exact local instants. Default 0 (exact). */
  timerResolutionMs?: number;
}

/** Timing of one rendered frame, all in local milliseconds. */
export interface FrameTiming {
  /** Predicted local time at which this frame reaches the screen. */
  presentLocalMs: number;
  /** Estimated display refresh period. */
  periodMs: number;
  /** Local instant whose show state this frame should display. */
  targetLocalMs: number;
}

export interface FrameClockOptions {
  /** Frames between the animation-frame callback's vsync and the vsync at which the frame
   *  is shown. Default 1. */
  pipelineDepth?: number;
  /** Period assumed before any measurement, ms. Default 1000/60. */
  initialPeriodMs?: number;
  /** Timestamps kept for the period and phase fit. Default 120. */
  windowSize?: number;
  /** A gap longer than this (ms) restarts the phase fit (page hidden, tab switched).
   *  Default 1000. */
  maxGapMs?: number;
  /** Granularity of the callback timestamps, ms (the browser floors them like
   *  `performance.now()`). Each timestamp is read as lying in [ts, ts + resolution). Default 0. */
  timerResolutionMs?: number;
}
