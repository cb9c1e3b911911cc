/**
 * Effect kinds, shared by the wire (`liveCue.effect`) and the show model (core/show).
 * The numbers are wire values: never renumber, only append.
 */
export const EffectKind = {
  Blackout: 0,
  Solid: 1,
  Fade: 2,
  Strobe: 3,
  Pulse: 4,
  Wave: 5,
  Ripple: 6,
  Gradient: 7,
  Sparkle: 8,
  Image: 9,
} as const;

export type EffectKind = (typeof EffectKind)[keyof typeof EffectKind];

/** Number of defined effect kinds; wire values are 0..EFFECT_KIND_COUNT-1. */
export const EFFECT_KIND_COUNT = 10;

export function isEffectKind(value: unknown): value is EffectKind {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < EFFECT_KIND_COUNT;
}
