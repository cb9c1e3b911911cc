import { parseColor } from '../color.ts';
import { hashUnit } from '../hash.ts';
import type { SparkleEffect } from '../types.ts';
import { paint, type EffectFn } from './effect-fn.ts';

/**
 * Random-looking twinkles that are fully deterministic: time is cut into slots of
 * 1/rateHz seconds and, in each slot, a seat is lit when hash(seat index, device seed, slot,
 * effect seed) falls below `density`. The same seat and seed always sparkle identically on
 * every renderer; neighbouring seats are uncorrelated.
 */
export function compileSparkle(e: SparkleEffect): EffectFn {
  const c = parseColor(e.color);
  const bg = e.background === undefined ? null : parseColor(e.background);
  const slotsPerMs = (e.rateHz ?? 8) / 1000;
  const seed = e.seed ?? 0;
  const decay = e.decay ?? 0;
  const density = e.density;
  return (out, localMs, seat, deviceSeed) => {
    const slots = localMs * slotsPerMs;
    const slot = Math.floor(slots);
    const lit = hashUnit(seat.index, deviceSeed, slot, seed) < density;
    paint(out, c, bg, lit ? 1 - decay * (slots - slot) : 0);
  };
}
