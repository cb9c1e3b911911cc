import type { Channels } from '../color.ts';
import { cosDeg, sinDeg } from '../exact-math.ts';
import type { DecodedImage } from '../image.ts';
import type { SeatLike } from '../types.ts';

/**
 * A compiled effect: writes the effect's colour for one seat at one cue-local instant into
 * `out` as [r, g, b, coverage] (channels 0-255, coverage 0-1). Coverage below 1 lets the
 * layers beneath show through, which is how effects without a background stay transparent
 * where they are off. Compiled effects close over pre-parsed parameters and never allocate.
 */
export type EffectFn = (out: Float64Array, localMs: number, seat: SeatLike, deviceSeed: number) => void;

/** What compiling an effect may depend on besides the effect's own fields. */
export interface EffectContext {
  /** Length of the cue running the effect, ms (Infinity for an open-ended live cue). */
  cueDurationMs: number;
  /** The show's tempo, used by effects that default to it. */
  bpm: number;
  /** Decoded image assets by id. */
  images: ReadonlyMap<string, DecodedImage>;
}

/**
 * Writes `color` at `intensity` (0-1): blended over `background` when there is one (fully
 * covering), otherwise as coverage so lower layers show through.
 */
export function paint(out: Float64Array, color: Channels, background: Channels | null, intensity: number): void {
  if (background) {
    out[0] = background[0] + (color[0] - background[0]) * intensity;
    out[1] = background[1] + (color[1] - background[1]) * intensity;
    out[2] = background[2] + (color[2] - background[2]) * intensity;
    out[3] = 1;
  } else {
    out[0] = color[0];
    out[1] = color[1];
    out[2] = color[2];
    out[3] = intensity;
  }
}

/**
 * Brightness across a moving band: `passed` is how far the front has moved beyond the seat
 * (metres). Dark before the front arrives, full from the front until the tail section, then
 * fading linearly to dark at `width` behind the front.
 */
export function bandIntensity(passed: number, width: number, tail: number): number {
  if (passed < 0 || passed >= width) return 0;
  const f = passed / width;
  const solidPart = 1 - tail;
  return f < solidPart ? 1 : (1 - f) / tail;
}

/** Degrees (counter-clockwise from east) to a unit direction vector; exact along the axes. */
export function direction(angleDeg: number): readonly [number, number] {
  return [cosDeg(angleDeg), sinDeg(angleDeg)];
}
