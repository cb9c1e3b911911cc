/**
 * Frame-level checks shared by every decoder: binary input, size cap, type byte.
 */
import { ProtocolError } from './errors.ts';
import { isServerType, messageTypeName, type MessageTypeCode } from './message-type.ts';

/** What decoders accept: a Bun WebSocket message (Buffer/Uint8Array), a browser
 *  ArrayBuffer, or any other view over bytes. */
export type BinaryInput = Uint8Array | ArrayBuffer | ArrayBufferView;

const EMPTY = new Uint8Array(0);

/**
 * Bytes of `input` as a Uint8Array (the same object when it already is one). A buffer that
 * was detached (transferred to a worker, say) holds no bytes: it reads as an empty frame,
 * so it fails as 'truncated' like any other empty input instead of with a TypeError.
 */
export function toBytes(input: unknown): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    try {
      return input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    } catch {
      return EMPTY;
    }
  }
  throw new ProtocolError('not-binary', `expected binary frame, got ${typeof input === 'string' ? 'a text frame' : typeof input}`);
}

/**
 * The type byte of a frame, checked to be assigned. Cheap: looks at one byte and does not
 * allocate for Uint8Array input. Throws 'truncated' for an empty frame and 'unknown-type'
 * for an unassigned byte.
 */
export function peekType(input: BinaryInput): MessageTypeCode {
  const b = toBytes(input);
  if (b.length === 0) throw new ProtocolError('truncated', 'empty frame');
  const t = b[0];
  if (messageTypeName(t) === undefined) throw new ProtocolError('unknown-type', `type byte 0x${t.toString(16)}`, t);
  return t as MessageTypeCode;
}

/**
 * Checks size and type byte of a frame for one direction and returns the type byte.
 * `fromClient`: the frame came from a phone (server-only types are unexpected) or not.
 */
export function checkFrame(b: Uint8Array, maxBytes: number, fromClient: boolean | null): MessageTypeCode {
  if (b.length > maxBytes) throw new ProtocolError('too-large', `frame of ${b.length} bytes, maximum ${maxBytes}`, b[0]);
  const t = peekType(b);
  if (fromClient !== null && isServerType(t) === fromClient) {
    throw new ProtocolError(
      'unexpected-type',
      `${messageTypeName(t)} may only be sent by ${fromClient ? 'an edge' : 'a phone'}`,
      t,
    );
  }
  return t;
}
