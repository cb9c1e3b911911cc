/**
 * One four-timestamp exchange reduced to what the estimator uses (NTP, RFC 5905 §8):
 *   offset theta = ((t1 - t0) + (t2 - t3)) / 2   controller minus local, at the midpoint
 *   delay  delta = (t3 - t0) - (t2 - t1)         round trip minus server hold time
 * Whatever the split of delta between the two directions, the true offset lies within
 * theta +- delta/2; the split itself (asymmetry) cannot be observed.
 */
export interface Exchange {
  /** Local midpoint of the exchange, (t0 + t3) / 2. */
  midLocal: number;
  theta: number;
  delay: number;
}

/** Tolerated negative delay (timer granularity, clock rate error over the exchange), ms. */
export const NEGATIVE_DELAY_TOLERANCE_MS = 1;

/**
 * Fills `out` and returns true, or returns false if the timestamps are unusable.
 *
 * `resolutionMs` is the granularity of the local clock: a browser floors t0 and t3 to a
 * multiple of it, so each true instant lies in [reading, reading + resolution). The offset
 * then lies in [t2 - t3 - resolution, t1 - t0] (the request cannot arrive before the true t0,
 * nor the answer after the true t3): the exchange's centre moves down by half a resolution
 * and its width grows by one, so that every bound derived from it stays a true bound.
 */
export function reduceExchange(t0: number, t1: number, t2: number, t3: number, out: Exchange, resolutionMs = 0): boolean {
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || !Number.isFinite(t2) || !Number.isFinite(t3)) return false;
  if (t3 < t0 || t2 < t1) return false;
  const delay = t3 - t0 - (t2 - t1) + resolutionMs;
  if (delay < -NEGATIVE_DELAY_TOLERANCE_MS) return false;
  const half = resolutionMs / 2;
  out.midLocal = (t0 + t3) / 2 + half;
  out.theta = (t1 - t0 + (t2 - t3)) / 2 - half;
  out.delay = delay < 0 ? 0 : delay;
  return true;
}
