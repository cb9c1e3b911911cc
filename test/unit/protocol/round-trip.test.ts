import { describe, expect, test } from 'bun:test';
import {
  MAX_CLIENT_FRAME_BYTES,
  MAX_SERVER_FRAME_BYTES,
  decodeClientMessage,
  decodeMessage,
  decodeServerMessage,
  encode,
  encodeInto,
  isClientType,
  MESSAGE_TYPE_CODES,
  peekType,
} from '../../../src/core/protocol/index.ts';
import { allFixtures, clientFixtures, label, serverFixtures } from './fixtures.ts';

describe('protocol round trip', () => {
  test('protocol - fixtures cover every message type', () => {
    const seen = new Set<string>(allFixtures.map((m) => m.type));
    expect([...seen].sort()).toEqual(Object.keys(MESSAGE_TYPE_CODES).sort());
  });

  clientFixtures.forEach((m, i) => {
    test(`protocol - ${label(m, i)} round-trips through decodeClientMessage`, () => {
      const frame = encode(m);
      expect(frame[0]).toBe(MESSAGE_TYPE_CODES[m.type]);
      expect(isClientType(frame[0])).toBe(true);
      expect(frame.length).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
      expect(decodeClientMessage(frame)).toEqual(m);
      expect(decodeMessage(frame)).toEqual(m);
      expect(peekType(frame)).toBe(MESSAGE_TYPE_CODES[m.type]);
    });
  });

  serverFixtures.forEach((m, i) => {
    test(`protocol - ${label(m, i)} round-trips through decodeServerMessage`, () => {
      const frame = encode(m);
      expect(frame[0]).toBe(MESSAGE_TYPE_CODES[m.type]);
      expect(isClientType(frame[0])).toBe(false);
      expect(frame.length).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
      expect(decodeServerMessage(frame)).toEqual(m);
      expect(decodeMessage(frame)).toEqual(m);
    });
  });

  test('protocol - decoders accept ArrayBuffer and offset views', () => {
    for (const m of allFixtures) {
      const frame = encode(m);
      const ab = frame.slice().buffer;
      expect(decodeMessage(ab)).toEqual(m);
      // A view in the middle of a larger buffer, at an odd offset (floats unaligned).
      const big = new Uint8Array(frame.length + 7);
      big.set(frame, 3);
      expect(decodeMessage(big.subarray(3, 3 + frame.length))).toEqual(m);
      expect(decodeMessage(new DataView(big.buffer, 3, frame.length))).toEqual(m);
    }
  });

  test('protocol - encodeInto writes the same bytes at an offset and returns the length', () => {
    const out = new Uint8Array(MAX_SERVER_FRAME_BYTES + 5);
    for (const m of allFixtures) {
      out.fill(0xee);
      const n = encodeInto(m, out, 5);
      const frame = encode(m);
      expect(n).toBe(frame.length);
      expect(out.slice(5, 5 + n)).toEqual(frame);
      expect(out[4]).toBe(0xee);
      expect(out[5 + n]).toBe(0xee);
    }
  });

  test('protocol - decoded byte fields do not alias the input frame', () => {
    const m = clientFixtures[0];
    const frame = encode(m);
    const decoded = decodeClientMessage(frame);
    if (decoded.type !== 'hello') throw new Error('expected hello');
    frame.fill(0);
    expect(decoded.deviceId).toEqual((m as typeof decoded).deviceId);
  });

  test('protocol - encoding is deterministic and canonical (decode then encode gives the same bytes)', () => {
    for (const m of allFixtures) {
      const frame = encode(m);
      expect(encode(decodeMessage(frame))).toEqual(frame);
    }
  });
});
