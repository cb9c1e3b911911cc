/**
 * The worker as the orchestrator runs it: a child Bun process over IPC. config -> ready,
 * start -> progress each second, stop -> result, then the process exits 0; a config it
 * cannot use -> fatal and a non-zero exit.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { RunningServer } from '../../src/server/index.ts';
import { hostNow } from '../../src/sim/live/device/host-clock.ts';
import type { MainToWorker, WorkerConfig, WorkerToMain } from '../../src/sim/live/types.ts';
import { startScratchServer } from '../e2e/support/scratch-server.ts';

const DEVICES = 30;
let server: RunningServer;

beforeAll(async () => {
  server = await startScratchServer('crowdlight-sim-worker-proc-');
});

afterAll(async () => {
  await server?.stop();
});

function config(over: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    type: 'config',
    workerIndex: 3,
    firstDevice: 300,
    deviceCount: DEVICES,
    urls: [`ws://127.0.0.1:${server.port}/ws`],
    pageUrl: server.url,
    seed: 5,
    profile: 'lan',
    profileName: 'lan',
    connectStartRelMs: 0,
    connectSpreadMs: 500,
    churnPerDevicePerMinute: 0,
    churnOfflineMs: [1000, 2000],
    fetchPackagePerDevice: true,
    endRelMs: 60_000,
    ...over,
  };
}

function spawnWorker(): { messages: WorkerToMain[]; send: (m: MainToWorker) => void; exited: Promise<number> } {
  const messages: WorkerToMain[] = [];
  const child = Bun.spawn([process.execPath, 'src/sim/live/worker-main.ts'], {
    cwd: new URL('../..', import.meta.url).pathname,
    stdout: 'ignore',
    stderr: 'ignore',
    ipc(m: WorkerToMain) {
      messages.push(m);
    },
  });
  return { messages, send: (m) => child.send(m), exited: child.exited };
}

async function until(what: string, ms: number, probe: () => boolean): Promise<void> {
  const end = performance.now() + ms;
  while (!probe()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('sim worker process', () => {
  test('sim worker process - config, ready, start, progress, stop, result and a clean exit', async () => {
    const w = spawnWorker();
    w.send(config());
    await until('ready', 20_000, () => w.messages.some((m) => m.type === 'ready'));
    expect(w.messages[0]).toEqual({ type: 'ready', workerIndex: 3 });
    w.send({ type: 'start', runStartMs: hostNow() });
    const synced = () => w.messages.some((m) => m.type === 'progress' && m.synced === DEVICES && m.ready === DEVICES);
    await until('every phone synced and ready', 20_000, synced);
    w.send({ type: 'stop' });
    expect(await w.exited).toBe(0);
    const result = w.messages.find((m) => m.type === 'result');
    if (result?.type !== 'result') throw new Error('no result');
    expect(result.workerIndex).toBe(3);
    expect(result.devices).toBe(DEVICES);
    expect(result.connectedEver).toBe(DEVICES);
    expect(result.connectedAtEnd).toBe(DEVICES);
    expect(result.syncTime.count).toBe(DEVICES);
    const progress = w.messages.filter((m) => m.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) {
      expect(p.workerIndex).toBe(3);
      expect(p.rssBytes).toBeGreaterThan(0);
    }
  }, 60_000);

  test('sim worker process - a profile it cannot read is fatal and the process exits non-zero', async () => {
    const w = spawnWorker();
    w.send(config({ profile: { name: 'broken', network: 'none' } }));
    const code = await w.exited;
    expect(code).not.toBe(0);
    const fatal = w.messages.find((m) => m.type === 'fatal');
    expect(fatal).toMatchObject({ type: 'fatal', workerIndex: 3 });
    expect(w.messages.some((m) => m.type === 'ready')).toBe(false);
  }, 30_000);
});
