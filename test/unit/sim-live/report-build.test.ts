import { expect, test } from 'bun:test';
import { LogHistogram } from '../../../src/sim/histogram.ts';
import { serializeHistogram } from '../../../src/sim/live/histogram-wire.ts';
import { buildReport, cdfOf, evaluateTargets, MAX_CDF_POINTS, MEMORY_NOTE_MIN_CONNECTIONS, reportToJson, TARGETS, type ReportFigures } from '../../../src/sim/live/report/index.ts';
import { binsFromCdf } from '../../../src/sim/live/report/report-charts.ts';
import { sampleReportInput } from '../../../src/sim/live/report/sample-input.ts';
import type { EdgeFigures, LoadReport, ReportInput, SerializedHistogram, TargetRow, WorkerResult } from '../../../src/sim/live/types.ts';

function hist(values: readonly number[]): SerializedHistogram {
  const h = new LogHistogram();
  for (const v of values) h.add(v);
  return serializeHistogram(h);
}

const EMPTY = hist([]);

function worker(i: number, over: Partial<WorkerResult> = {}): WorkerResult {
  return {
    type: 'result',
    workerIndex: i,
    devices: 100,
    connectedEver: 100,
    connectedAtEnd: 100,
    lost: 0,
    errors: {},
    closesByCode: {},
    clockError: hist([1]),
    visualError: hist([2]),
    visualMinMs: -2,
    visualMaxMs: 2,
    deliveryLatency: hist([10]),
    serverDeliveryLatency: hist([2]),
    reconnect: EMPTY,
    syncTime: hist([500]),
    cues: [{ cueId: 1, startControllerMs: 1000, expected: 100, seen: 100, onTime: 100 }],
    bytesIn: 10_000,
    bytesOut: 5_000,
    connectedDeviceSeconds: 1_000,
    rssBytesPeak: 10 * 1024 * 1024,
    cpuMicros: 1e6,
    ...over,
  };
}

const EDGE: EdgeFigures = { edges: 2, peakConnections: 200, rssPerConnectionKB: 2.5, cpuPercent: 20, cpuMicrosPerDeliveredFrame: 1.5, eventLoopLagMs: 4 };
const NO_EDGE: EdgeFigures = { edges: 0, peakConnections: 0, rssPerConnectionKB: null, cpuPercent: null, cpuMicrosPerDeliveredFrame: null, eventLoopLagMs: null };

function input(results: WorkerResult[], over: Partial<ReportInput> = {}): ReportInput {
  return {
    scenario: 'steady',
    profile: 'wifi-good',
    devices: results.reduce((s, r) => s + r.devices, 0),
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 10_000,
    urls: ['ws://127.0.0.1:9000/ws'],
    seed: 7,
    results,
    timeline: [],
    edge: EDGE,
    cuesFired: 1,
    simCpuMicros: 4e6,
    wallMs: 10_000,
    cores: 2,
    notes: [],
    ...over,
  };
}

const rowOf = (r: { targets: TargetRow[] }, id: string): TargetRow => r.targets[TARGETS.findIndex((t) => t.id === id)]!;

test('sim report - quantiles come from the merged histograms of every worker', () => {
  const a = Array.from({ length: 1000 }, (_, i) => 1 + (i % 50));
  const b = Array.from({ length: 1000 }, (_, i) => 100 + (i % 200));
  const all = new LogHistogram();
  for (const v of [...a, ...b]) all.add(v);
  const r = buildReport(input([worker(0, { deliveryLatency: hist(a) }), worker(1, { deliveryLatency: hist(b) })]));
  const round = (v: number): number => Math.round(v * 1000) / 1000;
  expect(r.deliveryLatencyMs.p50).toBe(round(all.quantile(0.5)));
  expect(r.deliveryLatencyMs.p95).toBe(round(all.quantile(0.95)));
  expect(r.deliveryLatencyMs.p99).toBe(round(all.quantile(0.99)));
  // Half the samples are below 51 ms, half at or above 100 ms: the median sits at the seam.
  expect(r.deliveryLatencyMs.p50).toBeLessThanOrEqual(50 * 1.01);
  expect(r.deliveryLatencyMs.p95).toBeGreaterThan(250);
});

