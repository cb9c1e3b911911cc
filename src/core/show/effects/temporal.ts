import { parseColor } from '../color.ts';
import { ease } from '../easing.ts';
import { cosTurns, exp } from '../exact-math.ts';
import type { FadeEffect, PulseEffect, PulseShape, SolidEffect, StrobeEffect } from '../types.ts';
import { paint, type EffectContext, type EffectFn } from './effect-fn.ts';

/** Effects whose colour depends on time only (every targeted seat shows the same colour). */

export const blackout: EffectFn = (out) => {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  out[3] = 1;
};

export function compileSolid(e: SolidEffect): EffectFn {
  const c = parseColor(e.color);
  return (out) => paint(out, c, null, 1);
}

export function compileFade(e: FadeEffect, ctx: EffectContext): EffectFn {
  const from = parseColor(e.from);
  const to = parseColor(e.to);
  const easing = e.easing ?? 'linear';
  const length = e.durationMs ?? ctx.cueDurationMs;
  return (out, localMs) => {
    const p = Number.isFinite(length) && length > 0 ? ease(easing, localMs / length) : 0;
    paint(out, to, from, p);
  };
}

export function compileStrobe(e: StrobeEffect): EffectFn {
  const c = parseColor(e.color);
  const bg = e.background === undefined ? null : parseColor(e.background);
  const perMs = e.rateHz / 1000;
  const duty = e.duty ?? 0.5;
  return (out, localMs) => {
    const cycles = localMs * perMs;
    const phase = cycles - Math.floor(cycles);
    paint(out, c, bg, phase < duty ? 1 : 0);
  };
}

/** Level (0-1) of a pulse shape at beat phase p in [0, 1); every shape peaks at p = 0. */
export function pulseLevel(shape: PulseShape, p: number): number {
  switch (shape) {
    case 'sine':
      return 0.5 + 0.5 * cosTurns(p);
    case 'triangle':
      return Math.abs(1 - 2 * p);
    case 'saw':
      return 1 - p;
    case 'square':
      return p < 0.5 ? 1 : 0;
    case 'decay':
      return exp(-6 * p);
  }
}

export function compilePulse(e: PulseEffect, ctx: EffectContext): EffectFn {
  const c = parseColor(e.color);
  const bg = e.background === undefined ? null : parseColor(e.background);
  const beatsPerMs = (e.bpm ?? ctx.bpm) / 60000;
  const shape = e.shape ?? 'sine';
  const floor = e.floor ?? 0;
  // Every seat of a frame asks for the same instant: keep the last level rather than
  // evaluating the shape's polynomial once per seat (the level depends on localMs alone).
  let lastMs = NaN;
  let lastLevel = 0;
  return (out, localMs) => {
    if (localMs !== lastMs) {
      const beats = localMs * beatsPerMs;
      lastLevel = floor + (1 - floor) * pulseLevel(shape, beats - Math.floor(beats));
      lastMs = localMs;
    }
    paint(out, c, bg, lastLevel);
  };
}
