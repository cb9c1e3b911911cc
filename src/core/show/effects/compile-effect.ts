import type { Effect } from '../types.ts';
import type { EffectContext, EffectFn } from './effect-fn.ts';
import { compileImage } from './image-map.ts';
import { compileSparkle } from './sparkle.ts';
import { compileGradient, compileRipple, compileWave } from './spatial.ts';
import { blackout, compileFade, compilePulse, compileSolid, compileStrobe } from './temporal.ts';

/** Compiles an effect description into a fast per-seat function. */
export function compileEffect(effect: Effect, ctx: EffectContext): EffectFn {
  switch (effect.kind) {
    case 'blackout':
      return blackout;
    case 'solid':
      return compileSolid(effect);
    case 'fade':
      return compileFade(effect, ctx);
    case 'strobe':
      return compileStrobe(effect);
    case 'pulse':
      return compilePulse(effect, ctx);
    case 'wave':
      return compileWave(effect);
    case 'ripple':
      return compileRipple(effect);
    case 'gradient':
      return compileGradient(effect);
    case 'sparkle':
      return compileSparkle(effect);
    case 'image':
      return compileImage(effect, ctx);
  }
}
