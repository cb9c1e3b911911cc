import { EffectKind as WireEffectKind } from '../protocol/effect-kind.ts';
import type { EffectKind } from './types.ts';

/**
 * Numeric ids of effect kinds: the wire protocol's `EffectKind` numbers (live-cue frames carry
 * the id, not the name), which are defined once, in core/protocol.
 */
export const EFFECT_KIND_IDS = {
  blackout: WireEffectKind.Blackout,
  solid: WireEffectKind.Solid,
  fade: WireEffectKind.Fade,
  strobe: WireEffectKind.Strobe,
  pulse: WireEffectKind.Pulse,
  wave: WireEffectKind.Wave,
  ripple: WireEffectKind.Ripple,
  gradient: WireEffectKind.Gradient,
  sparkle: WireEffectKind.Sparkle,
  image: WireEffectKind.Image,
} as const satisfies Record<EffectKind, number>;

export type EffectKindId = (typeof EFFECT_KIND_IDS)[EffectKind];

/** Every effect kind, in id order (EFFECT_KINDS[id] is the kind with that id). */
export const EFFECT_KINDS: readonly EffectKind[] = (Object.keys(EFFECT_KIND_IDS) as EffectKind[]).sort(
  (a, b) => EFFECT_KIND_IDS[a] - EFFECT_KIND_IDS[b],
);

/** The kind for a numeric id, or undefined for an unknown id. */
export function effectKindFromId(id: number): EffectKind | undefined {
  return Number.isInteger(id) ? EFFECT_KINDS[id] : undefined;
}
