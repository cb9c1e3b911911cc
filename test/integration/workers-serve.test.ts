/**
 * `startServer({ workers: 2 })` for real: two edge processes on one port, the controller in
 * this process, phones over real WebSockets. Every wait is on an event with a deadline.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Edge } from '../../src/edge/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { isType, WsPhone } from './support/ws-phone.ts';

let s: RunningServer<Edge | null>;
let dataDir: string;
const phones: WsPhone[] = [];

const api = (method: string, path: string, body?: unknown, token: string | null = s.token) =>
  fetch(`${s.url}${path}`, {
    method,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

interface StatusEdge { edgeId: string; pid: number; connections: number; rssBytes: number; cpuMicros: number; framesOut: number; loopLagMaxMs: number; atMs: number }
const status = async () => (await (await api('GET', '/api/status')).json()) as { edges: StatusEdge[]; liveCues: { cueId: number }[] };

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

async function join1(): Promise<{ phone: WsPhone; edgeId: string }> {
  const phone = await WsPhone.join(`${s.url.replace('http', 'ws')}/ws`, { section: '101', row: '3', seat: 4 });
  phones.push(phone);
  const welcome = await phone.waitFor(isType('welcome'));
  return { phone, edgeId: welcome.edgeId };
}

/** Joins phones until every edge id in `want` has at least `each` of them. */
async function joinUntilSpread(want: string[], each: number): Promise<Map<string, WsPhone[]>> {
  const by = new Map<string, WsPhone[]>(want.map((id) => [id, []]));
  for (let i = 0; i < 200 && [...by.values()].some((l) => l.length < each); i++) {
    const { phone, edgeId } = await join1();
    by.get(edgeId)?.push(phone);
  }
  for (const [id, l] of by) if (l.length < each) throw new Error(`no phone landed on ${id}`);
  return by;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'crowdlight-workers-'));
  s = await startServer({ port: 0, dataDir, token: 'tok', workers: 2, log: () => {} });
});

afterAll(async () => {
  for (const p of phones) p.close();
  await s?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('workers', () => {
  test('workers - two edge processes listen on one port and this process holds no phone socket', () => {
    expect(s.workers).toBe(2);
    expect(s.edge).toBeNull();
    const procs = s.edgeProcesses();
    expect(procs.map((p) => p.edgeId)).toEqual(['edge-1', 'edge-2']);
    for (const p of procs) {
      expect(p.pid).not.toBe(process.pid);
      expect(alive(p.pid)).toBe(true);
    }
  });

  test('workers - a live cue fired through an edge reaches the phones of both edges', async () => {
    const by = await joinUntilSpread(['edge-1', 'edge-2'], 2);
    const res = await api('POST', '/api/cues', { effect: { kind: 'solid', color: '#ff0000' } });
    expect(res.status).toBe(201);
    const { cueId } = (await res.json()) as { cueId: number };
    for (const list of by.values()) {
      for (const p of list) expect((await p.waitFor((m): m is Extract<typeof m, { type: 'liveCue' }> => m.type === 'liveCue' && m.cueId === cueId)).cueId).toBe(cueId);
    }
  });

  test('workers - /api/status lists both edges with their process figures and phone counts', async () => {
    const procs = s.edgeProcesses();
    const open = phones.filter((p) => !p.closed).length;
    let edges: StatusEdge[] = [];
    await until(async () => {
      edges = (await status()).edges;
      return edges.length === 2 && edges.reduce((n, e) => n + e.connections, 0) === open;
    }, 'both edges to report every phone');
    expect(edges.map((e) => e.edgeId)).toEqual(['edge-1', 'edge-2']);
    for (const e of edges) {
      expect(e.pid).toBe(procs.find((p) => p.edgeId === e.edgeId)!.pid);
      expect(e.connections).toBeGreaterThan(0);
      expect(e.rssBytes).toBeGreaterThan(1_000_000);
      expect(e.cpuMicros).toBeGreaterThan(0);
      expect(e.framesOut).toBeGreaterThan(0);
    }
  });

  test('workers - /metrics on the public port has the series of both edges, each family once', async () => {
    await until(async () => {
      const text = await (await fetch(`${s.url}/metrics`)).text();
      return text.includes('crowdlight_edge_connections{edge="edge-1"}') && text.includes('crowdlight_edge_connections{edge="edge-2"}');
    }, 'both edges in the aggregate');
    const res = await fetch(`${s.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text.match(/^# TYPE crowdlight_edge_connections gauge$/gm)?.length).toBe(1);
    expect(text).toMatch(/^crowdlight_edge_processes 2$/m);
    expect(text).toMatch(/^crowdlight_edge_process_resident_memory_bytes\{edge="edge-2"\} \d+/m);
  });

  test('workers - the API behind the proxy refuses a wrong token (401) and an oversized body (413) and changes nothing', async () => {
    const before = (await status()).liveCues;
    const wrong = await api('POST', '/api/cues', { effect: { kind: 'solid', color: '#00ff00' } }, 'not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await wrong.json()) as { error: string }).error).toBe('unauthorized');
    const none = await api('GET', '/api/status', undefined, null);
    expect(none.status).toBe(401);
    const huge = await fetch(`${s.url}/api/cues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: `{"pad":"${'x'.repeat(4 * 1024 * 1024 + 16)}"}`,
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toBe('too-large');
    const bad = await api('POST', '/api/transport', { action: 'fly' });
    expect(bad.status).toBe(400);
    expect((await status()).liveCues).toEqual(before);
  });

  test('workers - a killed edge process is restarted, and its phones come back to the current state', async () => {
    const cue = await (await api('POST', '/api/cues', { effect: { kind: 'solid', color: '#0000ff' } })).json() as { cueId: number };
    const victim = s.edgeProcesses().find((p) => p.edgeId === 'edge-1')!;
    const onVictim = await joinUntilSpread(['edge-1'], 1);
    process.kill(victim.pid, 'SIGKILL');
    for (const p of onVictim.get('edge-1')!) expect((await p.waitClosed()).code).toBe(1006);
    await until(() => s.edgeProcesses().some((p) => p.edgeId === 'edge-1' && p.pid !== victim.pid), 'edge-1 to be restarted');
    expect(alive(victim.pid)).toBe(false);
    // The status drops the dead process at once and lists its replacement once it reports.
    const fresh = s.edgeProcesses().find((p) => p.edgeId === 'edge-1')!;
    await until(async () => (await status()).edges.some((e) => e.edgeId === 'edge-1' && e.pid === fresh.pid), 'the new edge-1 in the status');
    expect((await status()).edges.map((e) => e.pid)).not.toContain(victim.pid);
    // Phones reconnect (the kernel spreads them over the live edges) and get the state.
    const back = await joinUntilSpread(['edge-1', 'edge-2'], 1);
    for (const list of back.values()) {
      for (const p of list) {
        await p.waitFor(isType('transportState'));
        await p.waitFor((m): m is Extract<typeof m, { type: 'liveCue' }> => m.type === 'liveCue' && m.cueId === cue.cueId);
      }
    }
    const text = await (await fetch(`${s.url}/metrics`)).text();
    expect(text).toMatch(/^crowdlight_edge_process_restarts_total 1$/m);
  });

  test('workers - stop() drains the phones with 4020 and leaves no edge process running', async () => {
    const pids = s.edgeProcesses().map((p) => p.pid);
    const { phone } = await join1();
    await s.stop();
    expect((await phone.waitClosed()).code).toBe(4020);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(s.edgeProcesses()).toEqual([]);
  });
});
