/**
 * Allocation-free clock-sync frames: the hottest paths of the protocol (every phone sends
 * a clockRequest every few seconds; the edge answers each one). These functions produce
 * and accept exactly the same bytes as the generic codec and fail with the same error
 * codes; they just skip the generic dispatch and write into / read into caller objects.
 */
import { getF64, getU32, isUint, putF64, putU32 } from './bytes.ts';
import { MAX_CLIENT_FRAME_BYTES, MAX_SERVER_FRAME_BYTES } from './constants.ts';
import { ProtocolError } from './errors.ts';
import { checkFrame, toBytes, type BinaryInput } from './frame.ts';
import { MessageType, messageTypeName } from './message-type.ts';
import type { ClockRequestMessage, ClockResponseMessage } from './messages.ts';

/** Frame length of a clockRequest: type u8, seq u32, t0 f64. */
export const CLOCK_REQUEST_BYTES = 13;
/** Frame length of a clockResponse: type u8, seq u32, t0 f64, t1 f64, t2 f64. */
export const CLOCK_RESPONSE_BYTES = 29;

function bad(type: number, field: string, what: string): never {
  throw new ProtocolError('out-of-range', `${messageTypeName(type)}: ${field} ${what}`, type);
}

// Like the generic encoder: anything but a Uint8Array with room at an integer offset is
// 'buffer-too-small' (a plain array or null must not be written to, or throw a TypeError).
function checkRoom(out: Uint8Array, offset: number, n: number, type: number): void {
  if (!(out instanceof Uint8Array) || !isUint(offset, 0x7fffffff) || offset + n > out.length) {
    const size = out instanceof Uint8Array ? `buffer has ${out.length}` : 'output is not a Uint8Array';
    throw new ProtocolError('buffer-too-small', `${messageTypeName(type)}: needs ${n} bytes at offset ${offset}, ${size}`, type);
  }
}

// Field checks run between the two length checks, in the generic decoder's order, so both
// paths report the same code for the same bytes.
function checkLength(b: Uint8Array, expected: number, type: number, code: 'truncated' | 'oversized'): void {
  if (code === 'truncated' ? b.length < expected : b.length > expected) {
    throw new ProtocolError(code, `${messageTypeName(type)}: frame of ${b.length} bytes, expected ${expected}`, type);
  }
}

/** Writes a clockRequest at `offset` in `out`; returns CLOCK_REQUEST_BYTES. */
export function encodeClockRequestInto(out: Uint8Array, seq: number, t0: number, offset = 0): number {
  const T = MessageType.ClockRequest;
  if (!isUint(seq, 0xffffffff)) bad(T, 'seq', 'must be an integer in [0, 2^32-1]');
  if (!Number.isFinite(t0)) bad(T, 't0', 'must be finite');
  checkRoom(out, offset, CLOCK_REQUEST_BYTES, T);
  out[offset] = T;
  putU32(out, offset + 1, seq);
  putF64(out, offset + 5, t0);
  return CLOCK_REQUEST_BYTES;
}

/**
 * Reads a clockRequest frame from a phone into `out` (reused by the caller) and returns it.
 * Same checks and error codes as decodeClientMessage.
 */
export function readClockRequest(input: BinaryInput, out: ClockRequestMessage): ClockRequestMessage {
  const b = toBytes(input);
  const t = checkFrame(b, MAX_CLIENT_FRAME_BYTES, true);
  if (t !== MessageType.ClockRequest) {
    throw new ProtocolError('unexpected-type', `expected clockRequest, got type 0x${t.toString(16)}`, t);
  }
  checkLength(b, CLOCK_REQUEST_BYTES, t, 'truncated');
  const t0 = getF64(b, 5);
  if (!Number.isFinite(t0)) bad(t, 't0', 'is not finite');
  checkLength(b, CLOCK_REQUEST_BYTES, t, 'oversized');
  out.type = 'clockRequest';
  out.seq = getU32(b, 1);
  out.t0 = t0;
  return out;
}

/** Writes a clockResponse at `offset` in `out`; returns CLOCK_RESPONSE_BYTES. */
export function encodeClockResponseInto(
  out: Uint8Array,
  seq: number,
  t0: number,
  t1: number,
  t2: number,
  offset = 0,
): number {
  const T = MessageType.ClockResponse;
  if (!isUint(seq, 0xffffffff)) bad(T, 'seq', 'must be an integer in [0, 2^32-1]');
  if (!Number.isFinite(t0)) bad(T, 't0', 'must be finite');
  if (!Number.isFinite(t1)) bad(T, 't1', 'must be finite');
  if (!Number.isFinite(t2)) bad(T, 't2', 'must be finite');
  checkRoom(out, offset, CLOCK_RESPONSE_BYTES, T);
  out[offset] = T;
  putU32(out, offset + 1, seq);
  putF64(out, offset + 5, t0);
  putF64(out, offset + 13, t1);
  putF64(out, offset + 21, t2);
  return CLOCK_RESPONSE_BYTES;
}

/**
 * Reads a clockResponse frame from an edge into `out` and returns it. Same checks and
 * error codes as decodeServerMessage. (An ArrayBuffer input costs one view allocation.)
 */
export function readClockResponse(input: BinaryInput, out: ClockResponseMessage): ClockResponseMessage {
  const b = toBytes(input);
  const t = checkFrame(b, MAX_SERVER_FRAME_BYTES, false);
  if (t !== MessageType.ClockResponse) {
    throw new ProtocolError('unexpected-type', `expected clockResponse, got type 0x${t.toString(16)}`, t);
  }
  checkLength(b, CLOCK_RESPONSE_BYTES, t, 'truncated');
  const t0 = getF64(b, 5);
  if (!Number.isFinite(t0)) bad(t, 't0', 'is not finite');
  const t1 = getF64(b, 13);
  if (!Number.isFinite(t1)) bad(t, 't1', 'is not finite');
  const t2 = getF64(b, 21);
  if (!Number.isFinite(t2)) bad(t, 't2', 'is not finite');
  checkLength(b, CLOCK_RESPONSE_BYTES, t, 'oversized');
  out.type = 'clockResponse';
  out.seq = getU32(b, 1);
  out.t0 = t0;
  out.t1 = t1;
  out.t2 = t2;
  return out;
}

/** A reusable clockRequest holder for readClockRequest. */
export function newClockRequest(): ClockRequestMessage {
  return { type: 'clockRequest', seq: 0, t0: 0 };
}

/** A reusable clockResponse holder for readClockResponse. */
export function newClockResponse(): ClockResponseMessage {
  return { type: 'clockResponse', seq: 0, t0: 0, t1: 0, t2: 0 };
}
