import { describe, expect, test } from 'bun:test';
import {
  CLOCK_REQUEST_BYTES,
  CLOCK_RESPONSE_BYTES,
  MessageType,
  ProtocolError,
  decodeClientMessage,
  decodeServerMessage,
  encode,
  encodeClockRequestInto,
  encodeClockResponseInto,
  encodeInto,
  newClockRequest,
  newClockResponse,
  readClockRequest,
  readClockResponse,
} from '../../../src/core/protocol/index.ts';
import { expectProtocolError } from './expect-error.ts';
import { allFixtures } from './fixtures.ts';
import { mulberry32 } from './prng.ts';

/** The code a call throws, or 'ok'. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    return err.code;
  }
}

describe('protocol clock fast path', () => {
  test('protocol - encodeClockRequestInto writes the same bytes as encode', () => {
    const buf = new Uint8Array(CLOCK_REQUEST_BYTES);
    for (const [seq, t0] of [[0, 0], [0xffffffff, -1e300], [17, 1.7e12 + 0.25]] as const) {
      expect(encodeClockRequestInto(buf, seq, t0)).toBe(CLOCK_REQUEST_BYTES);
      expect(buf).toEqual(encode({ type: 'clockRequest', seq, t0 }));
    }
  });

  test('protocol - encodeClockResponseInto writes the same bytes as encode, at any offset', () => {
    const buf = new Uint8Array(CLOCK_RESPONSE_BYTES + 3);
    const m = { type: 'clockResponse', seq: 9, t0: 12.5, t1: 1.7e12, t2: 1.7e12 + 0.125 } as const;
    expect(encodeClockResponseInto(buf, m.seq, m.t0, m.t1, m.t2, 3)).toBe(CLOCK_RESPONSE_BYTES);
    expect(buf.slice(3)).toEqual(encode(m));
    expect(decodeServerMessage(buf.subarray(3))).toEqual(m);
  });

  test('protocol - readClockRequest fills and returns the caller object', () => {
    const out = newClockRequest();
    const a = readClockRequest(encode({ type: 'clockRequest', seq: 3, t0: -7.5 }), out);
    expect(a).toBe(out);
    expect(out).toEqual({ type: 'clockRequest', seq: 3, t0: -7.5 });
    readClockRequest(encode({ type: 'clockRequest', seq: 0xffffffff, t0: 1e12 }).buffer, out);
    expect(out).toEqual({ type: 'clockRequest', seq: 0xffffffff, t0: 1e12 });
  });

  test('protocol - readClockResponse fills and returns the caller object', () => {
    const out = newClockResponse();
    const m = { type: 'clockResponse', seq: 1, t0: 2, t1: 3, t2: 4 } as const;
    expect(readClockResponse(encode(m).buffer, out)).toBe(out);
    expect(out).toEqual(m);
  });

  test('protocol - the fast encoders refuse invalid values and small buffers', () => {
    expectProtocolError(() => encodeClockRequestInto(new Uint8Array(13), 1, NaN), 'out-of-range');
    expectProtocolError(() => encodeClockRequestInto(new Uint8Array(13), -1, 0), 'out-of-range');
    expectProtocolError(() => encodeClockRequestInto(new Uint8Array(12), 1, 0), 'buffer-too-small');
    expectProtocolError(() => encodeClockRequestInto(new Uint8Array(20), 1, 0, -1), 'buffer-too-small');
    expectProtocolError(() => encodeClockResponseInto(new Uint8Array(29), 1, 0, Infinity, 0), 'out-of-range');
    expectProtocolError(() => encodeClockResponseInto(new Uint8Array(29), 1, 0, 0, NaN), 'out-of-range');
    expectProtocolError(() => encodeClockResponseInto(new Uint8Array(29), 2 ** 32, 0, 0, 0), 'out-of-range');
    expectProtocolError(() => encodeClockResponseInto(new Uint8Array(29), 1, 0, 0, 0, 1), 'buffer-too-small');
  });

  test("protocol - the fast encoders refuse an output that is not a Uint8Array with 'buffer-too-small', like encodeInto", () => {
    for (const out of [null, undefined, [], new Array(40).fill(0), new Uint16Array(40), new ArrayBuffer(40)]) {
      const bad = out as unknown as Uint8Array;
      expectProtocolError(() => encodeClockRequestInto(bad, 1, 0), 'buffer-too-small');
      expectProtocolError(() => encodeClockResponseInto(bad, 1, 0, 0, 0), 'buffer-too-small');
      expectProtocolError(() => encodeInto({ type: 'clockRequest', seq: 1, t0: 0 }, bad), 'buffer-too-small');
    }
  });

  test('protocol - readClockRequest refuses other types with the codes of the generic decoder', () => {
    const out = newClockRequest();
    for (const m of allFixtures) {
      if (m.type === 'clockRequest') continue;
      const frame = encode(m);
      const code = frame.length > 256 ? 'too-large' : 'unexpected-type';
      expectProtocolError(() => readClockRequest(frame, out), code);
    }
    expectProtocolError(() => readClockRequest(new Uint8Array([0x7f]), out), 'unknown-type');
    expectProtocolError(() => readClockRequest('x' as unknown as Uint8Array, out), 'not-binary');
  });

  test('protocol - fast readers agree with the generic decoders on mutated clock frames', () => {
    const rand = mulberry32(0xc10c);
    const req = newClockRequest();
    const res = newClockResponse();
    let compared = 0;
    for (let i = 0; i < 20_000; i++) {
      const isReq = (i & 1) === 0;
      const base = isReq
        ? encode({ type: 'clockRequest', seq: i, t0: rand() * 1e6 })
        : encode({ type: 'clockResponse', seq: i, t0: rand(), t1: rand() * 1e12, t2: rand() * 1e12 });
      const len = Math.max(0, base.length + Math.floor(rand() * 7) - 3);
      const frame = new Uint8Array(len);
      frame.set(base.subarray(0, Math.min(len, base.length)));
      const flips = Math.floor(rand() * 3);
      for (let f = 0; f < flips && len > 0; f++) frame[Math.floor(rand() * len)] ^= 1 << Math.floor(rand() * 8);
      // Keep the type byte mostly intact so most frames reach the field checks.
      if (len > 0 && rand() < 0.8) frame[0] = isReq ? MessageType.ClockRequest : MessageType.ClockResponse;
      const fast = isReq ? outcome(() => readClockRequest(frame, req)) : outcome(() => readClockResponse(frame, res));
      const generic = isReq ? outcome(() => decodeClientMessage(frame)) : outcome(() => decodeServerMessage(frame));
      if (generic === 'ok' || fast === 'ok' || frame[0] === (isReq ? MessageType.ClockRequest : MessageType.ClockResponse)) {
        expect(fast).toBe(generic);
        compared++;
      }
      if (fast === 'ok') {
        const full = isReq ? decodeClientMessage(frame) : decodeServerMessage(frame);
        expect(isReq ? req : res).toEqual(full as never);
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });
});
