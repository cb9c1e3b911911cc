/**
 * A bounds-checked cursor over one frame. Every read checks the remaining length first and
 * every failure is a ProtocolError, so a decoder built on it cannot throw anything else, and
 * every allocation it makes is bounded by the (already size-capped) frame.
 */
import { getF32, getF64, getU16, getU32 } from './bytes.ts';
import { ProtocolError, type ProtocolErrorCode } from './errors.ts';
import { messageTypeName } from './message-type.ts';
import { decodeUtf8 } from './utf8.ts';

const EMPTY = new Uint8Array(0);

export class Reader {
  private b: Uint8Array = EMPTY;
  private type = -1;
  pos = 0;

  /** Starts reading a frame whose type byte (at 0) has already been checked. */
  start(b: Uint8Array, type: number): this {
    this.b = b;
    this.type = type;
    this.pos = 1;
    return this;
  }

  /** Releases the frame so the shared reader does not keep a socket buffer alive. */
  release(): void {
    this.b = EMPTY;
  }

  fail(code: ProtocolErrorCode, detail: string): never {
    this.b = EMPTY;
    throw new ProtocolError(code, `${messageTypeName(this.type) ?? this.type}: ${detail}`, this.type);
  }

  private need(n: number, field: string): void {
    if (this.pos + n > this.b.length) {
      this.fail('truncated', `${field} needs ${n} byte(s) at offset ${this.pos}, frame has ${this.b.length}`);
    }
  }

  u8(field: string): number {
    this.need(1, field);
    return this.b[this.pos++];
  }

  u16(field: string): number {
    this.need(2, field);
    const v = getU16(this.b, this.pos);
    this.pos += 2;
    return v;
  }

  u32(field: string): number {
    this.need(4, field);
    const v = getU32(this.b, this.pos);
    this.pos += 4;
    return v;
  }

  /** float64 that must be finite (NaN and infinities refused). */
  f64(field: string): number {
    this.need(8, field);
    const v = getF64(this.b, this.pos);
    this.pos += 8;
    if (!Number.isFinite(v)) this.fail('out-of-range', `${field} is not finite`);
    return v;
  }

  /** float32 that must be finite and within [min, max]. */
  f32(field: string, min = -Infinity, max = Infinity): number {
    this.need(4, field);
    const v = getF32(this.b, this.pos);
    this.pos += 4;
    if (!Number.isFinite(v) || v < min || v > max) this.fail('out-of-range', `${field} ${v} outside [${min}, ${max}]`);
    return v;
  }

  /** One byte indexing `list`. */
  pick<T>(list: readonly T[], field: string): T {
    const i = this.u8(field);
    if (i >= list.length) this.fail('out-of-range', `${field} ${i} is not one of 0..${list.length - 1}`);
    return list[i];
  }

  /**
   * A copy of the next `n` bytes, as a plain Uint8Array (decoded messages never alias the
   * socket's buffer). Not `this.b.slice`: on a Node/Bun `Buffer`, which is what a Bun socket
   * delivers, `slice` returns a view of the same memory.
   */
  copy(n: number, field: string): Uint8Array {
    this.need(n, field);
    const out = new Uint8Array(n);
    out.set(this.b.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }

  /** A length prefix of `lengthBytes` bytes that must lie within [min, max]. Field names
   *  are only turned into strings on failure: decoding a valid frame builds none. */
  private length(lengthBytes: 1 | 2, min: number, max: number, field: string): number {
    if (this.pos + lengthBytes > this.b.length) {
      this.fail('truncated', `${field} length needs ${lengthBytes} byte(s) at offset ${this.pos}, frame has ${this.b.length}`);
    }
    const n = lengthBytes === 1 ? this.b[this.pos]! : getU16(this.b, this.pos);
    this.pos += lengthBytes;
    if (n < min || n > max) this.fail('out-of-range', `${field} length ${n} outside [${min}, ${max}]`);
    return n;
  }

  /** A u8 length (within [min, max]) followed by that many bytes. */
  bytes8(min: number, max: number, field: string): Uint8Array {
    return this.copy(this.length(1, min, max, field), field);
  }

  /** A length (u8 or u16, within [min, max] bytes) followed by that much UTF-8. */
  utf8(lengthBytes: 1 | 2, min: number, max: number, field: string): string {
    const n = this.length(lengthBytes, min, max, field);
    this.need(n, field);
    const s = decodeUtf8(this.b.subarray(this.pos, this.pos + n));
    if (s === null) this.fail('bad-string', `${field} is not valid UTF-8`);
    this.pos += n;
    return s;
  }

  /** Checks that the message used the whole frame, then releases it. */
  end(): void {
    if (this.pos !== this.b.length) {
      this.fail('oversized', `${this.b.length - this.pos} byte(s) after the end of the message`);
    }
    this.b = EMPTY;
  }
}
