/**
 * Browsers coarsen `performance.now()` and animation-frame timestamps against timing
 * attacks: the reading is floored to a multiple of a fixed step (tens of microseconds to a
 * millisecond, more under fingerprinting protection). The page can find that step by reading
 * the clock in a tight loop: the readings repeat, then jump by exactly one step.
 */

/** Steps closer than this to each other are the same step (float rounding of the
 *  readings, which are large numbers of milliseconds with a fractional part), ms. */
const SAME_STEP_MS = 1e-6;

/**
 * The local clock's resolution from a series of successive readings, ms: the smallest
 * positive difference between consecutive readings, rounded to the nanosecond. Readings
 * that go backwards are ignored. With fewer than two distinct readings nothing can be said
 * and the answer is 0 (an exact clock, the estimator's default).
 *
 * Pure: the caller takes the readings (e.g. a loop of a few hundred `performance.now()`
 * calls, a millisecond or two of work). A slow loop can only overstate the step when it
 * never sees two readings one step apart; at a few hundred readings per step that does not
 * happen.
 */
export function estimateTimerResolution(readings: ArrayLike<number>): number {
  let best = Infinity;
  for (let i = 1; i < readings.length; i++) {
    const d = readings[i] - readings[i - 1];
    if (d > SAME_STEP_MS && d < best && Number.isFinite(d)) best = d;
  }
  if (best === Infinity) return 0;
  return Math.round(best / SAME_STEP_MS) / (1 / SAME_STEP_MS);
}
