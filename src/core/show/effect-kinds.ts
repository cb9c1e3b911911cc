import type { EffectKind } from './types.ts';

/**
 * Numeric ids of effect kinds, shared with the wire protocol (live-cue frames carry the id,
 * not the name). These numbers are part of the protocol: never renumber, only append.
 */
export const EFFECT_KIND_IDS = {
  blackout: 0,
  solid: 1,
  fade: 2,
  strobe: 3,
  pulse: 4,
  wave: 5,
  ripple: 6,
  gradient: 7,
  sparkle: 8,
  image: 9,
} as const satisfies Record<EffectKind, number>;

export type EffectKindId = (typeof EFFECT_KIND_IDS)[EffectKind];

/** Every effect kind, in id order. */
export const EFFECT_KINDS: readonly EffectKind[] = [
  'blackout',
  'solid',
  'fade',
  'strobe',
  'pulse',
  'wave',
  'ripple',
  'gradient',
  'sparkle',
  'image',
];

/** The kind for a numeric id, or undefined for an unknown id. */
export function effectKindFromId(id: number): EffectKind | undefined {
  return Number.isInteger(id) ? EFFECT_KINDS[id] : undefined;
}
