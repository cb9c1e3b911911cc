/**
 * Measures the step of the page's clock (`performance.now()` is floored to 5 µs, 100 µs or
 * 1 ms depending on the browser; docs/clock-sync.md, section 1a). The readings must span
 * several steps: a fixed count of readings is not enough, since a few hundred calls take
 * tens of microseconds and on Safari's 1 ms clock would all fall within one step, which
 * reads as an exact clock. So the loop runs until it has seen a few distinct readings, or
 * until a small time budget is spent (a clock coarser than that reads as exact).
 */
import { estimateTimerResolution } from '../../core/clock/index.ts';

/** Distinct readings to collect: the step is the smallest of their differences, so a
 *  reading delayed by the scheduler (a bigger jump) does not matter as long as one of the
 *  differences is a single step. A 5 µs clock gives them in 25 µs, a 1 ms clock in 5 ms. */
const DISTINCT = 6;

/** The clock's step, ms (0 when it did not move within `budgetMs`). */
export function measureClockStep(now: () => number, budgetMs = 12): number {
  const readings = new Float64Array(DISTINCT);
  let n = 1;
  const start = (readings[0] = now());
  // Bounded by calls as well as by time: a clock that never moves still ends the loop.
  for (let calls = 0; n < DISTINCT && calls < 1e6; calls++) {
    const t = now();
    if (t !== readings[n - 1]) readings[n++] = t;
    if (t - start > budgetMs) break;
  }
  return estimateTimerResolution(readings.subarray(0, n));
}
