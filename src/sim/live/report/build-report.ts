/**
 * Turns what a `crowdlight sim` run gathered (every worker's result, the per-second timeline
 * and the edges' figures) into the load report: merged distributions, totals, the plots'
 * curves, the targets table and notes. Pure: no I/O, no clock; the same input gives the same
 * report.
 */
import type { LogHistogram } from '../../histogram.ts';
import { mergeHistograms } from '../histogram-wire.ts';
import type { EdgeFigures, LoadReport, ReportInput, SerializedHistogram, TimelinePoint, WorkerResult } from '../types.ts';
import { cdfOf, finiteOrNull, quantilesOf, round3 } from './histogram-figures.ts';
import { prettyJson } from './json-text.ts';
import { evaluateTargets, type ReportFigures } from './targets.ts';

/** Above this share of the machine's CPU the simulator's own scheduling shows in its figures. */
const SIM_CPU_NOTE_PERCENT = 80;
/** Mean and largest lateness of the simulator's own scheduled work above which the report says its figures carry that delay, ms. */
const SIM_LAG_NOTE_MEAN_MS = 2;
const SIM_LAG_NOTE_MAX_MS = 100;
/** Above this share for simulator and server together the machine itself is the limit. */
const MACHINE_CPU_NOTE_PERCENT = 90;
/** Below this many connections an edge's RSS growth is mostly allocator and heap noise, not
 *  the cost of the connections. */
export const MEMORY_NOTE_MIN_CONNECTIONS = 5000;

type HistogramKey = 'clockError' | 'visualError' | 'deliveryLatency' | 'serverDeliveryLatency' | 'reconnect' | 'syncTime';

/** What each merged distribution is called in notes. */
const LABELS: Record<HistogramKey, string> = {
  clockError: 'clock error',
  visualError: 'visual error',
  deliveryLatency: 'delivery latency',
  serverDeliveryLatency: 'server delivery latency',
  reconnect: 'reconnection time',
  syncTime: 'time to sync',
};

function merged(results: readonly WorkerResult[], key: HistogramKey): LogHistogram {
  return mergeHistograms(results.map((r): SerializedHistogram => r[key]));
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
}

function sum(results: readonly WorkerResult[], pick: (r: WorkerResult) => number): number {
  let s = 0;
  for (const r of results) s += pick(r);
  return s;
}

function edgeFigures(e: EdgeFigures): EdgeFigures {
  return {
    edges: e.edges,
    peakConnections: e.peakConnections,
    rssPerConnectionKB: finiteOrNull(e.rssPerConnectionKB),
    cpuPercent: finiteOrNull(e.cpuPercent),
    cpuMicrosPerDeliveredFrame: finiteOrNull(e.cpuMicrosPerDeliveredFrame),
    eventLoopLagMs: finiteOrNull(e.eventLoopLagMs),
  };
}

function timelinePoint(p: TimelinePoint): TimelinePoint {
  return { ...p, clockP95Ms: finiteOrNull(p.clockP95Ms), edgeConnections: finiteOrNull(p.edgeConnections) };
}

const pct = (v: number): string => `${Math.round(v * 10) / 10} %`;
const signed = (v: number): string => `${v > 0 ? '+' : ''}${Math.round(v * 1000) / 1000}`;

