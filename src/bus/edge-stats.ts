/**
 * What each edge reports to the controller about once a second (Subjects.stats, UTF-8 JSON).
 * The controller sums the reports of live edges (a report older than STATS_STALE_MS drops
 * out) for /api/status, the console and the adaptive lead time.
 */
export interface EdgeStats {
  edgeId: string;
  /** Controller time of the report. */
  atMs: number;
  /** Open phone sockets that have said hello. */
  connections: number;
  /** Phones whose last `ready` names this show: key `${showId}.${showVersion}`. */
  ready: Record<string, number>;
  /** Phones whose latest quality report says synced / degraded. */
  synced: number;
  degraded: number;
  /** Counts of the latest quality report's rttMs per phone, bucketed by LATENCY_BUCKETS_MS
   *  (bucket i counts values <= LATENCY_BUCKETS_MS[i]; the last bucket is everything above). */
  rttHistogram: number[];
  /** The same for the reported clock uncertainty. */
  uncertaintyHistogram: number[];
  /** Frames delivered to sockets, cumulative since the edge started: a topic publish counts
   *  one per subscribed socket, a direct send one. */
  framesOut: number;
  closesByCode: Record<string, number>;
  /** The edge's process: id, resident memory (bytes), CPU time used since it started
   *  (user + system, microseconds), and the largest event-loop lag of the last stats window.
   *  Every edge sends them; a reader treats a report without them as zeros. */
  pid?: number;
  rssBytes?: number;
  cpuMicros?: number;
  loopLagMaxMs?: number;
  /** True in an edge's last report: it has stopped (closed, or its process exited), and the
   *  controller forgets it at once instead of when its reports go stale. */
  gone?: boolean;
}

/** The last report of an edge that has stopped: nothing left, `gone` set. */
export function goneReport(edgeId: string, atMs: number, pid = 0): EdgeStats {
  return {
    edgeId, atMs, connections: 0, ready: {}, synced: 0, degraded: 0, rttHistogram: [], uncertaintyHistogram: [],
    framesOut: 0, closesByCode: {}, pid, rssBytes: 0, cpuMicros: 0, loopLagMaxMs: 0, gone: true,
  };
}

/** Upper bounds of the latency/uncertainty histogram buckets, ms; one more bucket is "above". */
export const LATENCY_BUCKETS_MS: readonly number[] = [
  1, 2, 3, 5, 8, 12, 16, 20, 25, 30, 40, 50, 60, 80, 100, 125, 150, 200, 250, 300, 400, 500, 650, 800, 1000, 1500, 2000, 3000, 5000,
];

export const STATS_STALE_MS = 5000;

/** Index of the bucket a value falls in. */
export function latencyBucket(ms: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (ms <= LATENCY_BUCKETS_MS[i]!) return i;
  return LATENCY_BUCKETS_MS.length;
}

/** The q-quantile (0..1) of a histogram as the upper bound of its bucket; the last bucket
 *  reports twice the largest bound. Null when the histogram is empty. */
export function histogramQuantile(h: readonly number[], q: number): number | null {
  let total = 0;
  for (const c of h) total += c;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += h[i]!;
    if (seen >= rank && h[i]! > 0) return LATENCY_BUCKETS_MS[i] ?? LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]! * 2;
  }
  return LATENCY_BUCKETS_MS[LATENCY_BUCKETS_MS.length - 1]! * 2;
}
