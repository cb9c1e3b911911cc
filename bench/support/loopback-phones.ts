/**
 * What the phone processes of crowdlight's socket benches (bench/serve-hold.bench.ts,
 * bench/edge-scale.bench.ts) share: the loopback URLs they spread their connections over,
 * the hello a bench phone sends, and the clock-request heartbeat of a settled phone.
 */
import { CLOCK_REQUEST_BYTES, PROTOCOL_VERSION, encode, encodeClockRequestInto } from '../../src/core/protocol/index.ts';
// The rewrite alone, not the orchestrator's index: the phone processes report their RSS.
import { spreadHosts } from '../../src/sim/live/orchestrator/urls.ts';
import { benchSeat } from './edge-scale-show.ts';

/**
 * The edge's WebSocket URLs on 127.0.0.1..127.0.0.4, for phones to take in turn: a server
 * bound to 0.0.0.0 accepts all of 127/8, and each (source, destination address:port) pair
 * has its own ~28k ephemeral ports, so four addresses hold about four times as many
 * connections to one port as one address allows. (The simulator's --spread-hosts rewrite.)
 */
export function loopbackWsUrls(port: number): string[] {
  return spreadHosts([`ws://127.0.0.1:${port}/ws`], 4);
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
