/**
 * The phones of bench/edge-scale.bench.ts: one process holding thousands of real WebSocket
 * clients (Bun's), each saying hello with a seat of the demo stadium, then exchanging clock
 * requests at a settled phone's rate and counting every frame it receives. Driven over IPC.
 *
 *   bun bench/support/edge-scale-clients.ts      (started by the bench)
 */
import { MessageType, encode } from '../../src/core/protocol/index.ts';
import { serveRpc } from './ipc-rpc.ts';
import { benchHello, startClockHeartbeat } from './loopback-phones.ts';

export interface ClientSample {
  open: number;
  /** Every frame received since the process started. */
  framesIn: number;
  clockResponses: number;
  closed: number;
  rss: number;
}

const READY = encode({ type: 'ready', showId: 7, showVersion: 2, contentHash: new Uint8Array(32).fill(9) });
const QUALITY = encode({
  type: 'qualityReport',
  uncertaintyMs: 0.8,
  rttMs: 2.5,
  offsetChangeMs: 0.1,
  driftPpm: 12,
  framesDropped: 0,
  framesRendered: 600,
  batteryPercent: 80,
  synced: true,
  degraded: false,
  charging: false,
  torchAvailable: false,
  torchOn: false,
  wakeLockHeld: true,
  pageHidden: false,
});

const sockets: WebSocket[] = [];
let framesIn = 0;
let clockResponses = 0;
let closed = 0;

function onFrame(ev: MessageEvent): void {
  framesIn++;
  const b = ev.data as ArrayBuffer;
  if (b.byteLength > 0 && new Uint8Array(b, 0, 1)[0] === MessageType.ClockResponse) clockResponses++;
}

function openOne(url: string, index: number): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      resolve(ok);
    };
    ws.onerror = () => done(false);
    ws.onclose = () => {
      closed++;
      done(false);
    };
    ws.onopen = () => {
      const deviceId = new Uint8Array(16);
      new DataView(deviceId.buffer).setUint32(0, index, true);
      ws.send(benchHello(index, deviceId));
    };
    ws.onmessage = (ev) => {
      onFrame(ev);
      ws.onmessage = onFrame;
      // Like a phone that has its show loaded: ready, then a quality report.
      ws.send(READY);
      ws.send(QUALITY);
      sockets.push(ws);
      done(true);
    };
  });
}

async function open(url: string, count: number, firstIndex: number, inFlight: number): Promise<{ opened: number; failed: number }> {
  let next = 0;
  let opened = 0;
  let failed = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      if (await openOne(url, firstIndex + i)) opened++;
      else failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
  return { opened, failed };
}

let exchangeTimer: ReturnType<typeof setInterval> | null = null;

/** Each socket sends one clock request every `exchangeMs`, spread evenly over the period. */
function startExchanges(exchangeMs: number): void {
  if (exchangeTimer) clearInterval(exchangeTimer);
  exchangeTimer = startClockHeartbeat(sockets, exchangeMs, 50);
}

if (import.meta.main) {
  serveRpc(async (cmd, args) => {
    switch (cmd) {
      case 'open': {
        const a = args as { url: string; count: number; firstIndex: number; inFlight: number };
        return open(a.url, a.count, a.firstIndex, a.inFlight);
      }
      case 'exchange':
        startExchanges((args as { exchangeMs: number }).exchangeMs);
        return true;
      case 'sample':
        return {
          open: sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length,
          framesIn,
          clockResponses,
          closed,
          rss: process.memoryUsage().rss,
        } satisfies ClientSample;
      default:
        throw new Error(`unknown command ${cmd}`);
    }
  });
}
