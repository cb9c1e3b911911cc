/**
 * A synthetic, deterministic report input: plausible worker results and a timeline drawn from
 * a seeded PRNG. It previews the report's layout without a run (`renderHtml(buildReport(
 * sampleReportInput()))`) and gives tests a full-sized input; its figures are made up.
 */
import { LogHistogram } from '../../histogram.ts';
import { Prng } from '../../prng.ts';
import { serializeHistogram } from '../histogram-wire.ts';
import type { ReportInput, ScenarioName, TimelinePoint, WorkerResult } from '../types.ts';

export interface SampleOptions {
  devices?: number;
  workers?: number;
  seed?: number;
  scenario?: ScenarioName;
  /** Reconnections per worker (0 for a steady run). */
  reconnectsPerWorker?: number;
  durationMs?: number;
}

function drawn(n: number, draw: () => number): LogHistogram {
  const h = new LogHistogram();
  for (let i = 0; i < n; i++) h.add(draw());
  return h;
}

export function sampleReportInput(o: SampleOptions = {}): ReportInput {
  const devices = o.devices ?? 1000;
  const workers = o.workers ?? 2;
  const seed = o.seed ?? 1;
  const durationMs = o.durationMs ?? 60_000;
  const seconds = durationMs / 1000;
  const cuesFired = Math.max(1, Math.floor(seconds / 5));
  const results: WorkerResult[] = [];
  for (let w = 0; w < workers; w++) {
    const rng = new Prng(seed, w, 99);
    const n = Math.floor(devices / workers) + (w < devices % workers ? 1 : 0);
    const reconnects = o.reconnectsPerWorker ?? 0;
    const cueSamples = n * cuesFired;
    results.push({
      type: 'result',
      workerIndex: w,
      devices: n,
      connectedEver: n,
      connectedAtEnd: n,
      lost: 0,
      errors: {},
      closesByCode: reconnects > 0 ? { '1006': reconnects } : {},
      clockError: serializeHistogram(drawn(Math.min(20_000, n * seconds), () => rng.logNormal(0.6, 0.7))),
      visualError: serializeHistogram(drawn(Math.min(20_000, cueSamples), () => rng.logNormal(2.5, 0.6))),
      visualMinMs: -9,
      visualMaxMs: 11,
      deliveryLatency: serializeHistogram(drawn(Math.min(20_000, cueSamples), () => 6 + rng.logNormal(14, 0.5))),
      serverDeliveryLatency: serializeHistogram(drawn(Math.min(20_000, cueSamples), () => 1 + rng.logNormal(4, 0.5))),
      reconnect: serializeHistogram(drawn(reconnects, () => 150 + rng.logNormal(250, 0.6))),
      syncTime: serializeHistogram(drawn(n, () => 300 + rng.logNormal(600, 0.4))),
      cues: Array.from({ length: cuesFired }, (_, i) => ({ cueId: i + 1, startControllerMs: 1e12 + i * 5000, expected: n, seen: n, onTime: n })),
      bytesIn: n * seconds * 60,
      bytesOut: n * seconds * 25,
      connectedDeviceSeconds: n * seconds,
      rssBytesPeak: 40e6 + n * 6000,
      cpuMicros: n * seconds * 40,
    });
  }
  const timeline: TimelinePoint[] = [];
  for (let s = 0; s <= seconds; s++) {
    const joined = Math.min(devices, Math.round((devices * s) / 10));
    const synced = Math.min(joined, Math.round((devices * Math.max(0, s - 1)) / 10));
    timeline.push({
      tRelMs: s * 1000,
      connected: joined,
      synced,
      ready: synced,
      reconnecting: 0,
      errors: 0,
      clockP95Ms: synced > 0 ? 1.5 + 0.3 * Math.sin(s / 7) : null,
      edgeConnections: joined,
    });
  }
  return {
    scenario: o.scenario ?? 'steady',
    profile: 'stadium',
    devices,
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs,
    urls: ['ws://127.0.0.1:8080/ws'],
    seed,
    results,
    timeline,
    edge: { edges: 1, peakConnections: devices, rssPerConnectionKB: 2.8, cpuPercent: 12, cpuMicrosPerDeliveredFrame: 1.4, eventLoopLagMs: 3 },
    cuesFired,
    simCpuMicros: durationMs * 1000 * 0.3,
    wallMs: durationMs,
    cores: 2,
    notes: [],
  };
}
