/**
 * The one error class of the codec. Decoders throw nothing else, whatever the input; the
 * edge turns the `code` into a WebSocket close code (see close-codes.ts).
 */

export type ProtocolErrorCode =
  /** The input is not binary (a text frame, or not a Uint8Array/ArrayBuffer at all). */
  | 'not-binary'
  /** The frame ends before the message does (includes the empty frame). */
  | 'truncated'
  /** Bytes left over after a complete message of its type. */
  | 'oversized'
  /** The frame exceeds the maximum frame size for its direction. */
  | 'too-large'
  /** The type byte is not assigned to any message. */
  | 'unknown-type'
  /** A known type, but not allowed here (e.g. a server-only type sent by a phone). */
  | 'unexpected-type'
  /** A field holds a value outside its domain: enum value, reserved bits, a length beyond
   *  its bound, a non-finite or negative float where forbidden, a non-integer. */
  | 'out-of-range'
  /** A string field is not valid UTF-8 (or, when encoding, holds a lone surrogate). */
  | 'bad-string'
  /** `hello`/`welcome` carries a protocol version this build does not speak. */
  | 'version-mismatch'
  /** Encoding only: the caller-supplied output buffer is too small. */
  | 'buffer-too-small';

export const PROTOCOL_ERROR_CODES: readonly ProtocolErrorCode[] = [
  'not-binary',
  'truncated',
  'oversized',
  'too-large',
  'unknown-type',
  'unexpected-type',
  'out-of-range',
  'bad-string',
  'version-mismatch',
  'buffer-too-small',
];

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly code: ProtocolErrorCode;
  /** The message type byte involved, when known (-1 otherwise). */
  readonly messageType: number;

  constructor(code: ProtocolErrorCode, detail: string, messageType = -1) {
    super(`${code}: ${detail}`);
    this.code = code;
    this.messageType = messageType;
  }
}

export function isProtocolError(err: unknown): err is ProtocolError {
  return err instanceof ProtocolError;
}
