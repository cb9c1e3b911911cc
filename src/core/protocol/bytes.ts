/**
 * Little-endian primitives over plain Uint8Arrays. Floats go through one shared scratch
 * word instead of a DataView, so reading or writing never allocates and works at any byte
 * offset of any view. The get/put helpers do not check bounds: callers check first.
 */

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const F64 = new Float64Array(1);
const F64B = new Uint8Array(F64.buffer);
const F32 = new Float32Array(1);
const F32B = new Uint8Array(F32.buffer);

export function getU16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}

export function getU32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

export function getF64(b: Uint8Array, o: number): number {
  if (LITTLE_ENDIAN_HOST) {
    F64B[0] = b[o];
    F64B[1] = b[o + 1];
    F64B[2] = b[o + 2];
    F64B[3] = b[o + 3];
    F64B[4] = b[o + 4];
    F64B[5] = b[o + 5];
    F64B[6] = b[o + 6];
    F64B[7] = b[o + 7];
  } else {
    for (let i = 0; i < 8; i++) F64B[7 - i] = b[o + i];
  }
  return F64[0];
}

export function getF32(b: Uint8Array, o: number): number {
  if (LITTLE_ENDIAN_HOST) {
    F32B[0] = b[o];
    F32B[1] = b[o + 1];
    F32B[2] = b[o + 2];
    F32B[3] = b[o + 3];
  } else {
    for (let i = 0; i < 4; i++) F32B[3 - i] = b[o + i];
  }
  return F32[0];
}

export function putU16(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
}

export function putU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}

export function putF64(b: Uint8Array, o: number, v: number): void {
  F64[0] = v;
  if (LITTLE_ENDIAN_HOST) {
    b[o] = F64B[0];
    b[o + 1] = F64B[1];
    b[o + 2] = F64B[2];
    b[o + 3] = F64B[3];
    b[o + 4] = F64B[4];
    b[o + 5] = F64B[5];
    b[o + 6] = F64B[6];
    b[o + 7] = F64B[7];
  } else {
    for (let i = 0; i < 8; i++) b[o + i] = F64B[7 - i];
  }
}

export function putF32(b: Uint8Array, o: number, v: number): void {
  F32[0] = v;
  if (LITTLE_ENDIAN_HOST) {
    b[o] = F32B[0];
    b[o + 1] = F32B[1];
    b[o + 2] = F32B[2];
    b[o + 3] = F32B[3];
  } else {
    for (let i = 0; i < 4; i++) b[o + i] = F32B[3 - i];
  }
}

/** True when `v` is an integer in [0, max]. */
export function isUint(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}
