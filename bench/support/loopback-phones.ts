/**
 * What the phone processes of crowdlight's socket benches (bench/serve-hold.bench.ts,
 * bench/edge-scale.bench.ts) share: the loopback addresses they spread their connections
 * over, the hello a bench phone sends, and the clock-request heartbeat of a settled phone.
 */
import { CLOCK_REQUEST_BYTES, PROTOCOL_VERSION, encode, encodeClockRequestInto } from '../../src/core/protocol/index.ts';
import { benchSeat } from './edge-scale-show.ts';

/**
 * A server bound to 0.0.0.0 accepts all of 127/8, and each (source, destination address:port)
 * pair has its own ~28k ephemeral ports: phones that connect to these four in turn can hold
 * about four times as many connections to one port as one address allows.
 */
export const LOOPBACK_ADDRESSES: readonly string[] = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'];

/** The edge's WebSocket URL on loopback address `index` (taken in turn). */
export function loopbackWsUrl(index: number, port: number): string {
  return `ws://${LOOPBACK_ADDRESSES[index % LOOPBACK_ADDRESSES.length]}:${port}/ws`;
}

/** The hello of bench phone `index`: a seat of the demo stadium, no resume token. */
export function benchHello(index: number, deviceId: Uint8Array): Uint8Array<ArrayBuffer> {
  return encode({ type: 'hello', protocolVersion: PROTOCOL_VERSION, deviceId, seat: benchSeat(index), resumeToken: null });
}

/**
 * Every slot's socket sends one clock request per `periodMs`, spread evenly over the period
 * by one timer per process (`tickMs` apart). `slots` is read on every tick, so it may grow,
 * and a slot may be empty (null) or hold a socket that is not open: its turn is skipped.
 */
export function startClockHeartbeat(slots: ArrayLike<WebSocket | null>, periodMs: number, tickMs: number): ReturnType<typeof setInterval> {
  const request = new Uint8Array(CLOCK_REQUEST_BYTES);
  let cursor = 0;
  let seq = 0;
  let owed = 0;
  return setInterval(() => {
    const n = slots.length;
    if (n === 0) return;
    owed += (n * tickMs) / periodMs;
    for (; owed >= 1; owed--) {
      const ws = slots[cursor % n];
      cursor = (cursor + 1) % n;
      if (ws == null || ws.readyState !== WebSocket.OPEN) continue;
      encodeClockRequestInto(request, ++seq >>> 0, performance.now());
      ws.send(request);
    }
  }, tickMs);
}