test('sim report - counts, rates and totals are summed over workers', () => {
  const r = buildReport(
    input(
      [
        worker(0, { connectedEver: 98, lost: 1, errors: { 'refused-503': 2 }, closesByCode: { '1006': 3 }, cues: [{ cueId: 1, startControllerMs: 0, expected: 98, seen: 97, onTime: 95 }] }),
        worker(1, { connectedEver: 100, lost: 2, errors: { 'refused-503': 1, error: 4 }, closesByCode: { '1006': 1, '4003': 2 }, bytesIn: 30_000, connectedDeviceSeconds: 3_000 }),
      ],
      { cuesFired: 1 },
    ),
  );
  expect(r.devices).toBe(200);
  expect(r.workers).toBe(2);
  expect(r.connectSuccessRate).toBe(0.99);
  expect(r.devicesLost).toBe(3);
  expect(r.errors).toEqual({ 'refused-503': 3, error: 4 });
  expect(r.closesByCode).toEqual({ '1006': 4, '4003': 2 });
  expect(r.cues).toEqual({ fired: 1, expected: 198, seen: 197, onTime: 195 });
  // (15,000 + 35,000) bytes over 4,000 device-seconds.
  expect(r.bytesPerDevicePerSec).toBe(12.5);
  // 20 MiB peak over 200 devices.
  expect(r.sim.rssPerDeviceKB).toBe(102.4);
  // 4 s of CPU in 10 s of wall time on 2 cores.
  expect(r.sim.cpuPercent).toBe(20);
  expect(rowOf(r, 'devices-lost').pass).toBe(false);
  expect(rowOf(r, 'cues-missed').measured).toBe(1);
  expect(rowOf(r, 'cues-missed').pass).toBe(false);
  expect(r.passed).toBe(false);
});

test('sim report - a clean run passes every target and says so', () => {
  const r = buildReport(sampleReportInput({ devices: 300, workers: 3, reconnectsPerWorker: 20 }));
  for (const t of r.targets) expect(`${t.name} ${t.source} ${t.pass}`).toBe(`${t.name} ${t.source} true`);
  expect(r.passed).toBe(true);
  expect(r.targets.length).toBe(TARGETS.length);
  expect(r.reconnectMs.count).toBe(60);
});

/** Each target at its limit and just beyond it, through the figure it reads. */
const LIMIT_CASES: Array<{ id: string; set: (f: ReportFigures, v: number) => void; at: number; beyond: number; passAtLimit: boolean }> = [
  { id: 'connect-success', set: (f, v) => (f.connectSuccessRate = v / 100), at: 99.5, beyond: 99.501, passAtLimit: false },
  { id: 'delivery-p50', set: (f, v) => (f.deliveryLatencyMs.p50 = v), at: 30, beyond: 29.999, passAtLimit: false },
  { id: 'delivery-p95', set: (f, v) => (f.deliveryLatencyMs.p95 = v), at: 100, beyond: 99.999, passAtLimit: false },
  { id: 'delivery-p99', set: (f, v) => (f.deliveryLatencyMs.p99 = v), at: 200, beyond: 199.999, passAtLimit: false },
  { id: 'visual-p95-industry', set: (f, v) => (f.visualErrorMs.p95 = v), at: 50, beyond: 49.999, passAtLimit: false },
  { id: 'reconnect-p95-industry', set: (f, v) => ((f.reconnectMs.p95 = v), (f.reconnectMs.count = 5)), at: 3000, beyond: 2999.999, passAtLimit: false },
  { id: 'server-cpu', set: (f, v) => (f.edge.cpuPercent = v), at: 60, beyond: 59.999, passAtLimit: false },
  { id: 'memory-per-connection-industry', set: (f, v) => (f.edge.rssPerConnectionKB = v), at: 5, beyond: 4.999, passAtLimit: false },
  { id: 'visual-p95', set: (f, v) => (f.visualErrorMs.p95 = v), at: 12, beyond: 12.001, passAtLimit: true },
  { id: 'clock-p95', set: (f, v) => (f.clockErrorMs.p95 = v), at: 3, beyond: 3.001, passAtLimit: true },
  { id: 'memory-per-connection', set: (f, v) => (f.edge.rssPerConnectionKB = v), at: 3.5, beyond: 3.501, passAtLimit: true },
  { id: 'reconnect-p95', set: (f, v) => ((f.reconnectMs.p95 = v), (f.reconnectMs.count = 5)), at: 1000, beyond: 1000.001, passAtLimit: true },
  { id: 'bytes-per-device', set: (f, v) => (f.bytesPerDevicePerSec = v), at: 200, beyond: 200.001, passAtLimit: true },
  { id: 'devices-lost', set: (f, v) => (f.devicesLost = v), at: 0, beyond: 1, passAtLimit: true },
  { id: 'cues-missed', set: (f, v) => (f.cues.seen = f.cues.expected - v), at: 0, beyond: 1, passAtLimit: true },
];

