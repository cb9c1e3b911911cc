/**
 * What the server costs while it holds N phone connections, measured apart from the device
 * simulator (`crowdlight sim` spends far more CPU per device than the server does, and
 * saturates a two-core host long before the server does).
 *
 *  - the server is `startServer({ workers: W, host: '0.0.0.0' })`: W edge processes sharing
 *    the port, the controller in this process;
 *  - phones are Bun WebSocket clients in C processes (bench/support/serve-hold-client.ts),
 *    each under the 20,000 open-file limit of a process, connecting to 127.0.0.1..127.0.0.4 in
 *    turn (each address pair has ~28k ephemeral ports). They say hello with a demo-stadium
 *    seat and only read frames: no clock exchanges, no ready, no quality report;
 *  - per edge and in total: connections, RSS and RSS per connection (with the process's
 *    baseline, and the growth over its RSS before any phone), then over a 15 s window holding
 *    one live cue (POST /api/cues) and the keyframes: CPU share, CPU time per delivered frame,
 *    event-loop lag (largest one-second maximum of the window); how long every phone took to
 *    be welcomed, how many upgrades failed (503 when an edge is full) and were retried, and
 *    whether every phone saw the cue;
 *  - `--chaos`: afterwards one edge process is SIGKILLed; the time until every phone is
 *    welcomed again and the phones still missing at the deadline.
 *
 *   node_modules/.bin/bun bench/serve-hold.bench.ts [--phones 100000] [--workers 6]
 *     [--clients ceil(N/17000)] [--chaos] [--json FILE]
 *
 * Every wait has a deadline; the clients and the server's edge processes are killed at the end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controllerNow as now, startServer } from '../src/server/index.ts';
import type { EdgeSummary } from '../src/control/audience.ts';
import type { HoldClientSample } from './support/serve-hold-client.ts';
import { arg } from './support/cli-arg.ts';

const PHONES = Number(arg('phones', '100000'));
const WORKERS = Number(arg('workers', '6'));
const CLIENTS = Number(arg('clients', String(Math.ceil(PHONES / 17_000))));
const CHAOS = process.argv.includes('--chaos');
const JSON_OUT = arg('json', '');
const WINDOW_MS = 15_000;
const SETTLE_MS = 3_000;
const PER_CLIENT_MAX = 19_000;
const JOIN_DEADLINE_MS = Math.max(60_000, PHONES * 3);
const CHAOS_DEADLINE_MS = 60_000;
if (!(PHONES > 0) || !(WORKERS >= 1) || !(CLIENTS >= 1)) throw new Error('--phones, --workers and --clients must be positive');
if (Math.ceil(PHONES / CLIENTS) > PER_CLIENT_MAX) throw new Error(`--clients ${CLIENTS}: over ${PER_CLIENT_MAX} phones per client process (open-file limit 20,000)`);

const CLIENT_SCRIPT = join(import.meta.dir, 'support', 'serve-hold-client.ts');

export interface EdgeHoldResult {
  edgeId: string;
  pid: number;
  connections: number;
  rssBytes: number;
  /** RSS before any phone connected. */
  rssBaselineBytes: number;
  /** RSS over connections, the process's baseline included. */
  rssPerConnBytes: number;
  /** RSS growth since before any phone, over connections. */
  rssMarginalPerConnBytes: number;
  cpuPercent: number;
  /** CPU time (user + system) over the window, µs. */
  cpuMicros: number;
  framesDelivered: number;
  cpuMicrosPerFrame: number;
  loopLagMaxMs: number;
  upgradesRefused: number;
}

export interface ServeHoldResult {
  phones: number;
  workers: number;
  clients: number;
  edges: EdgeHoldResult[];
  total: Omit<EdgeHoldResult, 'edgeId' | 'pid' | 'loopLagMaxMs'> & { loopLagMaxMs: number };
  allWelcomedMs: number | null;
  welcomedAtDeadline: number;
  failedUpgradesRetried: number;
  cueStatus: number;
  cuePhones: number;
  clientRssBytes: number[];
  chaos: null | { killedEdge: string; reconnectMs: number | null; phonesLost: number; droppedSockets: number; failedUpgradesRetried: number };
}

