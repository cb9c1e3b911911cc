/**
 * The server side of a load test, from the `edges` list of /api/status sampled about once a
 * second: memory per connection, CPU share, CPU per delivered frame and event-loop lag of all
 * edge processes together.
 */
import type { EdgeFigures } from '../types.ts';
import type { EdgeStatus } from './operator-client.ts';

export interface EdgeSample {
  /** Run-relative time the sample was taken, ms. */
  atRelMs: number;
  edges: readonly EdgeStatus[];
}

/** Connections of all the listed edge processes together. */
export const sumConnections = (edges: readonly EdgeStatus[]): number => edges.reduce((n, e) => n + e.connections, 0);

/** One edge process: a restarted edge keeps its id but is a new process with new counters. */
const keyOf = (e: EdgeStatus): string => `${e.edgeId}#${e.pid}`;

/**
 * - rssPerConnectionKB: at the sample with the most connections, the sum over edges of (RSS
 *   then - that edge's RSS before any device connected) / connections then. An edge process
 *   missing from the baseline (started or restarted later: a restarted edge keeps its id but
 *   is a new process) counts from the smallest RSS it ever reported.
 * - cpuPercent: per edge process, the CPU time between the two reports used (the last one at
 *   or before the window's start, else its first inside, and its last one at or before the
 *   window's end) over the time between those reports (their `atMs`; a sample taken at a
 *   given instant carries a report up to a second old, so sample times would stretch or
 *   shrink the span), weighted by the share of the sampled span the process covers, summed,
 *   and divided by `cores`. An edge process that died in the window counts up to its last
 *   sample, its replacement from its first.
 * - cpuMicrosPerDeliveredFrame: that CPU time / the frames the edges sent in the same span.
 * - eventLoopLagMs: the largest lag any edge reported in any sample.
 * Figures that cannot be computed (no samples, no connections, no frames) are null.
 */
export function computeEdgeFigures(
  samples: readonly EdgeSample[],
  baseline: EdgeSample | null,
  windowStartRelMs: number,
  windowEndRelMs: number,
  cores: number,
): EdgeFigures {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const s of samples) {
    for (const e of s.edges) {
      ids.add(keyOf(e));
      names.add(e.edgeId);
    }
  }
  if (baseline) for (const e of baseline.edges) names.add(e.edgeId);

  let peak: EdgeSample | null = null;
  let peakConnections = 0;
  let lag: number | null = null;
  const minRss = new Map<string, number>();
  for (const s of samples) {
    const c = sumConnections(s.edges);
    if (peak === null || c > peakConnections) {
      peak = s;
      peakConnections = c;
    }
    for (const e of s.edges) {
      lag = Math.max(lag ?? 0, e.loopLagMaxMs);
      minRss.set(keyOf(e), Math.min(minRss.get(keyOf(e)) ?? Infinity, e.rssBytes));
    }
  }

  let rssPerConnectionKB: number | null = null;
  if (peak && peakConnections > 0) {
    let grown = 0;
    for (const e of peak.edges) {
      const before = baseline?.edges.find((b) => keyOf(b) === keyOf(e))?.rssBytes ?? minRss.get(keyOf(e)) ?? e.rssBytes;
      grown += e.rssBytes - before;
    }
    rssPerConnectionKB = grown / peakConnections / 1024;
  }

  // Per edge: the last sample at or before the window's start (else its first inside), and
  // its last sample at or before the window's end.
  let cpu = 0;
  let frames = 0;
  let spanStart = Infinity;
  let spanEnd = -Infinity;
  const spans: Array<{ cpu: number; reportMs: number; sampledMs: number }> = [];
  for (const id of ids) {
    let from: { at: number; e: EdgeStatus } | null = null;
    let to: { at: number; e: EdgeStatus } | null = null;
    for (const s of samples) {
      if (s.atRelMs > windowEndRelMs) break;
      const e = s.edges.find((x) => keyOf(x) === id);
      if (!e) continue;
      if (from === null || s.atRelMs <= windowStartRelMs) from = { at: s.atRelMs, e };
      to = { at: s.atRelMs, e };
    }
    if (!from || !to || to.at <= from.at) continue;
    const edgeCpu = Math.max(0, to.e.cpuMicros - from.e.cpuMicros);
    cpu += edgeCpu;
    frames += Math.max(0, to.e.framesOut - from.e.framesOut);
    spanStart = Math.min(spanStart, from.at);
    spanEnd = Math.max(spanEnd, to.at);
    // Two samples that carry the same report (or reports without a time) fall back to the
    // samples' own span.
    const reportMs = to.e.atMs - from.e.atMs;
    spans.push({ cpu: edgeCpu, reportMs: reportMs > 0 ? reportMs : to.at - from.at, sampledMs: to.at - from.at });
  }
  const wallMs = spanEnd - spanStart;
  let coresBusy = 0;
  for (const sp of spans) coresBusy += (sp.cpu / 1000 / sp.reportMs) * (sp.sampledMs / wallMs);
  return {
    edges: names.size,
    peakConnections,
    rssPerConnectionKB,
    cpuPercent: wallMs > 0 && cores > 0 ? (coresBusy / cores) * 100 : null,
    cpuMicrosPerDeliveredFrame: frames > 0 ? cpu / frames : null,
    eventLoopLagMs: lag,
  };
}

/** Figures for a server that does not list its edges (the embedded single process). */
export function unknownEdgeFigures(peakConnections: number): EdgeFigures {
  return { edges: 1, peakConnections, rssPerConnectionKB: null, cpuPercent: null, cpuMicrosPerDeliveredFrame: null, eventLoopLagMs: null };
}