test('sim report - every target has a limit case', () => {
  expect(LIMIT_CASES.map((c) => c.id).sort()).toEqual(TARGETS.map((t) => t.id).sort());
});

for (const c of LIMIT_CASES) {
  test(`sim report targets - ${c.id} at its limit ${c.passAtLimit ? 'passes' : 'fails'} and just beyond it ${c.passAtLimit ? 'fails' : 'passes'}`, () => {
    const base = buildReport(sampleReportInput({ devices: 200, workers: 2 }));
    const judge = (v: number): boolean => {
      const f = structuredClone(base) as ReportFigures;
      c.set(f, v);
      const rows = evaluateTargets(f).rows;
      const row = rows[TARGETS.findIndex((t) => t.id === c.id)]!;
      expect(row.measured).toBe(v);
      return row.pass;
    };
    expect(judge(c.at)).toBe(c.passAtLimit);
    expect(judge(c.beyond)).toBe(!c.passAtLimit);
  });
}

test('sim report targets - reconnection with no reconnections passes as nothing to measure', () => {
  const r = buildReport(input([worker(0)]));
  for (const id of ['reconnect-p95', 'reconnect-p95-industry']) {
    expect(rowOf(r, id).measured).toBeNull();
    expect(rowOf(r, id).pass).toBe(true);
  }
  expect(r.reconnectMs.count).toBe(0);
  expect(r.passed).toBe(true);
});

test('sim report targets - missing server figures fail their rows with a note', () => {
  const r = buildReport(input([worker(0)], { edge: NO_EDGE }));
  for (const id of ['server-cpu', 'memory-per-connection', 'memory-per-connection-industry']) {
    expect(rowOf(r, id).measured).toBeNull();
    expect(rowOf(r, id).pass).toBe(false);
  }
  expect(r.passed).toBe(false);
  expect(r.notes.some((n) => n.includes('did not report its memory per connection'))).toBe(true);
  expect(r.notes.some((n) => n.includes('did not report its CPU'))).toBe(true);
});

test('sim report targets - a quantile with no samples fails its row and is noted', () => {
  const r = buildReport(input([worker(0, { visualError: EMPTY, clockError: EMPTY })]));
  expect(rowOf(r, 'visual-p95').measured).toBeNull();
  expect(rowOf(r, 'visual-p95').pass).toBe(false);
  expect(rowOf(r, 'clock-p95').pass).toBe(false);
  expect(r.notes).toContain('no visual error samples: its quantiles are null');
  expect(r.notes).toContain('no clock error samples: its quantiles are null');
});

