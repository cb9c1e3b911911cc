/**
 * Simulated phones through an edge dying and through churn: the server runs as a child
 * process that is killed (SIGKILL: no close handshake, the phones see 1006) and started again
 * on the same port; every phone must come back, in sync, and each loss be measured as a
 * reconnection. Churn (page reloads and dropped connections) must bring phones back too.
 */
import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subprocess } from 'bun';
import { hostNow } from '../../src/sim/live/device/host-clock.ts';
import type { WorkerConfig, WorkerProgress, WorkerToMain } from '../../src/sim/live/types.ts';
import { startWorker } from '../../src/sim/live/worker-main.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const dirs: string[] = [];
const children: Subprocess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function newDataDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'crowdlight-sim-chaos-'));
  dirs.push(d);
  return d;
}

function freePort(): number {
  const s = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = s.port;
  s.stop(true);
  return port;
}

async function serve(port: number, dataDir: string): Promise<Subprocess> {
  const child = Bun.spawn([process.execPath, 'src/cli/main.ts', 'serve', '--port', String(port), '--data-dir', dataDir, '--no-qr'], {
    cwd: ROOT,
    env: { ...process.env, CROWDLIGHT_TOKEN: 'chaos-test-token' },
    stdout: 'ignore',
    stderr: 'ignore',
  });
  children.push(child);
  await until('the server', 20_000, async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    } catch {
      return false;
    }
  });
  return child;
}

async function until(what: string, ms: number, probe: () => boolean | Promise<boolean>): Promise<void> {
  const end = performance.now() + ms;
  while (!(await probe())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function config(port: number, over: Partial<WorkerConfig>): WorkerConfig {
  return {
    type: 'config',
    workerIndex: 0,
    firstDevice: 0,
    deviceCount: 60,
    urls: [`ws://127.0.0.1:${port}/ws`],
    pageUrl: `http://127.0.0.1:${port}/`,
    seed: 77,
    profile: 'lan',
    profileName: 'lan',
    connectStartRelMs: 0,
    connectSpreadMs: 500,
    churnPerDevicePerMinute: 0,
    churnOfflineMs: [200, 400],
    fetchPackagePerDevice: false,
    endRelMs: 120_000,
    ...over,
  };
}

describe('sim worker chaos', () => {
  test('sim worker chaos - every phone comes back in sync after its edge is killed and restarted', async () => {
    const port = freePort();
    const dataDir = newDataDir();
    const first = await serve(port, dataDir);
    const N = 60;
    const w = await startWorker(config(port, { deviceCount: N }));
    let last: WorkerProgress | null = null;
    w.start(hostNow(), (m: WorkerToMain) => {
      if (m.type === 'progress') last = m;
    });
    const now = () => last as WorkerProgress | null;
    await until('every phone synced', 20_000, () => now()?.connected === N && now()?.synced === N);
    first.kill('SIGKILL');
    await first.exited;
    await until('the phones notice', 20_000, () => (now()?.connected ?? N) < N);
    const second = await serve(port, dataDir);
    await until('every phone back', 40_000, () => now()?.connected === N && now()?.synced === N);
    w.send({ type: 'stop' });
    const r = await w.done;
    expect(r.closesByCode['1006']).toBe(N);
    expect(r.reconnect.count).toBe(N);
    expect(r.connectedAtEnd).toBe(N);
    expect(r.lost).toBe(0);
    second.kill('SIGKILL');
  }, 90_000);

  test('sim worker chaos - phones that reload or drop their connection come back', async () => {
    const port = freePort();
    const server = await serve(port, newDataDir());
    const N = 40;
    // Every phone churns about once every 3 s, away for 0.2-0.4 s: a reload keeps its
    // clock estimate, a drop reconnects by itself.
    const w = await startWorker(config(port, { deviceCount: N, churnPerDevicePerMinute: 20, endRelMs: 8000 }));
    const progress: WorkerProgress[] = [];
    w.start(hostNow(), (m: WorkerToMain) => {
      if (m.type === 'progress') progress.push(m);
    });
    const r = await w.done;
    expect(r.connectedEver).toBe(N);
    // Churned phones came back: more welcomes again than phones.
    expect(r.reconnect.count).toBeGreaterThan(N);
    expect(r.reconnect.infinite).toBe(0);
    expect(progress.some((p) => p.reconnecting > 0 || p.connected < N)).toBe(true);
    server.kill('SIGKILL');
  }, 60_000);
});
