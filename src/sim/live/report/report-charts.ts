/**
 * The HTML report's charts, each one inline SVG: delivery latency, clock error, visual error
 * and reconnection-time CDFs (with the targets' limits drawn as dashed lines), a clock-error
 * histogram, connections over time, and clock error p95 over time.
 */
import type { Cdf, LoadReport } from '../types.ts';
import { lineChart, type Marker, type Series } from './svg-chart.ts';
import { TARGETS } from './targets.ts';

export interface ReportChart {
  id: string;
  /** What the chart shows and how to read it, for the figure's caption. */
  caption: string;
  svg: string;
}

const COLORS = {
  main: '#1f6fd1',
  second: '#e07b00',
  third: '#2a9d4b',
  fourth: '#8e44ad',
  fifth: '#7f8c8d',
  industry: '#b03a2e',
  crowdlight: '#6c3483',
};

const pctTick = (v: number): string => `${Math.round(v * 1000) / 10} %`;

/** Bins per decade of the clock-error histogram. */
const BINS_PER_DECADE = 5;

/**
 * A histogram from a CDF curve: log-spaced bins (BINS_PER_DECADE per decade) over the curve's
 * range, each holding the share of samples in (from, to]. The share is read off the curve, so
 * it is exact to the curve's resolution (1/198 of the samples).
 */
export function binsFromCdf(cdf: Cdf, perDecade = BINS_PER_DECADE): Array<[number, number, number]> {
  if (cdf.length === 0) return [];
  const first = Math.max(cdf[0]![0], 1e-3);
  const last = Math.max(cdf[cdf.length - 1]![0], first);
  const step = Math.pow(10, 1 / perDecade);
  let edge = Math.pow(10, Math.floor(Math.log10(first) * perDecade) / perDecade);
  const bins: Array<[number, number, number]> = [];
  let i = 0;
  let below = 0; // fraction of samples <= edge
  // Values under the first edge (a CDF point rounded to 0) belong to the first bin.
  while (edge < last * (1 + 1e-9) || bins.length === 0) {
    const next = edge * step;
    let through = below;
    while (i < cdf.length && cdf[i]![0] <= next) through = cdf[i++]![1];
    bins.push([Number(edge.toPrecision(6)), Number(next.toPrecision(6)), Math.round((through - below) * 1e6) / 1e6]);
    below = through;
    edge = next;
    if (bins.length > 20 * perDecade) break;
  }
  return bins;
}

function cdfSeries(name: string, color: string, cdf: Cdf, dashed = false): Series {
  return { name, color, points: cdf, step: true, dashed };
}

/** Target `id`'s limit (TARGETS) as a marker, labelled with the target's source and `what`. */
function limit(id: string, what: string): Marker {
  const t = TARGETS.find((x) => x.id === id);
  if (!t) throw new Error(`report-charts: no target "${id}"`);
  return { x: t.bound, label: `${t.source} ${what}`, color: t.source === 'industry' ? COLORS.industry : COLORS.crowdlight };
}

