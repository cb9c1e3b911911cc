/**
 * The phones of bench/serve-hold.bench.ts: one process holding thousands of Bun WebSocket
 * clients that cost almost nothing. Each says hello with a seat of the demo stadium, then only
 * reads frames: it counts its welcome and whether a live cue reached it, and sends one clock
 * request every 15 s, a settled phone's heartbeat, so the edge's idle sweep (90 s of
 * silence) does not close it (no ready, no quality report, the answers are not used). A failed upgrade (an edge that is full answers 503) is retried
 * after a jittered pause; a welcomed phone whose socket closes reconnects at once (jittered),
 * as a phone does when its edge dies. Samples go to the parent over IPC every 250 ms.
 *
 *   bun bench/support/serve-hold-client.ts <port> <count> <firstIndex>   (started by the bench)
 */
import { CLOCK_REQUEST_BYTES, MessageType, PROTOCOL_VERSION, encode, encodeClockRequestInto } from '../../src/core/protocol/index.ts';
import { benchSeat } from './edge-scale-show.ts';

export interface HoldClientSample {
  /** Phones whose socket is open and welcomed now. */
  welcomed: number;
  /** Upgrades that failed before a welcome (refused or errored), each retried. */
  failedUpgrades: number;
  /** Welcomed sockets that closed afterwards (each reconnected). */
  closedAfterWelcome: number;
  /** Phones that have received at least one live cue. */
  cuePhones: number;
  /** Controller-clock time of the latest welcome, ms (0: none yet). */
  lastWelcomeAtMs: number;
  rss: number;
}

const ADDRESSES = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];
const OPEN_PER_TICK = 200;
const TICK_MS = 50;

const [port, count, firstIndex] = process.argv.slice(2).map(Number) as [number, number, number];
if (!(port > 0) || !(count > 0) || !(firstIndex >= 0)) throw new Error('usage: serve-hold-client.ts <port> <count> <firstIndex>');

const sawCue = new Uint8Array(count);
const sample: HoldClientSample = { welcomed: 0, failedUpgrades: 0, closedAfterWelcome: 0, cuePhones: 0, lastWelcomeAtMs: 0, rss: 0 };
const sockets: Array<WebSocket | null> = new Array(count).fill(null);
let stopping = false;

function open(slot: number): void {
  if (stopping) return;
  const global = firstIndex + slot;
  const ws = new WebSocket(`ws://${ADDRESSES[global % ADDRESSES.length]}:${port}/ws`);
  ws.binaryType = 'arraybuffer';
  let welcomed = false;
  ws.onopen = () => {
    const deviceId = crypto.getRandomValues(new Uint8Array(16));
    ws.send(encode({ type: 'hello', protocolVersion: PROTOCOL_VERSION, deviceId, seat: benchSeat(global), resumeToken: null }));
  };
  ws.onmessage = (ev: MessageEvent) => {
    const b = ev.data as ArrayBuffer;
    if (b.byteLength === 0) return;
    const type = new Uint8Array(b, 0, 1)[0];
    if (type === MessageType.Welcome && !welcomed) {
      welcomed = true;
      sample.welcomed++;
      sample.lastWelcomeAtMs = performance.timeOrigin + performance.now();
    } else if (type === MessageType.LiveCue && sawCue[slot] === 0) {
      sawCue[slot] = 1;
      sample.cuePhones++;
    }
  };
  ws.onclose = () => {
    sockets[slot] = null;
    if (welcomed) {
      sample.welcomed--;
      sample.closedAfterWelcome++;
      setTimeout(() => open(slot), Math.random() * 200);
    } else {
      sample.failedUpgrades++;
      setTimeout(() => open(slot), 500 + Math.random() * 2000);
    }
  };
  sockets[slot] = ws;
}

// The heartbeat: every phone asks the time once per HEARTBEAT_MS, spread evenly over the
// period by one per-process timer.
const HEARTBEAT_MS = 15_000;
const HEARTBEAT_TICK_MS = 100;
const request = new Uint8Array(CLOCK_REQUEST_BYTES);
let beat = 0;
let seq = 0;
setInterval(() => {
  const n = Math.ceil((count * HEARTBEAT_TICK_MS) / HEARTBEAT_MS);
  for (let k = 0; k < n; k++) {
    const ws = sockets[beat];
    beat = (beat + 1) % count;
    if (ws === null || ws.readyState !== WebSocket.OPEN) continue;
    encodeClockRequestInto(request, ++seq >>> 0, performance.now());
    ws.send(request);
  }
}, HEARTBEAT_TICK_MS);

let next = 0;
const opener = setInterval(() => {
  for (let k = 0; k < OPEN_PER_TICK && next < count; k++) open(next++);
  if (next >= count) clearInterval(opener);
}, TICK_MS);

setInterval(() => {
  sample.rss = process.memoryUsage.rss();
  process.send?.(sample);
}, 250);

// The bench owns this process: exit with it.
process.on('disconnect', () => {
  stopping = true;
  process.exit(0);
});
