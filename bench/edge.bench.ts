/**
 * Edge throughput over real sockets, each figure against a peer measured in the same run:
 *
 *  1. Clock-sync exchanges: C WebSocket clients in ping-pong against crowdlight's edge
 *     (binary frames, allocation-free answer path) and against a minimal Bun.serve that
 *     answers the same exchange in JSON (the obvious peer). The clients run in a child
 *     process, so the server process's CPU time per exchange is the server's own cost;
 *     exchanges per second are reported too.
 *  2. The edge's message handler alone, called in-process with one reused frame, against the
 *     JSON handler alone (no network: the edge's own cost per exchange).
 *  3. Broadcast fan-out to N sockets: the edge's topic publish (one frame, published once to
 *     `all`) against a loop of ws.send to each socket. Time until every socket has every frame.
 *  4. Memory per connection: M phones (in a child process) say hello and stay; the growth of
 *     the edge process's RSS and JS heap, per connection (no peer: a plain figure).
 *
 * The fan-out clients run in this process, so that figure includes the clients' own work and
 * understates the difference between servers. The machine is shared: each case keeps its
 * best of a few rounds.
 *
 *   node_modules/.bin/bun bench/edge.bench.ts [--clients 100] [--sockets 500] [--frames 100] [--hold 2000]
 */
import type { ServerWebSocket } from 'bun';
import {
  CLOCK_REQUEST_BYTES,
  encode,
  encodeClockRequestInto,
  MessageType,
} from '../src/core/protocol/index.ts';
import type { EdgeSocketData } from '../src/edge/index.ts';
import { controllerNow as now } from '../src/server/controller-clock.ts';
import { measure, report } from './harness.ts';
import { serveBenchEdge } from './support/bench-edge.ts';
import { arg } from './support/cli-arg.ts';

const CLIENTS = Number(arg('clients', '100'));
const SOCKETS = Number(arg('sockets', '500'));
const FRAMES = Number(arg('frames', '100'));
const HOLD = Number(arg('hold', '2000'));
const EXCHANGE_MS = 1000;
const ROUNDS = 3;

// ---------------------------------------------------------------- servers

function startEdgeServer() {
  // The bench opens many sockets at once and exchanges as fast as it can.
  const { edge, server, feed, stop } = serveBenchEdge('127.0.0.1', {
    upgradeBurst: 1e6,
    upgradesPerSecond: 1e6,
    messageBurst: 1e9,
    messagesPerSecond: 1e9,
    keyframeIntervalMs: 60_000,
  });
  return {
    edge,
    url: `ws://127.0.0.1:${server.port}/ws`,
    broadcast: (frame: Uint8Array) => feed({ op: 'send', topic: 'all', frame }),
    stop,
  };
}

/** The peer: JSON clock exchanges, and fan-out by sending to every socket in a loop. */
function jsonHandler(ws: ServerWebSocket<unknown>, m: string | Buffer) {
  const t1 = now();
  const req = JSON.parse(String(m)) as { type: string; seq: number; t0: number };
  if (req.type === 'clockRequest') ws.send(JSON.stringify({ type: 'clockResponse', seq: req.seq, t0: req.t0, t1, t2: now() }));
}

function startPeerServer() {
  const sockets = new Set<ServerWebSocket<unknown>>();
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: (req, srv) => (srv.upgrade(req, { data: undefined }) ? undefined : new Response('no', { status: 400 })),
    websocket: {
      perMessageDeflate: false,
      open: (ws) => void sockets.add(ws),
      close: (ws) => void sockets.delete(ws),
      message: jsonHandler,
    },
  });
  return {
    url: `ws://127.0.0.1:${server.port}/ws`,
    broadcast: (frame: Uint8Array) => {
      for (const ws of sockets) ws.send(frame);
    },
    stop: async () => void (await server.stop(true)),
  };
}

// ---------------------------------------------------------------- clients

async function openClients(url: string, n: number, binaryHello: boolean): Promise<WebSocket[]> {
  const hello = encode({ type: 'hello', protocolVersion: 1, deviceId: new Uint8Array(16), seat: null, resumeToken: null });
  const out: WebSocket[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, n - i) }, () => new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url);
        ws.binaryType = 'arraybuffer';
        ws.onerror = () => reject(new Error('client failed to open'));
        ws.onopen = () => {
          if (!binaryHello) return resolve(ws);
          ws.onmessage = () => {
            ws.onmessage = null;
            resolve(ws); // welcome received
          };
          ws.send(hello);
        };
      })),
    );
    out.push(...batch);
  }
  return out;
}

