import { describe, expect, test } from 'bun:test';
import {
  CLOSE_CODES,
  CloseCode,
  PROTOCOL_ERROR_CLOSE_CODES,
  PROTOCOL_ERROR_CODES,
  ProtocolError,
  closeCodeForError,
  closeCodeInfo,
  decodeClientMessage,
  encode,
} from '../../../src/core/protocol/index.ts';

describe('protocol close codes', () => {
  test('protocol - close codes are unique, in 4000-4999, with unique kebab-case names', () => {
    const codes = new Set(CLOSE_CODES.map((c) => c.code));
    const names = new Set(CLOSE_CODES.map((c) => c.name));
    expect(codes.size).toBe(CLOSE_CODES.length);
    expect(names.size).toBe(CLOSE_CODES.length);
    for (const c of CLOSE_CODES) {
      expect(c.code).toBeGreaterThanOrEqual(4000);
      expect(c.code).toBeLessThanOrEqual(4999);
      expect(c.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
    }
  });

  test('protocol - every CloseCode constant has a table entry and vice versa', () => {
    const constants = Object.values(CloseCode).sort();
    expect(CLOSE_CODES.map((c) => c.code).sort()).toEqual(constants);
    for (const code of constants) expect(closeCodeInfo(code)?.code).toBe(code);
    expect(closeCodeInfo(1000)).toBeUndefined();
  });

  test('protocol - close reasons fit the 123-byte limit of a WebSocket close frame', () => {
    for (const c of CLOSE_CODES) {
      const n = new TextEncoder().encode(c.reason).length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThanOrEqual(123);
    }
  });

  test('protocol - every ProtocolError code maps to a defined close code', () => {
    expect(Object.keys(PROTOCOL_ERROR_CLOSE_CODES).sort()).toEqual([...PROTOCOL_ERROR_CODES].sort());
    for (const code of PROTOCOL_ERROR_CODES) {
      expect(closeCodeInfo(PROTOCOL_ERROR_CLOSE_CODES[code])).toBeDefined();
    }
  });

  test('protocol - closeCodeForError maps decode failures, and anything else to internal-error', () => {
    const failures: [Uint8Array, number][] = [
      [new Uint8Array([0x01, 2, 0]), CloseCode.VersionMismatch],
      [new Uint8Array([0x02, 1, 2]), CloseCode.MalformedFrame],
      [new Uint8Array(257), CloseCode.FrameTooLarge],
      [new Uint8Array([0x7e]), CloseCode.UnknownType],
      [encode({ type: 'cancelCue', epoch: 1, cueId: 1, atControllerMs: 0 }), CloseCode.UnexpectedType],
    ];
    for (const [frame, expected] of failures) {
      let code = -1;
      try {
        decodeClientMessage(frame);
      } catch (err) {
        expect(err).toBeInstanceOf(ProtocolError);
        code = closeCodeForError(err);
      }
      expect(code).toBe(expected);
    }
    expect(closeCodeForError(new TypeError('boom'))).toBe(CloseCode.InternalError);
    expect(closeCodeForError('text')).toBe(CloseCode.InternalError);
  });
});
