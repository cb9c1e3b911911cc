/**
 * Integer hashing for seeded effects. Everything that looks random in a show (sparkle) is a
 * pure function of seat index, device seed and time slot, so every renderer computes the
 * same pixel. The finaliser is the well-known 32-bit avalanche step from MurmurHash3.
 */

/** Scrambles a 32-bit integer so nearby inputs give unrelated outputs. */
export function avalanche32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes four integers into one unsigned 32-bit value. */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = avalanche32(a ^ 0x2545f491);
  h = avalanche32(h ^ Math.imul(b | 0, 0x9e3779b1));
  h = avalanche32(h ^ Math.imul(c | 0, 0x7feb352d));
  h = avalanche32(h ^ Math.imul(d | 0, 0x846ca68b));
  return h;
}

/** Hashes four integers to a float in [0, 1). */
export function hashUnit(a: number, b: number, c: number, d: number): number {
  return hash4(a, b, c, d) / 4294967296;
}