test('sim report - infinite samples and empty runs never put NaN or Infinity in the JSON', () => {
  const never = new LogHistogram();
  never.add(200);
  never.add(Infinity);
  never.add(Infinity);
  const r = buildReport(input([worker(0, { reconnect: serializeHistogram(never), clockError: EMPTY, visualError: EMPTY, deliveryLatency: EMPTY })], { edge: NO_EDGE, timeline: [{ tRelMs: 0, connected: 0, synced: 0, ready: 0, reconnecting: 0, errors: 0, clockP95Ms: NaN, edgeConnections: null }] }));
  const text = reportToJson(r);
  expect(text).not.toMatch(/NaN|Infinity/);
  const back = JSON.parse(text);
  expect(back.reconnectMs.max).toBeNull();
  expect(back.reconnectMs.p95).toBeNull();
  expect(back.clockErrorMs).toEqual({ p50: null, p95: null, p99: null });
  expect(back.timeline[0].clockP95Ms).toBeNull();
  // A reconnection that never completed must not read as "nothing to measure".
  expect(rowOf(r, 'reconnect-p95').pass).toBe(false);
  expect(rowOf(r, 'reconnect-p95').measured).toBeNull();
  expect(r.notes.some((n) => n.includes('never completed') && n.includes('reconnection p95 (crowdlight, <= 1000 ms)'))).toBe(true);
  expect(r.notes.some((n) => n.startsWith('2 of 3 reconnection time samples never completed'))).toBe(true);
  // Plain JSON.stringify agrees.
  expect(JSON.parse(JSON.stringify(r))).toEqual(back);
});

test('sim report - an empty run (no worker results) fails and still builds', () => {
  const r = buildReport(input([], { devices: 50, edge: NO_EDGE, cuesFired: 0 }));
  expect(r.connectSuccessRate).toBe(0);
  expect(r.passed).toBe(false);
  expect(r.notes.some((n) => n.includes('reported 0 devices of the 50'))).toBe(true);
  expect(reportToJson(r)).not.toMatch(/NaN|Infinity/);
});

test('sim report - the simulator using most of the machine is noted', () => {
  const busy = buildReport(input([worker(0)], { simCpuMicros: 17e6, wallMs: 10_000, cores: 2, notes: ['from the orchestrator'] }));
  expect(busy.sim.cpuPercent).toBe(85);
  expect(busy.notes[0]).toBe('from the orchestrator');
  expect(busy.notes.some((n) => n.includes("include the simulator's own scheduling delays"))).toBe(true);
  expect(busy.notes.some((n) => n.includes('the machine itself is the limit'))).toBe(true);
  const calm = buildReport(input([worker(0)], { simCpuMicros: 2e6 }));
  expect(calm.notes.some((n) => n.includes('simulator'))).toBe(false);
});

test('sim report plots - a CDF keeps at most 200 ascending points and ends at 1', () => {
  const h = new LogHistogram();
  for (let i = 0; i < 50_000; i++) h.add(0.01 * Math.pow(1.0003, i));
  const cdf = cdfOf(h);
  expect(cdf.length).toBeLessThanOrEqual(MAX_CDF_POINTS);
  expect(cdf.length).toBeGreaterThan(100);
  for (let i = 1; i < cdf.length; i++) {
    expect(cdf[i]![0]).toBeGreaterThan(cdf[i - 1]![0]);
    expect(cdf[i]![1]).toBeGreaterThan(cdf[i - 1]![1]);
  }
  expect(cdf[cdf.length - 1]![1]).toBe(1);
  expect(Math.abs(cdf[cdf.length - 1]![0] / h.max - 1)).toBeLessThan(1e-4);
  // Each point [v, f] says f of the samples are at most about v: the histogram's f-quantile
  // is v within a bucket (1 %).
  for (const [v, f] of cdf.slice(0, -1)) expect(Math.abs(h.quantile(f) / v - 1)).toBeLessThan(0.015);
});

test('sim report plots - few distinct values are kept exactly, infinite samples keep the curve below 1', () => {
  const h = new LogHistogram();
  for (const v of [5, 5, 10, 20]) h.add(v);
  h.add(Infinity);
  const cdf = cdfOf(h);
  expect(cdf.map(([, f]) => f)).toEqual([0.4, 0.6, 0.8]);
  expect(cdf[2]![0]).toBe(20);
  expect(cdfOf(new LogHistogram())).toEqual([]);
});