const dataDir = mkdtempSync(join(tmpdir(), 'crowdlight-serve-hold-'));
const logLines: string[] = [];
const server = await startServer({ host: '0.0.0.0', port: 0, dataDir, token: 'serve-hold-bench', workers: WORKERS, log: (l) => logLines.push(l) });
const base = `http://127.0.0.1:${server.port}`;
const auth = { authorization: `Bearer ${server.token}` };
const samples: HoldClientSample[] = [];
const clients: Array<ReturnType<typeof Bun.spawn>> = [];

async function status(): Promise<EdgeSummary[]> {
  const res = await fetch(`${base}/api/status`, { headers: auth, signal: AbortSignal.timeout(10_000) });
  return ((await res.json()) as { edges: EdgeSummary[] }).edges;
}
async function refusedByEdge(): Promise<Map<string, number>> {
  const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^crowdlight_edge_upgrades_refused_full_total\{[^}]*edge="([^"]+)"[^}]*\}\s+(\S+)/.exec(line);
    if (m) out.set(m[1]!, (out.get(m[1]!) ?? 0) + Number(m[2]));
  }
  return out;
}
const sum = (f: keyof HoldClientSample) => samples.reduce((n, s) => n + (s?.[f] ?? 0), 0);
const maxOf = (f: keyof HoldClientSample) => samples.reduce((n, s) => Math.max(n, s?.[f] ?? 0), 0);
async function waitFor(cond: () => boolean, deadlineMs: number, pollMs: number, progress?: () => void): Promise<boolean> {
  const end = performance.now() + deadlineMs;
  let lastPrint = performance.now();
  while (!cond()) {
    if (performance.now() > end) return false;
    await Bun.sleep(pollMs);
    if (progress && performance.now() - lastPrint > 5_000) {
      lastPrint = performance.now();
      progress();
    }
  }
  return true;
}

