import { expect } from 'bun:test';
import { ProtocolError, type ProtocolErrorCode } from '../../../src/core/protocol/index.ts';

/** Runs `fn`, which must throw a ProtocolError with `code`; returns the error. */
export function expectProtocolError(fn: () => unknown, code: ProtocolErrorCode): ProtocolError {
  let caught: unknown = null;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ProtocolError);
  const err = caught as ProtocolError;
  if (err.code !== code) throw new Error(`expected ProtocolError '${code}', got '${err.code}': ${err.message}`);
  expect(err.code).toBe(code);
  return err;
}