test('sim report json - the packed text reads back as JSON.stringify would write it', () => {
  const value = {
    a: [1, 2.5, null, 'x'],
    b: { c: [[1, 0.5], [2, 1]], d: {}, e: [], f: undefined, g: NaN, h: -Infinity },
    long: Array.from({ length: 300 }, (_, i) => [i * 1.1, i / 300]),
    rows: [{ n: 'a "quoted" name', v: 1 }, { n: 'b', v: [1, { deep: true }] }],
    s: 'line\nbreak \u2028',
  };
  const text = reportToJson(value as unknown as LoadReport);
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
  expect(text).not.toMatch(/NaN|Infinity/);
  // Long number arrays wrap instead of running to one line or one number a line.
  const lines = text.split('\n');
  expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(170);
  expect(lines.length).toBeLessThan(150);
});

test('sim report plots - histogram bins read off a CDF hold every sample once', () => {
  const h = new LogHistogram();
  for (let i = 0; i < 5000; i++) h.add(0.05 * Math.pow(1.001, i));
  const bins = binsFromCdf(cdfOf(h));
  let total = 0;
  for (const [lo, hi, share] of bins) {
    expect(hi).toBeGreaterThan(lo);
    expect(share).toBeGreaterThanOrEqual(0);
    total += share;
  }
  expect(total).toBeCloseTo(1, 5);
  for (let i = 1; i < bins.length; i++) expect(bins[i]![0]).toBeCloseTo(bins[i - 1]![1], 9);
  expect(bins[0]![0]).toBeLessThanOrEqual(0.05);
  expect(bins[bins.length - 1]![1]).toBeGreaterThanOrEqual(h.max);
  expect(binsFromCdf([])).toEqual([]);
});

test('sim report notes - signed visual extremes and devices not back at the end are noted', () => {
  const r = buildReport(
    input([
      worker(0, { visualMinMs: -4.25, visualMaxMs: 3, connectedAtEnd: 97 }),
      worker(1, { visualMinMs: -1, visualMaxMs: 7.5 }),
      worker(2, { visualError: EMPTY, visualMinMs: -99, visualMaxMs: 99 }),
    ]),
  );
  expect(r.notes).toContain('signed visual error ranged from -4.25 ms to +7.5 ms (negative: shown early, positive: shown late)');
  expect(r.notes).toContain('297 of 300 devices were connected and synced at the end of the run');
  const clean = buildReport(input([worker(0)]));
  expect(clean.notes.some((n) => n.includes('at the end of the run'))).toBe(false);
});

test('sim report notes - memory per connection from a small run is flagged as noise-dominated', () => {
  const small = buildReport(input([worker(0)], { edge: { ...EDGE, peakConnections: 300 } }));
  expect(small.notes.some((n) => n.startsWith('memory per connection was measured over 300 connections'))).toBe(true);
  const large = buildReport(input([worker(0)], { edge: { ...EDGE, peakConnections: MEMORY_NOTE_MIN_CONNECTIONS } }));
  expect(large.notes.some((n) => n.startsWith('memory per connection was measured'))).toBe(false);
});

test('sim report - a simulator that ran its devices late says so in the notes; one on time does not', () => {
  const late = buildReport(input([worker(0, { simLagMeanMs: 6, simLagMaxMs: 40 }), worker(1, { simLagMeanMs: 0.2, simLagMaxMs: 3 })]));
  expect(late.notes.some((n) => n.includes('late on average'))).toBe(true);
  const onTime = buildReport(input([worker(0, { simLagMeanMs: 0.3, simLagMaxMs: 12 }), worker(1, { simLagMeanMs: 0.2, simLagMaxMs: 3 })]));
  expect(onTime.notes.some((n) => n.includes('late on average'))).toBe(false);
  const spike = buildReport(input([worker(0, { simLagMeanMs: 0.3, simLagMaxMs: 450 })]));
  expect(spike.notes.some((n) => n.includes('at most 450 ms'))).toBe(true);
});