async function run(): Promise<ServeHoldResult> {
  // Every edge's RSS before any phone (each reports once it listens).
  let before: EdgeSummary[] = [];
  for (const end = performance.now() + 15_000; performance.now() < end; await Bun.sleep(250)) {
    before = await status();
    if (before.length >= WORKERS && before.every((e) => e.rssBytes > 0)) break;
  }
  const baseline = new Map(before.map((e) => [e.edgeId, e.rssBytes]));
  console.log(`server on :${server.port}, ${WORKERS} edges (${before.map((e) => `${e.edgeId} ${(e.rssBytes / 1e6).toFixed(0)} MB`).join(', ')}); ${PHONES} phones from ${CLIENTS} processes`);

  const perClient = Math.ceil(PHONES / CLIENTS);
  const t0 = now();
  for (let k = 0, first = 0; k < CLIENTS && first < PHONES; k++, first += perClient) {
    const n = Math.min(perClient, PHONES - first);
    clients.push(
      Bun.spawn([process.execPath, CLIENT_SCRIPT, String(server.port), String(n), String(first)], {
        ipc(m: HoldClientSample) {
          samples[k] = m;
        },
        stdout: 'inherit',
        stderr: 'inherit',
      }),
    );
  }
  const joined = await waitFor(() => sum('welcomed') >= PHONES, JOIN_DEADLINE_MS, 100, () =>
    console.log(`  ${((now() - t0) / 1000).toFixed(0)} s: welcomed ${sum('welcomed')}, failed upgrades ${sum('failedUpgrades')}`),
  );
  const allWelcomedMs = joined ? maxOf('lastWelcomeAtMs') - t0 : null;
  const welcomedAtDeadline = sum('welcomed');
  const failedUpgradesRetried = sum('failedUpgrades');
  const refused = await refusedByEdge();
  console.log(joined ? `all ${PHONES} welcomed in ${(allWelcomedMs! / 1000).toFixed(2)} s` : `deadline: ${welcomedAtDeadline} of ${PHONES} welcomed`);

  await Bun.sleep(SETTLE_MS);
  const a = await status();
  const lagMax = new Map<string, number>();
  const cueRes = await fetch(`${base}/api/cues`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ effect: { kind: 'solid', color: '#ff0000' } }),
    signal: AbortSignal.timeout(30_000),
  });
  const tWin = performance.now();
  let b = a;
  while (performance.now() - tWin < WINDOW_MS) {
    await Bun.sleep(1_000);
    b = await status();
    for (const e of b) lagMax.set(e.edgeId, Math.max(lagMax.get(e.edgeId) ?? 0, e.loopLagMaxMs));
  }
  const windowMicros = (performance.now() - tWin) * 1000;
  const edges: EdgeHoldResult[] = b
    .map((e) => {
      const e0 = a.find((x) => x.edgeId === e.edgeId);
      const dcpu = e.cpuMicros - (e0?.cpuMicros ?? 0);
      const frames = e.framesOut - (e0?.framesOut ?? 0);
      const rss = e.rssBytes;
      const conns = Math.max(1, e.connections);
      return {
        edgeId: e.edgeId,
        pid: e.pid,
        connections: e.connections,
        rssBytes: rss,
        rssBaselineBytes: baseline.get(e.edgeId) ?? 0,
        rssPerConnBytes: rss / conns,
        rssMarginalPerConnBytes: (rss - (baseline.get(e.edgeId) ?? 0)) / conns,
        cpuPercent: (dcpu / windowMicros) * 100,
        cpuMicros: dcpu,
        framesDelivered: frames,
        cpuMicrosPerFrame: dcpu / Math.max(1, frames),
        loopLagMaxMs: lagMax.get(e.edgeId) ?? 0,
        upgradesRefused: refused.get(e.edgeId) ?? 0,
      };
    })
    .sort((x, y) => x.edgeId.localeCompare(y.edgeId, 'en', { numeric: true }));
  const tot = (f: keyof EdgeHoldResult) => edges.reduce((n, e) => n + (e[f] as number), 0);
  const conns = Math.max(1, tot('connections'));
  const total = {
    connections: tot('connections'),
    rssBytes: tot('rssBytes'),
    rssBaselineBytes: tot('rssBaselineBytes'),
    rssPerConnBytes: tot('rssBytes') / conns,
    rssMarginalPerConnBytes: (tot('rssBytes') - tot('rssBaselineBytes')) / conns,
    cpuPercent: tot('cpuPercent'),
    cpuMicros: tot('cpuMicros'),
    framesDelivered: tot('framesDelivered'),
    cpuMicrosPerFrame: tot('cpuMicros') / Math.max(1, tot('framesDelivered')),
    loopLagMaxMs: Math.max(0, ...edges.map((e) => e.loopLagMaxMs)),
    upgradesRefused: tot('upgradesRefused'),
  };
  const result: ServeHoldResult = {
    phones: PHONES,
    workers: WORKERS,
    clients: clients.length,
    edges,
    total,
    allWelcomedMs,
    welcomedAtDeadline,
    failedUpgradesRetried,
    cueStatus: cueRes.status,
    cuePhones: sum('cuePhones'),
    clientRssBytes: samples.map((s) => s?.rss ?? 0),
    chaos: null,
  };

  if (CHAOS) {
    const victim = server.edgeProcesses()[0]!;
    const dropped0 = sum('closedAfterWelcome');
    const failed0 = sum('failedUpgrades');
    const tk = now();
    process.kill(victim.pid, 'SIGKILL');
    // Wait until the clients have seen the drop, then until every phone is back.
    await waitFor(() => sum('welcomed') < PHONES, 5_000, 20);
    const back = await waitFor(() => sum('welcomed') >= PHONES, CHAOS_DEADLINE_MS, 50);
    await Bun.sleep(300);
    result.chaos = {
      killedEdge: victim.edgeId,
      reconnectMs: back ? maxOf('lastWelcomeAtMs') - tk : null,
      phonesLost: PHONES - sum('welcomed'),
      droppedSockets: sum('closedAfterWelcome') - dropped0,
      failedUpgradesRetried: sum('failedUpgrades') - failed0,
    };
  }
  return result;
}