export function reportCharts(r: LoadReport): ReportChart[] {
  const charts: ReportChart[] = [];
  const cdf = (id: string, caption: string, title: string, xLabel: string, series: Series[], markers: Marker[], emptyText: string): void => {
    charts.push({
      id,
      caption,
      svg: lineChart({ title, xLabel, yLabel: 'share of samples at or below', xScale: 'log', series, markers, yRange: [0, 1], yTick: pctTick, emptyText }),
    });
  };
  cdf(
    'delivery-latency',
    'Live cue delivery: from the operator API request to the device handling the frame (end to end, including the simulated downlink and page event loop), and the server part alone (to the socket).',
    'Delivery latency CDF',
    'latency (ms)',
    [cdfSeries('end to end', COLORS.main, r.plots.deliveryLatency), cdfSeries('server part', COLORS.second, r.plots.serverDeliveryLatency, true)],
    [limit('delivery-p50', 'p50'), limit('delivery-p95', 'p95'), limit('delivery-p99', 'p99')],
    'no live cue was delivered',
  );
  cdf(
    'clock-error',
    "Absolute clock error of synced devices, sampled every second per device against the simulator's exact truth.",
    'Clock error CDF',
    '|clock estimate - truth| (ms)',
    [cdfSeries('clock error', COLORS.main, r.plots.clockError)],
    [limit('clock-p95', 'p95')],
    'no clock-error samples',
  );
  charts.push({
    id: 'clock-error-histogram',
    caption: 'The same clock-error samples as a histogram: the share of samples in each bin (five bins per decade).',
    svg: lineChart({
      title: 'Clock error histogram',
      xLabel: '|clock estimate - truth| (ms)',
      yLabel: 'share of samples',
      xScale: 'log',
      series: [],
      bars: { name: 'clock error', color: COLORS.main, bins: binsFromCdf(r.plots.clockError) },
      markers: [limit('clock-p95', 'p95')],
      yTick: pctTick,
      emptyText: 'no clock-error samples',
    }),
  });
  cdf(
    'visual-error',
    "Absolute visual error per cue per device that showed it: the frame's presentation time minus the cue's instant.",
    'Visual error CDF',
    '|presented - cue instant| (ms)',
    [cdfSeries('visual error', COLORS.main, r.plots.visualError)],
    [limit('visual-p95', 'p95'), limit('visual-p95-industry', 'p95')],
    'no device showed a cue',
  );
  cdf(
    'reconnect',
    'Time from a device losing its connection to being welcomed again, per reconnection. The curve ends below 100 % when some reconnections never completed.',
    'Reconnection time CDF',
    'lost -> welcomed again (ms)',
    [cdfSeries('reconnection', COLORS.main, r.plots.reconnect)],
    [limit('reconnect-p95', 'p95'), limit('reconnect-p95-industry', 'p95')],
    'no device reconnected in this run',
  );
  const t = r.timeline;
  const sec = (ms: number): number => ms / 1000;
  const timeSeries: Series[] = [
    { name: 'connected', color: COLORS.main, points: t.map((p) => [sec(p.tRelMs), p.connected] as const) },
    { name: 'synced', color: COLORS.third, points: t.map((p) => [sec(p.tRelMs), p.synced] as const) },
    { name: 'ready', color: COLORS.second, points: t.map((p) => [sec(p.tRelMs), p.ready] as const), dashed: true },
    { name: 'reconnecting', color: COLORS.industry, points: t.map((p) => [sec(p.tRelMs), p.reconnecting] as const) },
  ];
  const edgePoints = t.filter((p) => p.edgeConnections !== null).map((p) => [sec(p.tRelMs), p.edgeConnections as number] as const);
  if (edgePoints.length > 0) timeSeries.push({ name: 'edge connections', color: COLORS.fifth, points: edgePoints, dashed: true });
  charts.push({
    id: 'connections',
    caption: "Devices each second, as the simulator's workers counted them (connected and welcomed, clock synced, ready for the show, waiting to reconnect), and the connections the server's edges reported.",
    svg: lineChart({ title: 'Connections over time', xLabel: 'time since start (s)', yLabel: 'devices', xScale: 'linear', series: timeSeries, emptyText: 'no progress was recorded' }),
  });
  const clockPoints = t.filter((p) => p.clockP95Ms !== null).map((p) => [sec(p.tRelMs), p.clockP95Ms as number] as const);
  charts.push({
    id: 'clock-over-time',
    caption: "p95 of the synced devices' absolute clock error over each second: how sync holds through joins, congestion and reconnections.",
    svg: lineChart({
      title: 'Clock error p95 over time',
      xLabel: 'time since start (s)',
      yLabel: 'clock error p95 (ms)',
      xScale: 'linear',
      series: [{ name: 'clock error p95', color: COLORS.main, points: clockPoints }],
      emptyText: 'no clock-error samples',
    }),
  });
  return charts;
}