/** Every client runs exchanges back to back for `ms`; returns exchanges per second and the
 *  number answered (including those in flight at the end). */
async function exchangeRound(clients: WebSocket[], binary: boolean, ms: number): Promise<{ rate: number; answered: number }> {
  let count = 0;
  let running = true;
  const done: Promise<void>[] = clients.map((ws) => new Promise<void>((resolve) => {
    const buf = new Uint8Array(CLOCK_REQUEST_BYTES);
    let seq = 0;
    const send = () => {
      seq++;
      if (binary) {
        encodeClockRequestInto(buf, seq, performance.now());
        ws.send(buf);
      } else ws.send(JSON.stringify({ type: 'clockRequest', seq, t0: performance.now() }));
    };
    ws.onmessage = () => {
      count++;
      if (running) send();
      else resolve();
    };
    send();
  }));
  const t0 = performance.now();
  await Bun.sleep(ms);
  running = false;
  const counted = count;
  const dt = performance.now() - t0;
  await Promise.all(done);
  return { rate: (counted * 1000) / dt, answered: count };
}

/** Sends `frames` frames to every client; returns the time until all have arrived, ms. */
async function fanoutRound(clients: WebSocket[], broadcast: (f: Uint8Array) => void, frames: number): Promise<number> {
  const frame = encode({ type: 'cancelCue', epoch: 1, cueId: 1, atControllerMs: 0 });
  let remaining = clients.length * frames;
  const all = new Promise<void>((resolve) => {
    for (const ws of clients) ws.onmessage = () => {
      if (--remaining === 0) resolve();
    };
  });
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) broadcast(frame);
  await all;
  return performance.now() - t0;
}

// ---------------------------------------------------------------- child: exchange clients

if (process.argv[2] === '--exchange-clients') {
  const [url, mode, n, ms] = process.argv.slice(3);
  const clients = await openClients(url!, Number(n), mode === 'binary');
  const warm = await exchangeRound(clients, mode === 'binary', 200);
  const run = await exchangeRound(clients, mode === 'binary', Number(ms));
  console.log(JSON.stringify({ rate: run.rate, answered: warm.answered + run.answered }));
  for (const ws of clients) ws.close();
  process.exit(0);
}

if (process.argv[2] === '--hold-clients') {
  const clients = await openClients(process.argv[3]!, Number(process.argv[4]), true);
  console.log(`holding ${clients.length}`);
  await Bun.sleep(600_000); // until the parent kills this process
}

/** Runs the exchange clients in a child process; returns exchanges/s and server CPU per exchange. */
async function exchangeInChild(url: string, binary: boolean): Promise<{ rate: number; cpuNs: number }> {
  const child = Bun.spawn([process.execPath, import.meta.path, '--exchange-clients', url, binary ? 'binary' : 'json', String(CLIENTS), String(EXCHANGE_MS)], {
    stdout: 'pipe',
    stderr: 'inherit',
  });
  // CPU of this (server) process over the child's whole run, per exchange it answered
  // (connection setup of the clients is included; it is small next to the exchanges).
  const cpu0 = process.cpuUsage();
  const text = await new Response(child.stdout).text();
  await child.exited;
  const cpu = process.cpuUsage(cpu0);
  const { rate, answered } = JSON.parse(text.trim().split('\n').pop()!) as { rate: number; answered: number };
  return { rate, cpuNs: ((cpu.user + cpu.system) * 1000) / answered };
}

// ---------------------------------------------------------------- runs

async function best(rounds: number, fn: () => Promise<number>, better: (a: number, b: number) => boolean): Promise<number> {
  let b = NaN;
  for (let r = 0; r < rounds; r++) {
    const v = await fn();
    if (Number.isNaN(b) || better(v, b)) b = v;
  }
  return b;
}

console.log(`edge bench: ${CLIENTS} exchange clients, ${SOCKETS} fan-out sockets x ${FRAMES} frames, best of ${ROUNDS}; ${HOLD} held connections\n`);

