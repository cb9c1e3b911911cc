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
import { MessageType } from '../../src/core/protocol/index.ts';
import { controllerNow } from '../../src/server/controller-clock.ts';
import { benchHello, loopbackWsUrls, startClockHeartbeat } from './loopback-phones.ts';

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

const OPEN_PER_TICK = 200;
const TICK_MS = 50;

const [port, count, firstIndex] = process.argv.slice(2).map(Number) as [number, number, number];
if (!(port > 0) || !(count > 0) || !(firstIndex >= 0)) throw new Error('usage: serve-hold-client.ts <port> <count> <firstIndex>');

const urls = loopbackWsUrls(port);
const sawCue = new Uint8Array(count);
const sample: HoldClientSample = { welcomed: 0, failedUpgrades: 0, closedAfterWelcome: 0, cuePhones: 0, lastWelcomeAtMs: 0, rss: 0 };
const sockets: Array<WebSocket | null> = new Array(count).fill(null);
let stopping = false;

function open(slot: number): void {
  if (stopping) return;
  const global = firstIndex + slot;
  const ws = new WebSocket(urls[global % urls.length]!);
  ws.binaryType = 'arraybuffer';
  let welcomed = false;
  ws.onopen = () => {
    ws.send(benchHello(global, crypto.getRandomValues(new Uint8Array(16))));
  };
  ws.onmessage = (ev: MessageEvent) => {
    const b = ev.data as ArrayBuffer;
    if (b.byteLength === 0) return;
    const type = new Uint8Array(b, 0, 1)[0];
    if (type === MessageType.Welcome && !welcomed) {
      welcomed = true;
      sample.welcomed++;
      sample.lastWelcomeAtMs = controllerNow();
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

// The heartbeat: every phone asks the time once per 15 s.
startClockHeartbeat(sockets, 15_000, 100);

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
