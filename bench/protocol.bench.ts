/**
 * Wire codec throughput: crowdlight's binary frames against the obvious peer, JSON text
 * frames carrying the same fields, measured in the same run.
 *
 *   node_modules/.bin/bun bench/protocol.bench.ts
 */
import {
  decodeServerMessage,
  encode,
  encodeClockResponseInto,
  newClockRequest,
  readClockRequest,
  encodeClockRequestInto,
  CLOCK_RESPONSE_BYTES,
  CLOCK_REQUEST_BYTES,
  type TransportStateMessage,
} from '../src/core/protocol/index.ts';
import { measure, report } from './harness.ts';

const N = 1_000_000;
const out = new Uint8Array(CLOCK_RESPONSE_BYTES);
const req = new Uint8Array(CLOCK_REQUEST_BYTES);
encodeClockRequestInto(req, 7, 12345.678);
const reqJson = JSON.stringify({ type: 'clockRequest', seq: 7, t0: 12345.678 });
const holder = newClockRequest();
const enc = new TextEncoder();

const clock = [
  measure({
    name: 'clock exchange, binary (read + answer)',
    run: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const m = readClockRequest(req, holder);
        s += encodeClockResponseInto(out, m.seq, m.t0, 1000 + i, 1000.01 + i);
      }
      return s;
    },
  }, N),
  measure({
    name: 'clock exchange, JSON (parse + stringify)',
    run: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const m = JSON.parse(reqJson) as { seq: number; t0: number };
        s += enc.encode(JSON.stringify({ type: 'clockResponse', seq: m.seq, t0: m.t0, t1: 1000 + i, t2: 1000.01 + i })).length;
      }
      return s;
    },
  }, N / 4),
];
report('clock-sync exchange at the edge (per exchange)', clock, 'clock exchange, JSON (parse + stringify)');

const state: TransportStateMessage = {
  type: 'transportState', epoch: 3, seq: 41, mode: 'playing', blackout: false, showId: 1, showVersion: 2,
  anchorControllerMs: 1_764_000_000_000.25, anchorShowMs: 30_000, rate: 1,
};
const stateBin = encode(state);
const stateJson = JSON.stringify(state);
const dec = new TextDecoder();
const stateJsonBytes = enc.encode(stateJson);
const st = [
  measure({ name: 'transport state, binary decode', run: (n) => { let s = 0; for (let i = 0; i < n; i++) s += (decodeServerMessage(stateBin) as TransportStateMessage).seq; return s; } }, N),
  measure({ name: 'transport state, JSON decode', run: (n) => { let s = 0; for (let i = 0; i < n; i++) s += (JSON.parse(dec.decode(stateJsonBytes)) as TransportStateMessage).seq; return s; } }, N / 4),
];
report('transport state on the phone (per frame)', st, 'transport state, JSON decode');
console.log(`\nframe sizes: transport state ${stateBin.length} B binary vs ${stateJsonBytes.length} B JSON; ` +
  `clock response ${CLOCK_RESPONSE_BYTES} B binary`);