{
  // Memory first, before the other cases have grown (and partly returned) the heap.
  const srv = startEdgeServer();
  Bun.gc(true);
  const m0 = process.memoryUsage();
  const child = Bun.spawn([process.execPath, import.meta.path, '--hold-clients', srv.url, String(HOLD)], { stdout: 'pipe', stderr: 'inherit' });
  await child.stdout.getReader().read(); // "holding N"
  while (srv.edge.stats().connections < HOLD) await Bun.sleep(20);
  Bun.gc(true);
  const m1 = process.memoryUsage();
  console.log(`memory per connection, ${HOLD} phones after hello (edge process)`);
  console.log(`  RSS ${Math.round((m1.rss - m0.rss) / HOLD)} B, JS heap ${Math.round((m1.heapUsed - m0.heapUsed) / HOLD)} B`);
  child.kill();
  await child.exited;
  await srv.stop();
}

const edgeSrv = startEdgeServer();
const peerSrv = startPeerServer();


{
  let e = { rate: 0, cpuNs: Infinity };
  let p = { rate: 0, cpuNs: Infinity };
  for (let r = 0; r < ROUNDS; r++) {
    const er = await exchangeInChild(edgeSrv.url, true);
    const pr = await exchangeInChild(peerSrv.url, false);
    if (er.cpuNs < e.cpuNs) e = er;
    if (pr.cpuNs < p.cpuNs) p = pr;
  }
  const peer = `JSON peer (${Math.round(p.rate)} exchanges/s)`;
  report(
    `clock exchanges, ${CLIENTS} clients in a child process (server CPU ns per exchange)`,
    [
      { name: `edge binary (${Math.round(e.rate)} exchanges/s)`, nsPerOp: e.cpuNs },
      { name: peer, nsPerOp: p.cpuNs },
    ],
    peer,
  );
}

{
  // The handler alone: Bun's own message handler object, called with one reused frame and a
  // socket object that only counts sends (the network is measured above).
  const handler = edgeSrv.edge.websocket;
  const req = new Uint8Array(CLOCK_REQUEST_BYTES);
  encodeClockRequestInto(req, 7, 1234.5);
  let sent = 0;
  const data = { sessionId: 1, helloReceived: true, openedAtMs: 0, lastSeenMs: 0, tokens: 1e9, seatSection: '', seatRow: '', seatNumber: 0, readySlot: -1, quality: -1 } satisfies EdgeSocketData;
  const sock = { data, send: (b: Uint8Array) => (sent += b[0] === MessageType.ClockResponse ? 1 : 0) } as unknown as ServerWebSocket<EdgeSocketData>;
  const jsonReq = JSON.stringify({ type: 'clockRequest', seq: 7, t0: 1234.5 });
  const jsonSock = { send: () => void sent++ } as unknown as ServerWebSocket<unknown>;
  const N = 300_000;
  const results = [
    measure({ name: 'edge handler, binary clock exchange', run: (n) => { for (let i = 0; i < n; i++) handler.message!(sock, req as Buffer<ArrayBuffer>); return sent; } }, N),
    measure({ name: 'JSON handler, same exchange', run: (n) => { for (let i = 0; i < n; i++) jsonHandler(jsonSock, jsonReq); return sent; } }, N / 3),
  ];
  report('clock exchange handler alone (in-process)', results, 'JSON handler, same exchange');
}

{
  const e = await openClients(edgeSrv.url, SOCKETS, true);
  const p = await openClients(peerSrv.url, SOCKETS, false);
  const eMs = await best(ROUNDS, () => fanoutRound(e, edgeSrv.broadcast, FRAMES), (a, b) => a < b);
  const pMs = await best(ROUNDS, () => fanoutRound(p, peerSrv.broadcast, FRAMES), (a, b) => a < b);
  const deliveries = SOCKETS * FRAMES;
  report(
    `broadcast fan-out, ${SOCKETS} sockets x ${FRAMES} frames (ns per delivered frame, incl. clients)`,
    [
      { name: `edge topic publish (${(eMs).toFixed(1)} ms)`, nsPerOp: (eMs * 1e6) / deliveries },
      { name: `ws.send loop (${(pMs).toFixed(1)} ms)`, nsPerOp: (pMs * 1e6) / deliveries },
    ],
    `ws.send loop (${(pMs).toFixed(1)} ms)`,
  );
  for (const ws of [...e, ...p]) ws.close();
}

await edgeSrv.stop();
await peerSrv.stop();
