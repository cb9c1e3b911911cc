/**
 * Edge memory per connection and CPU per delivered frame as the number of phones grows, each
 * against the floor Bun itself costs, measured in the same run:
 *
 *  - the server (crowdlight's edge, or a bare `Bun.serve` WebSocket server with no per-socket
 *    data and one topic) runs in its own process, bound to 0.0.0.0, so its RSS and CPU time
 *    are its own;
 *  - phones are Bun WebSocket clients in several processes (at most `--per-process` each),
 *    connecting to 127.0.0.1..127.0.0.4 in turn so that no (source, destination) address
 *    pair runs out of ephemeral ports; each says hello with a seat of the demo stadium (the
 *    edge subscribes it to `all`, its zones and its section), then sends a clock request
 *    every `--exchange-ms` (a settled phone's rate);
 *  - the server plays a show: four retained frames repeated every keyframe (5 s) and a live
 *    frame every `--live-ms`;
 *  - at each level: RSS and JS heap growth of the server since before its first connection,
 *    per connection (after a full GC), then over a `--window-ms` window, the server's CPU
 *    time per frame the phones received (state frames and clock answers) and its CPU share.
 *
 * Levels are reached one after another in the same server process (connections are only
 * added). Beside RSS the kernel's own memory is printed, which is part of no process's RSS:
 * TCP buffer memory (/proc/net/sockstat, both ends, per connection) and the slab objects of
 * one socket end (/proc/slabinfo: TCP sock, inode, file, epoll entry, dentry). Both are
 * host-wide: clean only while nothing else on the host opens or closes sockets.
 *
 *   node_modules/.bin/bun bench/edge-scale.bench.ts [--levels 1000,5000,10000,18000]
 *     [--kinds edge,bare] [--window-ms 10000] [--exchange-ms 10000] [--live-ms 1000]
 *     [--per-process 5000] [--json FILE] [--heap-types]
 *
 * `--heap-types` also prints the JS object types the server holds per connection.
 *
 * Other kinds (to see what changes the floor): bare-topics, bare-data, bare-deflate, bare-limits
 * (bench/support/edge-scale-server.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnRpcChild, type RpcChild } from './support/ipc-rpc.ts';
import type { ClientSample } from './support/edge-scale-clients.ts';
import { SERVER_KINDS, type ServerKind, type ServerSample } from './support/edge-scale-server.ts';
import { loopbackWsUrls } from './support/loopback-phones.ts';
import { arg } from './support/cli-arg.ts';

const LEVELS = arg('levels', '1000,5000,10000,18000').split(',').map(Number);
const KINDS = arg('kinds', 'edge,bare').split(',') as ServerKind[];
const WINDOW_MS = Number(arg('window-ms', '10000'));
const EXCHANGE_MS = Number(arg('exchange-ms', '10000'));
const LIVE_MS = Number(arg('live-ms', '1000'));
const KEYFRAME_MS = 5000;
const PER_PROCESS = Number(arg('per-process', '5000'));
const IN_FLIGHT = 64;
const JSON_OUT = arg('json', '');
const HEAP_TYPES = process.argv.includes('--heap-types');
for (const k of KINDS) if (!SERVER_KINDS.includes(k)) throw new Error(`unknown kind ${k} (one of ${SERVER_KINDS.join(', ')})`);
if (LEVELS.some((l, i) => !(l > 0) || (i > 0 && l <= LEVELS[i - 1]!))) throw new Error('--levels must be increasing positive counts');

const SERVER_SCRIPT = join(import.meta.dir, 'support', 'edge-scale-server.ts');
const CLIENT_SCRIPT = join(import.meta.dir, 'support', 'edge-scale-clients.ts');

export interface LevelResult {
  kind: ServerKind;
  connections: number;
  /** Server RSS growth since before the first connection, bytes. */
  rssGrowthBytes: number;
  rssPerConnBytes: number;
  /** RSS growth since the previous level, per connection added (the cost of one more). */
  rssMarginalPerConnBytes: number;
  heapPerConnBytes: number;
  cpuMicrosPerFrame: number;
  cpuPercent: number;
  framesPerSec: number;
  /** Kernel TCP buffer memory of the whole host (both ends), bytes per connection. */
  kernelTcpPerConnBytes: number;
  /** Kernel slab memory of one socket end (TCP sock, inode, file, epoll entry, dentry),
   *  bytes: both ends are on this host, so the host's growth over two. */
  kernelSlabPerEndBytes: number;
  clientRssPerConnBytes: number;
}