export function buildReport(input: ReportInput): LoadReport {
  const results = input.results;
  const hist = {} as Record<HistogramKey, LogHistogram>;
  for (const key of Object.keys(LABELS) as HistogramKey[]) hist[key] = merged(results, key);

  const errors: Record<string, number> = {};
  const closesByCode: Record<string, number> = {};
  for (const r of results) {
    addCounts(errors, r.errors);
    addCounts(closesByCode, r.closesByCode);
  }
  let expected = 0;
  let seen = 0;
  let onTime = 0;
  for (const r of results) {
    for (const c of r.cues) {
      expected += c.expected;
      seen += c.seen;
      onTime += c.onTime;
    }
  }

  const connectedEver = sum(results, (r) => r.connectedEver);
  const deviceSeconds = sum(results, (r) => r.connectedDeviceSeconds);
  const bytes = sum(results, (r) => r.bytesIn + r.bytesOut);
  const rssPeak = sum(results, (r) => r.rssBytesPeak);
  const reportedDevices = sum(results, (r) => r.devices);
  const simCpuPercent = input.wallMs > 0 && input.cores > 0 ? (input.simCpuMicros / (input.wallMs * 1000) / input.cores) * 100 : NaN;
  const reconnectMax = hist.reconnect.infinite > 0 ? Infinity : hist.reconnect.max;

  const figures: ReportFigures = {
    format: 'crowdlight-sim-report',
    version: 1,
    scenario: input.scenario,
    profile: input.profile,
    devices: input.devices,
    startedAt: input.startedAt,
    durationMs: input.durationMs,
    urls: [...input.urls],
    seed: input.seed,
    workers: results.length,
    connectSuccessRate: input.devices > 0 ? round3((connectedEver / input.devices) * 1e3) / 1e3 : NaN,
    deliveryLatencyMs: quantilesOf(hist.deliveryLatency),
    serverDeliveryLatencyMs: quantilesOf(hist.serverDeliveryLatency),
    clockErrorMs: quantilesOf(hist.clockError),
    visualErrorMs: quantilesOf(hist.visualError),
    reconnectMs: {
      p50: round3(hist.reconnect.quantile(0.5)),
      p95: round3(hist.reconnect.quantile(0.95)),
      max: hist.reconnect.count > 0 ? round3(reconnectMax) : NaN,
      count: hist.reconnect.count,
    },
    syncTimeMs: quantilesOf(hist.syncTime),
    devicesLost: sum(results, (r) => r.lost),
    bytesPerDevicePerSec: deviceSeconds > 0 ? round3(bytes / deviceSeconds) : NaN,
    cues: { fired: input.cuesFired, expected, seen, onTime },
    edge: edgeFigures(input.edge),
    sim: {
      rssPerDeviceKB: input.devices > 0 ? round3(rssPeak / input.devices / 1024) : NaN,
      cpuPercent: round3(simCpuPercent),
    },
    errors,
    closesByCode,
    timeline: input.timeline.map(timelinePoint),
    plots: {
      deliveryLatency: cdfOf(hist.deliveryLatency),
      serverDeliveryLatency: cdfOf(hist.serverDeliveryLatency),
      clockError: cdfOf(hist.clockError),
      visualError: cdfOf(hist.visualError),
      reconnect: cdfOf(hist.reconnect),
    },
    notes: [...input.notes],
  };

  const notes = figures.notes;
  if (reportedDevices !== input.devices) {
    notes.push(`the workers reported ${reportedDevices} devices of the ${input.devices} asked for (${results.length} worker results): missing devices count as never connected`);
  }
  if (Number.isFinite(simCpuPercent) && simCpuPercent > SIM_CPU_NOTE_PERCENT) {
    notes.push(
      `the simulator used ${pct(simCpuPercent)} of the machine's ${input.cores} cores: latency, clock and visual figures include the simulator's own scheduling delays, not only the server's and the network model's`,
    );
  }
  let lagSum = 0;
  let lagN = 0;
  let lagMax = 0;
  for (const r of results) {
    if (r.simLagMeanMs === undefined || !Number.isFinite(r.simLagMeanMs)) continue;
    lagSum += r.simLagMeanMs * r.devices;
    lagN += r.devices;
    lagMax = Math.max(lagMax, r.simLagMaxMs ?? 0);
  }
  if (lagN > 0 && (lagSum / lagN > SIM_LAG_NOTE_MEAN_MS || lagMax > SIM_LAG_NOTE_MAX_MS)) {
    notes.push(
      `the simulator ran its devices' scheduled work ${(lagSum / lagN).toFixed(1)} ms late on average (at most ${lagMax.toFixed(0)} ms): a simulated phone that runs late reads its clock late, so clock, visual and delivery figures include that delay, which a real phone would not have`,
    );
  }
  const serverCpu = figures.edge.cpuPercent;
  if (serverCpu !== null && Number.isFinite(simCpuPercent) && serverCpu + simCpuPercent > MACHINE_CPU_NOTE_PERCENT) {
    notes.push(
      `simulator (${pct(simCpuPercent)}) and server (${pct(serverCpu)}) together used more than ${MACHINE_CPU_NOTE_PERCENT} % of the machine's ${input.cores} cores: the machine itself is the limit of this run`,
    );
  }
  const edge = figures.edge;
  if (edge.rssPerConnectionKB !== null && edge.peakConnections < MEMORY_NOTE_MIN_CONNECTIONS) {
    notes.push(
      `memory per connection was measured over ${edge.peakConnections} connections: below ${MEMORY_NOTE_MIN_CONNECTIONS.toLocaleString("en-US")} the edges' heap and allocator growth dominates the figure; judge it on a larger run`,
    );
  }
  for (const key of Object.keys(LABELS) as HistogramKey[]) {
    const h = hist[key];
    if (h.count === 0 && key !== 'reconnect') notes.push(`no ${LABELS[key]} samples: its quantiles are null`);
    else if (h.infinite > 0) {
      notes.push(`${h.infinite} of ${h.count} ${LABELS[key]} samples never completed (infinite): a quantile that falls among them is null`);
    }
  }
  if (hist.visualError.count > hist.visualError.infinite) {
    let early = Infinity;
    let late = -Infinity;
    for (const r of results) {
      if (r.visualError.count === 0) continue;
      if (r.visualMinMs < early) early = r.visualMinMs;
      if (r.visualMaxMs > late) late = r.visualMaxMs;
    }
    if (Number.isFinite(early) && Number.isFinite(late)) {
      notes.push(`signed visual error ranged from ${signed(early)} ms to ${signed(late)} ms (negative: shown early, positive: shown late)`);
    }
  }
  const atEnd = sum(results, (r) => r.connectedAtEnd);
  if (results.length > 0 && atEnd < input.devices) notes.push(`${atEnd} of ${input.devices} devices were connected and synced at the end of the run`);
  if (input.cuesFired === 0) notes.push('no live cue was fired during the run');
  else if (onTime < seen) notes.push(`${seen - onTime} of ${seen} cue receipts arrived after the cue's instant (late for its start)`);

  const verdicts = evaluateTargets(figures);
  for (const n of verdicts.notes) notes.push(n);
  return { ...figures, targets: verdicts.rows, passed: verdicts.rows.every((t) => t.pass) };
}

/**
 * The report as JSON text (indented objects, number arrays packed to lines). Every number
 * that is not finite becomes null, so NaN and Infinity never reach a file.
 */
export function reportToJson(report: LoadReport, indent = 2): string {
  return prettyJson(report, indent);
}