function print(r: ServeHoldResult): void {
  const kb = (b: number) => (b / 1024).toFixed(1);
  const mb = (b: number) => (b / 1e6).toFixed(0);
  const rows = [...r.edges.map((e) => ({ name: e.edgeId, ...e })), { name: 'total', ...r.total }];
  console.log('\nedge      conns    RSS MB  base MB  KB/conn  marg KB/conn  CPU %  frames    µs/frame  lag max ms  refused');
  for (const e of rows) {
    console.log(
      `${e.name.padEnd(8)} ${String(e.connections).padStart(6)} ${mb(e.rssBytes).padStart(9)} ${mb(e.rssBaselineBytes).padStart(8)} ${kb(e.rssPerConnBytes).padStart(8)} ${kb(e.rssMarginalPerConnBytes).padStart(13)} ${e.cpuPercent.toFixed(1).padStart(6)} ${String(e.framesDelivered).padStart(8)} ${e.cpuMicrosPerFrame.toFixed(2).padStart(11)} ${e.loopLagMaxMs.toFixed(1).padStart(11)} ${String(e.upgradesRefused).padStart(8)}`,
    );
  }
  console.log(`\nwelcome: ${r.allWelcomedMs === null ? `NOT all by the deadline (${r.welcomedAtDeadline} of ${r.phones})` : `all ${r.phones} in ${(r.allWelcomedMs / 1000).toFixed(2)} s`}; failed upgrades retried ${r.failedUpgradesRetried} (503 refusals counted by the edges: ${r.total.upgradesRefused})`);
  console.log(`cue: POST /api/cues ${r.cueStatus}; seen by ${r.cuePhones} of ${r.phones} phones${r.cuePhones === r.phones ? ' (every phone)' : ''}`);
  console.log(`client processes RSS MB: ${r.clientRssBytes.map(mb).join(' ')}`);
  if (r.chaos) {
    const c = r.chaos;
    console.log(`chaos: SIGKILL ${c.killedEdge}; ${c.droppedSockets} sockets dropped; ${c.reconnectMs === null ? `NOT all back within ${CHAOS_DEADLINE_MS / 1000} s` : `all welcomed again after ${(c.reconnectMs / 1000).toFixed(2)} s`}; phones lost ${c.phonesLost}; failed upgrades retried ${c.failedUpgradesRetried}`);
  }
}

async function shutdown(): Promise<void> {
  for (const c of clients) c.kill('SIGKILL');
  await Promise.race([server.stop(), Bun.sleep(10_000)]);
  // Any edge process still up after stop's own deadline.
  for (const e of server.edgeProcesses()) {
    try {
      process.kill(e.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}

process.on('SIGINT', () => void shutdown().then(() => process.exit(130)));
let code = 0;
try {
  const r = await run();
  print(r);
  // What the supervisor said (edge exits and restarts), for a chaos run above all.
  const supervisor = logLines.filter((l) => /edge|exit|restart/i.test(l));
  if (supervisor.length > 0) console.log(`server log:\n  ${supervisor.slice(-30).join('\n  ')}`);
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(r, null, 2));
} catch (err) {
  console.error(err);
  console.error(logLines.slice(-20).join('\n'));
  code = 1;
} finally {
  await shutdown();
}
process.exit(code);
