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
  /** Current offset applied: controller = local + offset (at the latest reference), ms. */
  offsetMs: number;
  /** Current frequency correction, parts per million (clamped to +-500). */
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