/** TCP buffer memory of the host, bytes (sockstat counts pages). */
function kernelTcpBytes(): number {
  const m = /^TCP:.* mem (\d+)/m.exec(readFileSync('/proc/net/sockstat', 'utf8'));
  return m ? Number(m[1]) * 4096 : NaN;
}

/** Slab caches a TCP socket end costs the kernel (none of it is in any process's RSS). */
const SOCKET_SLABS = ['TCP', 'sock_inode_cache', 'filp', 'eventpoll_epi', 'dentry'];

/** Bytes held by those slab caches (active objects x object size); NaN when unreadable. */
function kernelSlabBytes(): number {
  let text: string;
  try {
    text = readFileSync('/proc/slabinfo', 'utf8');
  } catch {
    return NaN;
  }
  let total = 0;
  for (const line of text.split('\n')) {
    const f = line.split(/\s+/);
    if (SOCKET_SLABS.includes(f[0]!)) total += Number(f[1]) * Number(f[3]);
  }
  return total;
}

async function waitFor(what: string, cond: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(100);
  }
}

/** JS object types that grew by at least 0.2 per connection since before the first one. */
function printHeapGrowth(kind: string, level: number, before: Record<string, number>, after: Record<string, number>): void {
  const grown = Object.entries(after)
    .map(([type, n]) => [type, (n - (before[type] ?? 0)) / level] as const)
    .filter(([, per]) => per >= 0.2)
    .sort((a, b) => b[1] - a[1]);
  console.log(`  ${kind} at ${level}: JS objects per connection: ${grown.map(([t, per]) => `${t} ${per.toFixed(2)}`).join(', ') || 'none'}`);
}

