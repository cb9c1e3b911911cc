/**
 * A small deterministic uniform generator (32-bit state, "mulberry32" mixing). core/ never
 * reads ambient randomness, so a device seeds this from something it owns (an id, a hash of
 * its join token) and the simulator seeds it per simulated device.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fold a timestamp into a 32-bit seed: its value modulo 2^32 microseconds, mixed. Two
 * devices' exchanges never agree to the microsecond, so a seed folded from the first
 * exchange differs between phones that joined at the same moment, while staying a pure
 * function of the inputs.
 */
export function foldSeed(seed: number, x: number): number {
  const v = Math.floor((x % 4294967.296) * 1000) >>> 0;
  const h = Math.imul((seed ^ v) >>> 0, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}
