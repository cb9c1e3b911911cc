/**
 * A checked cursor for encoding into a caller's buffer. It validates every value against
 * the field's wire domain (so a message that encodes always decodes) and refuses to write
 * past the end of the buffer. All failures are ProtocolErrors.
 */
import { isUint, putF32, putF64, putU16, putU32 } from './bytes.ts';
import { ProtocolError, type ProtocolErrorCode } from './errors.ts';
import { messageTypeName } from './message-type.ts';
import { utf8Length, writeUtf8 } from './utf8.ts';

const EMPTY = new Uint8Array(0);

export class Writer {
  private b: Uint8Array = EMPTY;
  private type = -1;
  pos = 0;

  /** Starts a frame of `type` at `offset` in `out`. */
  start(out: Uint8Array, offset: number, type: number): this {
    this.type = type;
    if (!(out instanceof Uint8Array) || !isUint(offset, out.length)) {
      this.fail('buffer-too-small', `output must be a Uint8Array and offset an integer within it`);
    }
    this.b = out;
    this.pos = offset;
    this.need(1);
    out[offset] = type;
    this.pos++;
    return this;
  }

  fail(code: ProtocolErrorCode, detail: string): never {
    this.b = EMPTY;
    throw new ProtocolError(code, `${messageTypeName(this.type) ?? this.type}: ${detail}`, this.type);
  }

  private need(n: number): void {
    if (this.pos + n > this.b.length) {
      this.fail('buffer-too-small', `needs ${this.pos + n} bytes, buffer has ${this.b.length}`);
    }
  }

  u8(v: unknown, field: string, max = 0xff): void {
    if (!isUint(v, max)) this.fail('out-of-range', `${field} must be an integer in [0, ${max}]`);
    this.need(1);
    this.b[this.pos++] = v;
  }

  u16(v: unknown, field: string): void {
    if (!isUint(v, 0xffff)) this.fail('out-of-range', `${field} must be an integer in [0, 65535]`);
    this.need(2);
    putU16(this.b, this.pos, v);
    this.pos += 2;
  }

  u32(v: unknown, field: string, max = 0xffffffff): void {
    if (!isUint(v, max)) this.fail('out-of-range', `${field} must be an integer in [0, ${max}]`);
    this.need(4);
    putU32(this.b, this.pos, v);
    this.pos += 4;
  }

  /** A finite float64. */
  f64(v: unknown, field: string): void {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail('out-of-range', `${field} must be a finite number`);
    this.need(8);
    putF64(this.b, this.pos, v);
    this.pos += 8;
  }

  /** A float32 that stays finite and within [min, max] once rounded to float32. */
  f32(v: unknown, field: string, min = -Infinity, max = Infinity): void {
    const r = typeof v === 'number' ? Math.fround(v) : NaN;
    if (!Number.isFinite(r) || r < min || r > max) {
      this.fail('out-of-range', `${field} must be a finite float32 in [${min}, ${max}]`);
    }
    this.need(4);
    putF32(this.b, this.pos, r);
    this.pos += 4;
  }

  /** `bit` when `v` is true, 0 when false; anything else is refused (so the decoded message
   *  equals the encoded one). For building flag bytes. */
  bit(v: unknown, bit: number, field: string): number {
    if (typeof v !== 'boolean') this.fail('out-of-range', `${field} must be true or false`);
    return v ? bit : 0;
  }

  /** Index of `value` in `list`, as one byte. */
  pick<T>(list: readonly T[], value: unknown, field: string): void {
    const i = list.indexOf(value as T);
    if (i < 0) this.fail('out-of-range', `${field} must be one of ${list.join(', ')}`);
    this.need(1);
    this.b[this.pos++] = i;
  }

  /** Exactly `n` raw bytes. */
  fixed(v: unknown, n: number, field: string): void {
    if (!(v instanceof Uint8Array) || v.length !== n) this.fail('out-of-range', `${field} must be ${n} bytes`);
    this.need(n);
    this.b.set(v, this.pos);
    this.pos += n;
  }

  /** u8 length (within [min, max]) then the bytes. */
  bytes8(v: unknown, min: number, max: number, field: string): void {
    if (!(v instanceof Uint8Array) || v.length < min || v.length > max) {
      this.fail('out-of-range', `${field} must be ${min}..${max} bytes`);
    }
    this.need(1 + v.length);
    this.b[this.pos++] = v.length;
    this.b.set(v, this.pos);
    this.pos += v.length;
  }

  /** Length (u8 or u16, within [min, max] bytes) then the UTF-8 of `v`. */
  utf8(v: unknown, lengthBytes: 1 | 2, min: number, max: number, field: string): void {
    if (typeof v !== 'string') this.fail('out-of-range', `${field} must be a string`);
    const n = utf8Length(v);
    if (n < 0) this.fail('bad-string', `${field} contains a lone surrogate`);
    if (n < min || n > max) this.fail('out-of-range', `${field} is ${n} UTF-8 bytes, must be ${min}..${max}`);
    this.need(lengthBytes + n);
    if (lengthBytes === 1) this.b[this.pos] = n;
    else putU16(this.b, this.pos, n);
    this.pos = writeUtf8(this.b, this.pos + lengthBytes, v);
  }

  /** Ends the frame; returns its length (from the start offset) and releases the buffer. */
  finish(offset: number): number {
    this.b = EMPTY;
    return this.pos - offset;
  }
}
