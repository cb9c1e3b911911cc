/**
 * LogHistogram (src/sim/histogram.ts) to and from its IPC/JSON form: only the non-empty
 * buckets travel, so a worker's result stays small whatever its sample count.
 */
import { LogHistogram } from '../histogram.ts';
import type { SerializedHistogram } from './types.ts';

export function serializeHistogram(h: LogHistogram): SerializedHistogram {
  const buckets: Array<[number, number]> = [];
  const c = h.counts;
  for (let i = 0; i < c.length; i++) if (c[i] !== 0) buckets.push([i, c[i]!]);
  return { buckets, count: h.count, infinite: h.infinite, max: h.max, sumUs: h.sumUs };
}

export function deserializeHistogram(s: SerializedHistogram): LogHistogram {
  const h = new LogHistogram();
  for (const [i, n] of s.buckets) if (i >= 0 && i < h.counts.length) h.counts[i] += n;
  h.count = s.count;
  h.infinite = s.infinite;
  h.max = s.max;
  h.sumUs = s.sumUs;
  return h;
}

/** One histogram holding every sample of `parts`. */
export function mergeHistograms(parts: readonly SerializedHistogram[]): LogHistogram {
  const h = new LogHistogram();
  for (const p of parts) h.merge(deserializeHistogram(p));
  return h;
}