async function runKind(kind: ServerKind): Promise<LevelResult[]> {
  const server = spawnRpcChild(SERVER_SCRIPT, [kind, String(KEYFRAME_MS)]);
  const clients: { rpc: RpcChild; held: number; url: string }[] = [];
  const results: LevelResult[] = [];
  try {
    const urls = loopbackWsUrls(await server.call<number>('port'));
    await Bun.sleep(300);
    const base = await server.call<ServerSample>('sample', { gc: true, types: HEAP_TYPES });
    const tcp0 = kernelTcpBytes();
    const slab0 = kernelSlabBytes();
    await server.call('show', { liveMs: LIVE_MS });
    let held = 0;
    let prevRss = base.rss;
    for (const level of LEVELS) {
      // Fill the client processes up to the level, `PER_PROCESS` each, one address per process.
      const opens: Promise<unknown>[] = [];
      let need = level - held;
      for (let p = 0; need > 0; p++) {
        if (p === clients.length) clients.push({ rpc: spawnRpcChild(CLIENT_SCRIPT, []), held: 0, url: urls[p % urls.length]! });
        const c = clients[p]!;
        const n = Math.min(need, PER_PROCESS - c.held);
        if (n <= 0) continue;
        const first = held + (level - held - need);
        opens.push(
          c.rpc.call<{ opened: number; failed: number }>('open', { url: c.url, count: n, firstIndex: first, inFlight: IN_FLIGHT }, 300_000).then((r) => {
            if (r.failed > 0) throw new Error(`${r.failed} of ${n} phones failed to connect`);
          }),
        );
        c.held += n;
        need -= n;
      }
      const held0 = held;
      const t0 = performance.now();
      await Promise.all(opens);
      const connectMs = performance.now() - t0;
      held = level;
      for (const c of clients) await c.rpc.call('exchange', { exchangeMs: EXCHANGE_MS });
      await waitFor(`${level} connections`, async () => (await server.call<ServerSample>('sample')).connections >= level, 30_000);
      await Bun.sleep(1000);
      const mem = await server.call<ServerSample>('sample', { gc: true, types: HEAP_TYPES });
      if (HEAP_TYPES) printHeapGrowth(kind, level, base.objectTypeCounts!, mem.objectTypeCounts!);
      const tcp = kernelTcpBytes();
      const slab = kernelSlabBytes();
      // CPU window.
      const s0 = await server.call<ServerSample>('sample');
      const c0 = await Promise.all(clients.map((c) => c.rpc.call<ClientSample>('sample')));
      const w0 = performance.now();
      await Bun.sleep(WINDOW_MS);
      const s1 = await server.call<ServerSample>('sample');
      const c1 = await Promise.all(clients.map((c) => c.rpc.call<ClientSample>('sample')));
      const wall = performance.now() - w0;
      const frames = c1.reduce((a, c) => a + c.framesIn, 0) - c0.reduce((a, c) => a + c.framesIn, 0);
      const open = c1.reduce((a, c) => a + c.open, 0);
      if (open < level) throw new Error(`only ${open} of ${level} phones still open`);
      const r: LevelResult = {
        kind,
        connections: level,
        rssGrowthBytes: mem.rss - base.rss,
        rssPerConnBytes: (mem.rss - base.rss) / level,
        rssMarginalPerConnBytes: (mem.rss - prevRss) / (level - held0),
        heapPerConnBytes: (mem.heapUsed - base.heapUsed) / level,
        cpuMicrosPerFrame: (s1.cpuMicros - s0.cpuMicros) / frames,
        cpuPercent: ((s1.cpuMicros - s0.cpuMicros) / 1000 / wall) * 100,
        framesPerSec: (frames * 1000) / wall,
        kernelTcpPerConnBytes: (tcp - tcp0) / level,
        kernelSlabPerEndBytes: (slab - slab0) / (2 * level),
        clientRssPerConnBytes: c1.reduce((a, c) => a + c.rss, 0) / level,
      };
      results.push(r);
      prevRss = mem.rss;
      console.log(
        `  ${kind.padEnd(12)} ${String(level).padStart(6)} phones (connected in ${(connectMs / 1000).toFixed(1)} s): ` +
          `RSS ${(r.rssPerConnBytes / 1024).toFixed(2)} KB/conn (${(r.rssMarginalPerConnBytes / 1024).toFixed(2)} marginal), heap ${(r.heapPerConnBytes / 1024).toFixed(2)} KB/conn, ` +
          `${r.cpuMicrosPerFrame.toFixed(2)} µs CPU/frame at ${Math.round(r.framesPerSec)} frames/s (${r.cpuPercent.toFixed(1)}% CPU)`,
      );
    }
  } finally {
    for (const c of clients) await c.rpc.kill();
    await server.kill();
  }
  return results;
}

const kb = (b: number) => (b / 1024).toFixed(2);

console.log(
  `edge scale bench: levels ${LEVELS.join(', ')}; kinds ${KINDS.join(', ')}; clock request every ${EXCHANGE_MS} ms per phone, ` +
    `keyframe every ${KEYFRAME_MS} ms (4 frames), live frame every ${LIVE_MS} ms; CPU window ${WINDOW_MS} ms\n`,
);
const all: LevelResult[] = [];
for (const kind of KINDS) all.push(...(await runKind(kind)));

