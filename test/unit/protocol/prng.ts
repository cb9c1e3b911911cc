/**
 * Seeded randomness for the protocol's property and fuzz tests, so every run is reproducible
 * from its seed. The generator is core/clock's (mulberry32), not a second copy of it.
 */
import { createSeededRandom } from '../../../src/core/clock/index.ts';

export const mulberry32: (seed: number) => () => number = createSeededRandom;

/** Integer in [0, n). */
export function randInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}
