/**
 * A load-simulator worker run in this process against the real embedded server: a hundred
 * simulated phones on the `lan` profile join, sync and preload the show, the show plays and
 * two live cues are fired through the operator API; the worker's result must account for
 * every phone and every cue. No timing figure is asserted (the machine is shared).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { RunningServer } from '../../src/server/index.ts';
import { hostNow } from '../../src/sim/live/device/host-clock.ts';
import type { WorkerConfig, WorkerProgress, WorkerResult, WorkerToMain } from '../../src/sim/live/types.ts';
import { inProcessWorker, startWorker } from '../../src/sim/live/worker-main.ts';
import { startScratchServer } from '../e2e/support/scratch-server.ts';

const DEVICES = 100;
let server: RunningServer;

beforeAll(async () => {
  server = await startScratchServer('crowdlight-sim-worker-');
});

afterAll(async () => {
  await server?.stop();
});

async function api(path: string, body: unknown): Promise<Response> {
  return fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function config(over: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    type: 'config',
    workerIndex: 0,
    firstDevice: 0,
    deviceCount: DEVICES,
    urls: [`ws://127.0.0.1:${server.port}/ws`],
    pageUrl: server.url,
    seed: 42,
    profile: 'lan',
    profileName: 'lan',
    connectStartRelMs: 0,
    connectSpreadMs: 1000,
    churnPerDevicePerMinute: 0,
    churnOfflineMs: [1000, 2000],
    fetchPackagePerDevice: false,
    endRelMs: 60_000,
    ...over,
  };
}

async function until(what: string, ms: number, probe: () => boolean): Promise<void> {
  const end = performance.now() + ms;
  while (!probe()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sim worker', () => {
  test('sim worker - 100 lan phones connect, sync, get ready and see every live cue addressed to them', async () => {
    const w = await startWorker(config());
    const progress: WorkerProgress[] = [];
    const got: { result: WorkerResult | null } = { result: null };
    const onMessage = (m: WorkerToMain) => {
      if (m.type === 'progress') progress.push(m);
      else if (m.type === 'result') got.result = m;
    };
    const runStart = hostNow();
    w.start(runStart, onMessage);
    await until('every phone ready', 20_000, () => (progress.at(-1)?.ready ?? 0) === DEVICES && (progress.at(-1)?.synced ?? 0) === DEVICES);
    expect((await api('/api/transport', { action: 'play' })).status).toBe(200);
    const fired: number[] = [];
    let lastStart = 0;
    // Two cues for everyone, then one for the north stand only.
    const targets: unknown[] = ['all', 'all', { zones: ['north'] }];
    for (const target of targets) {
      const issuedAtMs = hostNow();
      const res = await api('/api/cues', { effect: { kind: 'solid', color: '#ff0000' }, target, durationMs: 1000 });
      expect(res.status).toBe(201);
      const { cueId, startControllerMs } = (await res.json()) as { cueId: number; startControllerMs: number };
      w.send({ type: 'cue', cueId, issuedAtMs, startControllerMs });
      fired.push(cueId);
      lastStart = startControllerMs;
      await new Promise((r) => setTimeout(r, 300));
    }
    // Every cue's instant is past (and a second more for stragglers): stop and evaluate.
    await until('the last cue', 10_000, () => hostNow() > lastStart + 1000);
    w.send({ type: 'stop' });
    const r = await w.done;
    expect(got.result).toBe(r);
    expect(r.devices).toBe(DEVICES);
    expect(r.connectedEver).toBe(DEVICES);
    expect(r.connectedAtEnd).toBe(DEVICES);
    expect(r.lost).toBe(0);
    expect(r.errors).toEqual({});
    expect(r.cues.map((c) => c.cueId)).toEqual(fired);
    const [all1, all2, north] = r.cues;
    for (const c of [all1!, all2!]) {
      expect(c.expected).toBe(DEVICES);
      expect(c.seen).toBe(DEVICES);
    }
    // Seats are drawn over the whole venue: some phones sit in the north stand, not all.
    expect(north!.expected).toBeGreaterThan(0);
    expect(north!.expected).toBeLessThan(DEVICES);
    expect(north!.seen).toBe(north!.expected);
    const receipts = 2 * DEVICES + north!.seen;
    expect(r.clockError.count).toBeGreaterThan(DEVICES);
    expect(r.visualError.count).toBe(receipts);
    expect(r.visualError.infinite).toBe(0);
    expect(r.deliveryLatency.count).toBe(receipts);
    expect(r.serverDeliveryLatency.count).toBe(receipts);
    expect(r.syncTime.count).toBe(DEVICES);
    expect(r.bytesIn).toBeGreaterThan(0);
    expect(r.bytesOut).toBeGreaterThan(0);
    expect(r.connectedDeviceSeconds).toBeGreaterThan(0);
    expect(r.rssBytesPeak).toBeGreaterThan(0);
    expect(r.cpuMicros).toBeGreaterThan(0);
  }, 40_000);

  test('sim worker - in process, the worker protocol runs config to result, and a kill ends it without one', async () => {
    const messages: WorkerToMain[] = [];
    const w = inProcessWorker((m) => messages.push(m));
    w.send(config({ deviceCount: 10, workerIndex: 2 }));
    await until('ready', 20_000, () => messages.some((m) => m.type === 'ready'));
    w.send({ type: 'start', runStartMs: hostNow() });
    await until('synced', 20_000, () => messages.some((m) => m.type === 'progress' && m.synced === 10));
    w.send({ type: 'stop' });
    expect(await w.exited).toBe(0);
    expect(messages.filter((m) => m.type === 'result')).toHaveLength(1);
    expect(messages.find((m) => m.type === 'result')).toMatchObject({ workerIndex: 2, devices: 10, connectedAtEnd: 10 });

    const killed: WorkerToMain[] = [];
    const k = inProcessWorker((m) => killed.push(m));
    k.send(config({ deviceCount: 10 }));
    await until('ready', 20_000, () => killed.some((m) => m.type === 'ready'));
    k.send({ type: 'start', runStartMs: hostNow() });
    await until('progress', 20_000, () => killed.some((m) => m.type === 'progress'));
    k.kill();
    expect(await k.exited).toBe(137);
    await new Promise((r) => setTimeout(r, 1200));
    expect(killed.some((m) => m.type === 'result')).toBe(false);
    const progressAfterKill = killed.filter((m) => m.type === 'progress').length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(killed.filter((m) => m.type === 'progress').length).toBe(progressAfterKill);
  }, 60_000);
});
