import { afterEach, expect, test } from 'bun:test';
import { latencyBucket, Subjects, type EdgeStats } from '../../src/bus/index.ts';
import type { QualityReportMessage } from '../../src/core/protocol/index.ts';
import { joinPhone, startEdge, until, within, type EdgeRig } from './support/edge-harness.ts';

let rig: EdgeRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

function quality(rttMs: number, uncertaintyMs: number, synced: boolean, degraded: boolean): QualityReportMessage {
  return {
    type: 'qualityReport',
    uncertaintyMs,
    rttMs,
    offsetChangeMs: 0,
    driftPpm: 0,
    framesDropped: 0,
    framesRendered: 60,
    batteryPercent: null,
    synced,
    degraded,
    charging: false,
    torchAvailable: false,
    torchOn: false,
    wakeLockHeld: true,
    pageHidden: false,
  };
}

const sum = (h: number[]) => h.reduce((a, b) => a + b, 0);

/** Sends a frame and waits until the edge has handled it (a clock exchange queued behind it). */
async function sendAndSettle(phone: Awaited<ReturnType<typeof joinPhone>>['phone'], msg: Parameters<typeof phone.send>[0]) {
  phone.send(msg);
  phone.send({ type: 'clockRequest', seq: 9, t0: 0 });
  await phone.nextOf('clockResponse');
}

test('edge stats - histograms, synced and degraded follow each phone\'s latest report and its close', async () => {
  rig = startEdge();
  const p1 = (await joinPhone(rig)).phone;
  const p2 = (await joinPhone(rig)).phone;
  await sendAndSettle(p1, quality(40, 3, true, false));
  await sendAndSettle(p2, quality(400, 70, false, true));
  let s = rig.edge.stats();
  expect(s.connections).toBe(2);
  expect(s.rttHistogram[latencyBucket(40)]).toBe(1);
  expect(s.rttHistogram[latencyBucket(400)]).toBe(1);
  expect(s.uncertaintyHistogram[latencyBucket(3)]).toBe(1);
  expect(s.synced).toBe(1);
  expect(s.degraded).toBe(1);
  // A newer report replaces the phone's previous one.
  await sendAndSettle(p2, quality(30, 2, true, false));
  s = rig.edge.stats();
  expect(s.rttHistogram[latencyBucket(400)]).toBe(0);
  expect(s.rttHistogram[latencyBucket(30)]).toBe(1);
  expect(sum(s.rttHistogram)).toBe(2);
  expect(s.synced).toBe(2);
  expect(s.degraded).toBe(0);
  // A closed phone leaves every count.
  p1.close();
  await until(() => rig!.edge.stats().connections === 1, 'the close to be handled');
  s = rig.edge.stats();
  expect(sum(s.rttHistogram)).toBe(1);
  expect(sum(s.uncertaintyHistogram)).toBe(1);
  expect(s.synced).toBe(1);
  expect(s.closesByCode['1005']).toBe(1); // a client close() without a code: no status
});

test('edge stats - ready devices are counted per show and move with the phone', async () => {
  rig = startEdge();
  const p1 = (await joinPhone(rig)).phone;
  const p2 = (await joinPhone(rig)).phone;
  const hash = new Uint8Array(32).fill(1);
  await sendAndSettle(p1, { type: 'ready', showId: 7, showVersion: 2, contentHash: hash });
  await sendAndSettle(p2, { type: 'ready', showId: 7, showVersion: 2, contentHash: hash });
  await sendAndSettle(p2, { type: 'ready', showId: 7, showVersion: 2, contentHash: hash });
  expect(rig.edge.stats().ready).toEqual({ '7.2': 2 });
  await sendAndSettle(p1, { type: 'ready', showId: 7, showVersion: 3, contentHash: hash });
  expect(rig.edge.stats().ready).toEqual({ '7.2': 1, '7.3': 1 });
  expect(rig.edge.metricsText()).toContain('crowdlight_edge_ready_devices{edge="edge-test",show="7.3"} 1');
  p2.close();
  await until(() => rig!.edge.stats().connections === 1, 'the close to be handled');
  expect(rig.edge.stats().ready).toEqual({ '7.3': 1 });
});

test('edge stats - published on the bus each stats interval', async () => {
  rig = startEdge({ edgeId: 'edge-s', limits: { statsIntervalMs: 30 } });
  await joinPhone(rig);
  const report = await within(
    new Promise<EdgeStats>((resolve) => {
      rig!.bus.subscribe(Subjects.stats, (d) => resolve(JSON.parse(new TextDecoder().decode(d)) as EdgeStats));
    }),
    'a stats report',
  );
  expect(report.edgeId).toBe('edge-s');
  expect(report.connections).toBe(1);
  expect(report.framesOut).toBeGreaterThanOrEqual(1);
  expect(report.rttHistogram.length).toBe(rig.edge.stats().rttHistogram.length);
});

test('edge stats - /metrics exposes the counters in Prometheus text format', async () => {
  rig = startEdge();
  const { phone } = await joinPhone(rig);
  await sendAndSettle(phone, quality(12, 1, true, false));
  const res = await fetch(`${rig.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  const text = await res.text();
  for (const name of [
    'crowdlight_edge_connections{edge="edge-test"} 1',
    'crowdlight_edge_frames_in_total{edge="edge-test",type="hello"} 1',
    'crowdlight_edge_frames_in_total{edge="edge-test",type="qualityReport"} 1',
    'crowdlight_edge_frames_out_total{edge="edge-test",type="welcome"} 1',
    'crowdlight_edge_frames_out_total{edge="edge-test",type="clockResponse"} 1',
    'crowdlight_edge_sync_exchanges_total{edge="edge-test"} 1',
    'crowdlight_edge_phones_synced{edge="edge-test"} 1',
    'crowdlight_edge_phone_rtt_ms{edge="edge-test",le="12"} 1',
    'crowdlight_edge_phone_rtt_ms{edge="edge-test",le="+Inf"} 1',
    '# TYPE crowdlight_edge_event_loop_lag_ms gauge',
    '# TYPE crowdlight_edge_event_loop_lag_max_ms gauge',
    '# TYPE crowdlight_edge_closes_total counter',
  ]) {
    expect(text).toContain(name);
  }
  expect(text).toMatch(/crowdlight_edge_bytes_in_total\{edge="edge-test"\} [1-9]/);
  expect(text).toMatch(/crowdlight_edge_bytes_out_total\{edge="edge-test"\} [1-9]/);
  // Every sample line is `name{labels} number`.
  for (const line of text.trim().split('\n')) if (!line.startsWith('#')) expect(line).toMatch(/^[a-z_]+\{[^}]*\} -?[0-9.e+]+$/);
});

test('edge stats - /healthz answers GET and HEAD; close() drains every socket with 4020', async () => {
  rig = startEdge({ edgeId: 'edge-h' });
  const { phone } = await joinPhone(rig);
  const res = await fetch(`${rig.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ ok: true, edgeId: 'edge-h', connections: 1 });
  const head = await fetch(`${rig.url}/healthz`, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-type')).toBe('application/json');
  expect(await head.text()).toBe('');
  expect((await fetch(`${rig.url}/metrics`, { method: 'POST' })).status).toBe(405);
  expect(rig.edge.fetch(new Request(`${rig.url}/nothing-here`), rig.server)).toBeNull();

  await rig.edge.close();
  const info = await phone.waitClosed();
  expect(info.code).toBe(4020);
  expect(rig.edge.stats().closesByCode['4020']).toBe(1);
  expect((await fetch(`${rig.url}/healthz`)).status).toBe(503);
});
