/**
 * Figures read off a merged LogHistogram for the load report: rounded quantiles and a
 * plot-sized cumulative distribution.
 */
import type { LogHistogram } from '../../histogram.ts';
import type { Cdf, Quantiles } from '../types.ts';

/** Most points a plot's CDF carries (the JSON and the HTML stay small whatever the run). */
export const MAX_CDF_POINTS = 200;

/** Rounds to 3 decimals (1 us for ms figures); NaN for anything not finite. */
export function round3(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1000) / 1000 : NaN;
}

/** Finite number rounded to 3 decimals, else null (what a target row or the JSON shows). */
export function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? round3(v) : null;
}

/**
 * p50/p95/p99 of `h`, rounded. A quantile with no finite value (no samples, or the rank falls
 * among infinite samples) is NaN in memory and null in the report's JSON.
 */
export function quantilesOf(h: LogHistogram): Quantiles {
  return { p50: round3(h.quantile(0.5)), p95: round3(h.quantile(0.95)), p99: round3(h.quantile(0.99)) };
}

/**
 * The cumulative distribution of `h` as [value ms, fraction of all samples <= value] pairs,
 * ascending, at most MAX_CDF_POINTS of them (values to 5 significant digits). Each point is a bucket's value as
 * `LogHistogram.quantile` reports it; buckets are skipped while the fraction has grown by less
 * than 1/(MAX_CDF_POINTS - 2) since the last kept point, and the last finite bucket is always
 * kept, at the exact largest sample. Infinite samples count in the denominator, so such a curve ends below 1.
 */
export function cdfOf(h: LogHistogram): Cdf {
  const out: Cdf = [];
  if (h.count === 0) return out;
  const counts = h.counts;
  const minStep = 1 / (MAX_CDF_POINTS - 2);
  let last = counts.length - 1;
  while (last >= 0 && counts[last] === 0) last--;
  let before = 0;
  let keptFraction = 0;
  for (let i = 0; i <= last; i++) {
    const n = counts[i]!;
    if (n === 0) continue;
    const through = before + n;
    const fraction = through / h.count;
    if (out.length === 0 || fraction - keptFraction >= minStep || i === last) {
      // (before + 0.5) / count ranks to sample before + 1, the first one in bucket i.
      // The last finite point is the exact largest sample.
      const value = i === last ? h.max : h.quantile((before + 0.5) / h.count);
      out.push([Number(value.toPrecision(5)), Math.round(fraction * 1e6) / 1e6]);
      keptFraction = fraction;
    }
    before = through;
  }
  return out;
}
