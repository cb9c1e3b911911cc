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
