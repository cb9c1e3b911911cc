import { histogramQuantile, LATENCY_BUCKETS_MS, STATS_STALE_MS, type EdgeStats } from '../bus/edge-stats.ts';

/** The audience summed over every live edge (reports older than STATS_STALE_MS drop out). */
export interface AudienceSummary {
  edges: number;
  connections: number;
  /** Phones ready for the given show key (`${showId}.${showVersion}`). */
  ready: number;
  synced: number;
  degraded: number;
  rttMs: { p50: number | null; p95: number | null; p99: number | null };
  uncertaintyMs: { p50: number | null; p95: number | null };
  rttHistogram: number[];
  closesByCode: Record<string, number>;
}

/** One live edge process as /api/status lists it (from its latest stats report). */
export interface EdgeSummary {
  edgeId: string;
  pid: number;
  connections: number;
  rssBytes: number;
  cpuMicros: number;
  framesOut: number;
  loopLagMaxMs: number;
  /** Controller time of the report. */
  atMs: number;
}

export class Audience {
  private readonly byEdge = new Map<string, EdgeStats>();

  /** Takes one edge report (Subjects.stats payload); malformed reports are ignored. */
  accept(stats: EdgeStats): void {
    if (typeof stats?.edgeId !== 'string' || !Array.isArray(stats.rttHistogram)) return;
    if (stats.gone === true) this.byEdge.delete(stats.edgeId);
    else this.byEdge.set(stats.edgeId, stats);
  }

  /** Every live edge (a report older than STATS_STALE_MS drops out), ordered by edge id. */
  edges(nowMs: number): EdgeSummary[] {
    const out: EdgeSummary[] = [];
    for (const [id, s] of this.byEdge) {
      if (nowMs - s.atMs > STATS_STALE_MS) {
        this.byEdge.delete(id);
        continue;
      }
      out.push({
        edgeId: s.edgeId, pid: s.pid ?? 0, connections: s.connections, rssBytes: s.rssBytes ?? 0, cpuMicros: s.cpuMicros ?? 0,
        framesOut: s.framesOut ?? 0, loopLagMaxMs: s.loopLagMaxMs ?? 0, atMs: s.atMs,
      });
    }
    return out.sort((a, b) => (a.edgeId < b.edgeId ? -1 : a.edgeId > b.edgeId ? 1 : 0));
  }

  summary(nowMs: number, readyKey: string | null): AudienceSummary {
    const n = LATENCY_BUCKETS_MS.length + 1;
    const rtt = new Array<number>(n).fill(0);
    const unc = new Array<number>(n).fill(0);
    const out: AudienceSummary = {
      edges: 0, connections: 0, ready: 0, synced: 0, degraded: 0,
      rttMs: { p50: null, p95: null, p99: null }, uncertaintyMs: { p50: null, p95: null },
      rttHistogram: rtt, closesByCode: {},
    };
    for (const [id, s] of this.byEdge) {
      if (nowMs - s.atMs > STATS_STALE_MS) {
        this.byEdge.delete(id);
        continue;
      }
      out.edges++;
      out.connections += s.connections;
      out.synced += s.synced;
      out.degraded += s.degraded;
      if (readyKey !== null) out.ready += s.ready[readyKey] ?? 0;
      for (let i = 0; i < n; i++) {
        rtt[i]! += s.rttHistogram[i] ?? 0;
        unc[i]! += s.uncertaintyHistogram?.[i] ?? 0;
      }
      for (const [code, count] of Object.entries(s.closesByCode ?? {})) out.closesByCode[code] = (out.closesByCode[code] ?? 0) + count;
    }
    out.rttMs = { p50: histogramQuantile(rtt, 0.5), p95: histogramQuantile(rtt, 0.95), p99: histogramQuantile(rtt, 0.99) };
    out.uncertaintyMs = { p50: histogramQuantile(unc, 0.5), p95: histogramQuantile(unc, 0.95) };
    return out;
  }
}