console.log(`\n${'server'.padEnd(12)} ${'phones'.padStart(7)} ${'RSS KB/conn'.padStart(12)} ${'marginal'.padStart(9)} ${'heap KB/conn'.padStart(13)} ${'µs CPU/frame'.padStart(13)} ${'CPU %'.padStart(6)} ${'frames/s'.padStart(9)} ${'kernel TCP buf KB/conn'.padStart(23)} ${'kernel slab KB/end'.padStart(19)} ${'client RSS KB/conn'.padStart(19)}`);
for (const r of all) {
  console.log(
    `${r.kind.padEnd(12)} ${String(r.connections).padStart(7)} ${kb(r.rssPerConnBytes).padStart(12)} ${kb(r.rssMarginalPerConnBytes).padStart(9)} ${kb(r.heapPerConnBytes).padStart(13)} ` +
      `${r.cpuMicrosPerFrame.toFixed(2).padStart(13)} ${r.cpuPercent.toFixed(1).padStart(6)} ${String(Math.round(r.framesPerSec)).padStart(9)} ` +
      `${kb(r.kernelTcpPerConnBytes).padStart(23)} ${kb(r.kernelSlabPerEndBytes).padStart(19)} ${kb(r.clientRssPerConnBytes).padStart(19)}`,
  );
}
/** Least-squares line through (connections, RSS growth): a fixed part and a per-connection slope. */
function fitLine(rows: LevelResult[]): { fixedBytes: number; perConnBytes: number } | null {
  if (rows.length < 2) return null;
  const n = rows.length;
  const mx = rows.reduce((a, r) => a + r.connections, 0) / n;
  const my = rows.reduce((a, r) => a + r.rssGrowthBytes, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const r of rows) {
    sxy += (r.connections - mx) * (r.rssGrowthBytes - my);
    sxx += (r.connections - mx) ** 2;
  }
  const perConnBytes = sxy / sxx;
  return { fixedBytes: my - perConnBytes * mx, perConnBytes };
}

const fits = new Map<ServerKind, { fixedBytes: number; perConnBytes: number }>();
for (const kind of KINDS) {
  const f = fitLine(all.filter((r) => r.kind === kind));
  if (f) fits.set(kind, f);
}
if (fits.size > 0) {
  console.log(`
RSS growth fitted over the levels: fixed part + slope per connection`);
  for (const [kind, f] of fits) console.log(`${kind.padEnd(12)} ${(f.fixedBytes / 1048576).toFixed(2).padStart(6)} MB + ${kb(f.perConnBytes)} KB/conn`);
}

const floorKind = KINDS.find((k) => k === 'bare');
if (floorKind) {
  console.log(`\nagainst the bare Bun.serve floor (same levels, same run)`);
  console.log(`${'server'.padEnd(12)} ${'phones'.padStart(7)} ${'RSS ratio'.padStart(10)} ${'RSS above floor KB'.padStart(19)} ${'marginal above floor KB'.padStart(24)} ${'CPU/frame ratio'.padStart(16)}`);
  for (const r of all) {
    if (r.kind === 'bare') continue;
    const f = all.find((x) => x.kind === 'bare' && x.connections === r.connections);
    if (!f) continue;
    console.log(
      `${r.kind.padEnd(12)} ${String(r.connections).padStart(7)} ${(r.rssPerConnBytes / f.rssPerConnBytes).toFixed(2).padStart(9)}x ` +
        `${kb(r.rssPerConnBytes - f.rssPerConnBytes).padStart(19)} ${kb(r.rssMarginalPerConnBytes - f.rssMarginalPerConnBytes).padStart(24)} ${(r.cpuMicrosPerFrame / f.cpuMicrosPerFrame).toFixed(2).padStart(15)}x`,
    );
  }
}
if (JSON_OUT) {
  const fitted = Object.fromEntries(fits);
  writeFileSync(JSON_OUT, JSON.stringify({ levels: LEVELS, kinds: KINDS, windowMs: WINDOW_MS, exchangeMs: EXCHANGE_MS, liveMs: LIVE_MS, results: all, fitted }, null, 2) + '\n');
}
