/**
 * The edge processes' life around the controller process: a port already taken fails the
 * start with a clear error, edges do not outlive a controller process that dies, and a stop
 * during an edge's restart leaves no edge process behind.
 */
import { afterEach, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseServeArgs } from '../../src/cli/serve.ts';
import { ServeError, startServer } from '../../src/server/index.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'crowdlight-workers-life-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('workers - a port taken by another process fails the start with port-in-use', async () => {
  const busy = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('x') });
  try {
    let err: unknown = null;
    try {
      await startServer({ port: busy.port, dataDir: tempDir(), token: 't', workers: 2, log: () => {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ServeError);
    expect((err as ServeError).code).toBe('port-in-use');
    expect((err as ServeError).message).toContain(`port ${busy.port} on 127.0.0.1 is already in use`);
  } finally {
    busy.stop(true);
  }
});

test('workers - a worker count outside 0..64 is refused', async () => {
  for (const workers of [-1, 65, 1.5]) {
    let err: unknown = null;
    try {
      await startServer({ port: 0, dataDir: tempDir(), workers, log: () => {} });
    } catch (e) {
      err = e;
    }
    expect((err as ServeError).code).toBe('bad-option');
  }
});

test('workers - edge processes exit when the controller process is killed', async () => {
  const server = new URL('../../src/server/index.ts', import.meta.url).pathname;
  const script = `
    import { startServer } from ${JSON.stringify(server)};
    const s = await startServer({ port: 0, dataDir: ${JSON.stringify(tempDir())}, token: 't', workers: 2, log: () => {} });
    console.log(JSON.stringify(s.edgeProcesses().map((p) => p.pid)));
    setInterval(() => {}, 1000);
  `;
  const main = Bun.spawn([process.execPath, '-e', script], { stdout: 'pipe', stderr: 'inherit' });
  const reader = main.stdout.getReader();
  let text = '';
  while (!text.includes('\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const pids = JSON.parse(text.trim()) as number[];
  expect(pids.length).toBe(2);
  for (const pid of pids) expect(alive(pid)).toBe(true);
  main.kill('SIGKILL');
  await main.exited;
  const deadline = performance.now() + 8000;
  while (pids.some(alive) && performance.now() < deadline) await Bun.sleep(20);
  expect(pids.filter(alive)).toEqual([]);
});

test('workers - crowdlight serve --workers takes an integer 0..64', () => {
  expect(parseServeArgs(['--workers', '6'])).toMatchObject({ workers: 6 });
  expect(parseServeArgs([])).toMatchObject({ workers: 0 });
  for (const bad of ['-1', '65', '2.5', 'six', '']) expect(() => parseServeArgs(['--workers', bad])).toThrow(/--workers/);
});

test('workers - an edge that cannot listen fails the start with an error naming it, and leaves no process behind', async () => {
  // Port 0 skips the port check in this process, so the edge process itself meets the failure.
  let err: unknown = null;
  try {
    await startServer({ host: '203.0.113.7', port: 0, dataDir: tempDir(), token: 't', workers: 2, log: () => {} });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ServeError);
  expect((err as ServeError).code).toBe('edge-failed');
  expect((err as ServeError).message).toContain('edge-1');
  const children = Bun.spawnSync(['pgrep', '-P', String(process.pid), '-f', 'edge-process']).stdout.toString().trim();
  expect(children).toBe('');
});

const edgeChildren = (): number[] =>
  Bun.spawnSync(['pgrep', '-P', String(process.pid), '-f', 'edge-process'])
    .stdout.toString()
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number);

test('workers - stop() while a killed edge waits for its restart, or is starting again, leaves no process behind', async () => {
  for (const moment of ['restart pending', 'restart starting'] as const) {
    const logs: string[] = [];
    const s = await startServer({ port: 0, dataDir: tempDir(), token: 't', workers: 1, log: (l) => logs.push(l) });
    const [first] = s.edgeProcesses();
    process.kill(first!.pid, 'SIGKILL');
    const deadline = performance.now() + 8000;
    const ready = moment === 'restart pending'
      ? () => logs.some((l) => l.includes('restarting in'))
      : () => edgeChildren().some((pid) => pid !== first!.pid);
    while (!ready() && performance.now() < deadline) await Bun.sleep(5);
    expect(ready()).toBe(true);
    await s.stop();
    expect(s.edgeProcesses()).toEqual([]);
    // Longer than the first restart's backoff (at most 250 ms): a restart that stop() missed
    // would have spawned by now.
    await Bun.sleep(400);
    expect(edgeChildren()).toEqual([]);
    if (moment === 'restart pending') expect(logs.filter((l) => l.includes('restarted (pid'))).toEqual([]);
  }
}, 20_000);
