import type { LiveCueMessage, Rgb } from '../protocol/messages.ts';
import { parseColor } from './color.ts';
import { EFFECT_KIND_IDS, effectKindFromId } from './effect-kinds.ts';
import { direction } from './effects/effect-fn.ts';
import { textSize } from './pixel-font.ts';
import { MAX_BPM, MAX_SPARKLE_HZ, MAX_STROBE_HZ } from './limits.ts';
import { EASINGS, PULSE_SHAPES, type Asset, type Color, type Effect, type EffectKind, type Show, type Target } from './types.ts';

/**
 * The compact form of a live-cue effect on the wire: an effect kind id, two colours and at
 * most four float32 parameters whose meaning depends on the kind (the table lives in
 * docs/show-format.md, "Live cues on the wire"). The fields are those of the protocol's
 * `liveCue` message, so `{ ...effectToWire(e, show), ...targetToWire(t, zones, sections) }`
 * fills that part of a LiveCueMessage, and a decoded message goes straight back into
 * `effectFromWire` / `targetFromWire`. Some fields of the full effect do not fit (wave tail
 * and background, ripple rings, image rotation, ...); they take their defaults.
 * A controller should render `effectFromWire(effectToWire(e))` itself, so its preview is the
 * bit-identical effect every phone decodes (parameters are rounded to float32 here).
 */
export type WireEffect = Pick<LiveCueMessage, 'effect' | 'colorA' | 'colorB' | 'params'>;

export class LiveCueEncodingError extends Error {
  readonly code = 'unencodable-live-cue' as const;
  constructor(message: string) {
    super(message);
    this.name = 'LiveCueEncodingError';
  }
}

const f32 = Math.fround;
const BLACK = '#000000';
const rgb = (c: Color): Rgb => {
  const [r, g, b] = parseColor(c);
  return { r, g, b };
};
const hex2 = (v: number) => (v & 255).toString(16).padStart(2, '0');
const hex = (c: Rgb): Color => `#${hex2(c.r)}${hex2(c.g)}${hex2(c.b)}`;

/** Pixel size of an asset without decoding it (the size `decodeAsset` gives). */
export function assetSize(asset: Asset): { width: number; height: number } {
  if (asset.kind !== 'text') return { width: asset.width, height: asset.height };
  return textSize(asset.text, asset.letterSpacing ?? 1, asset.padding ?? 0);
}

/** The asset ids of a show in wire order (the order of the `assets` object). */
export function assetIds(show: Show): string[] {
  return Object.keys(show.assets ?? {});
}

/** Encodes an effect for a live-cue frame. Image effects need the show (for asset indices). */
export function effectToWire(effect: Effect, show?: Show): WireEffect {
  const kind = EFFECT_KIND_IDS[effect.kind];
  const w = (colorA: Color, colorB: Color, params: number[]): WireEffect => ({
    effect: kind,
    colorA: rgb(colorA),
    colorB: rgb(colorB),
    params: params.map(f32),
  });
  switch (effect.kind) {
    case 'blackout':
      return w(BLACK, BLACK, []);
    case 'solid':
      return w(effect.color, BLACK, []);
    case 'fade':
      return w(effect.from, effect.to, [effect.durationMs ?? 0, EASINGS.indexOf(effect.easing ?? 'linear')]);
    case 'strobe':
      return w(effect.color, effect.background ?? BLACK, [effect.rateHz, effect.duty ?? 0.5, effect.background ? 1 : 0]);
    case 'pulse':
      return w(effect.color, effect.background ?? BLACK, [
        effect.bpm ?? 0,
        PULSE_SHAPES.indexOf(effect.shape ?? 'sine'),
        effect.floor ?? 0,
        effect.background ? 1 : 0,
      ]);
    case 'wave':
      return w(effect.color, BLACK, [effect.angle, effect.speed, effect.width, projectedOrigin(effect.angle, effect.origin)]);
    case 'ripple':
      return w(effect.color, BLACK, [effect.center.x, effect.center.y, effect.speed, effect.width]);
    case 'gradient': {
      const stops = [...effect.stops].sort((a, b) => a.at - b.at);
      const params = [effect.angle, effect.length, projectedOrigin(effect.angle, effect.origin), effect.scroll ?? 0];
      return w(stops[0]!.color, stops[stops.length - 1]!.color, params);
    }
    case 'sparkle':
      return w(effect.color, BLACK, [effect.density, effect.rateHz ?? 8, effect.decay ?? 0, effect.seed ?? 0]);
    case 'image': {
      const index = show ? assetIds(show).indexOf(effect.asset) : -1;
      if (index < 0) throw new LiveCueEncodingError(`image asset "${effect.asset}" is not in the loaded show`);
      return w(BLACK, BLACK, [index, effect.box.x, effect.box.y, effect.box.width]);
    }
  }
}

/** How far along the direction `angle` the origin lies: all a wave or gradient needs of it. */
function projectedOrigin(angle: number, origin: { x: number; y: number } | undefined): number {
  const [dx, dy] = direction(angle);
  return (origin?.x ?? 0) * dx + (origin?.y ?? 0) * dy;
}

/**
 * Where each kind's parameters must lie, as the show schema has them (index, lowest, highest,
 * whether the lowest itself is excluded). A frame outside these is refused rather than
 * rendered: the phone has no schema to catch, say, a 100 Hz strobe or a zero-length gradient.
 */
type ParamDomain = readonly [index: number, min: number, max: number, openMin: boolean];
const PARAM_DOMAINS: { readonly [K in EffectKind]?: readonly ParamDomain[] } = {
  fade: [[0, 0, Infinity, false]],
  strobe: [[0, 0, MAX_STROBE_HZ, true], [1, 0, 1, true]],
  pulse: [[0, 0, MAX_BPM, false], [2, 0, 1 - Number.EPSILON, false]],
  wave: [[1, 0, Infinity, true], [2, 0, Infinity, true]],
  ripple: [[2, 0, Infinity, true], [3, 0, Infinity, true]],
  gradient: [[1, 0, Infinity, true]],
  sparkle: [[0, 0, 1, false], [1, 0, MAX_SPARKLE_HZ, true], [2, 0, 1, false]],
  image: [[3, 0, Infinity, true]],
};

function checkParams(kind: EffectKind, params: readonly number[]): void {
  for (const [i, min, max, openMin] of PARAM_DOMAINS[kind] ?? []) {
    const v = params[i] ?? 0;
    if (!(openMin ? v > min : v >= min) || !(v <= max)) {
      throw new LiveCueEncodingError(`${kind} parameter ${i} is ${v}, outside ${openMin ? '(' : '['}${min}, ${max}]`);
    }
  }
}

/** Decodes a live-cue effect; throws LiveCueEncodingError for an unknown kind or asset, or a
 *  parameter outside its effect's domain (see PARAM_DOMAINS). */
export function effectFromWire(wire: WireEffect, show?: Show): Effect {
  const kind = effectKindFromId(wire.effect);
  if (kind !== undefined) checkParams(kind, wire.params);
  const p = (i: number) => wire.params[i] ?? 0;
  const a = hex(wire.colorA);
  const b = hex(wire.colorB);
  switch (kind) {
    case undefined:
      throw new LiveCueEncodingError(`unknown effect kind id ${wire.effect}`);
    case 'blackout':
      return { kind };
    case 'solid':
      return { kind, color: a };
    case 'fade': {
      const e: Effect = { kind, from: a, to: b, easing: EASINGS[p(1)] ?? 'linear' };
      if (p(0) > 0) e.durationMs = p(0);
      return e;
    }
    case 'strobe': {
      const e: Effect = { kind, color: a, rateHz: p(0), duty: p(1) };
      if (p(2) === 1) e.background = b;
      return e;
    }
    case 'pulse': {
      const e: Effect = { kind, color: a, shape: PULSE_SHAPES[p(1)] ?? 'sine', floor: p(2) };
      if (p(0) > 0) e.bpm = p(0);
      if (p(3) === 1) e.background = b;
      return e;
    }
    case 'wave': {
      const [dx, dy] = direction(p(0));
      return { kind, color: a, angle: p(0), speed: p(1), width: p(2), origin: { x: p(3) * dx, y: p(3) * dy } };
    }
    case 'ripple':
      return { kind, color: a, center: { x: p(0), y: p(1) }, speed: p(2), width: p(3) };
    case 'gradient': {
      const [dx, dy] = direction(p(0));
      return {
        kind,
        angle: p(0),
        length: p(1),
        origin: { x: p(2) * dx, y: p(2) * dy },
        scroll: p(3),
        stops: [
          { at: 0, color: a },
          { at: 1, color: b },
        ],
      };
    }
    case 'sparkle':
      return { kind, color: a, density: p(0), rateHz: p(1), decay: p(2), seed: p(3) | 0 };
    case 'image': {
      const id = show ? assetIds(show)[p(0)] : undefined;
      const asset = id !== undefined ? show!.assets![id] : undefined;
      if (id === undefined || asset === undefined) throw new LiveCueEncodingError(`no image asset with index ${p(0)} in the loaded show`);
      const size = assetSize(asset);
      const width = p(3);
      return { kind, asset: id, box: { x: p(1), y: p(2), width, height: (width * size.height) / size.width } };
    }
  }
}

/** A live cue's target as the `liveCue` message carries it: everyone, or one zone or one
 *  section by its index in the venue's `zones` or `sections` list. */
export type WireTarget = Pick<LiveCueMessage, 'target' | 'targetId'>;

/** Encodes a target that names at most one zone or one section. */
export function targetToWire(target: Target | undefined, zoneIds: readonly string[], sectionIds: readonly string[]): WireTarget {
  if (target === undefined || target === 'all') return { target: 'all', targetId: 0 };
  const zones = target.zones ?? [];
  const sections = target.sections ?? [];
  if (zones.length + sections.length !== 1) {
    throw new LiveCueEncodingError('a live cue on the wire targets everyone, one zone or one section; send one cue per target');
  }
  const [list, kind, id] = zones.length === 1 ? [zoneIds, 'zone' as const, zones[0]!] : [sectionIds, 'section' as const, sections[0]!];
  const index = list.indexOf(id);
  if (index < 0) throw new LiveCueEncodingError(`unknown ${kind} "${id}"`);
  return { target: kind, targetId: index };
}

/** Decodes a wire target against the venue's zone and section lists. */
export function targetFromWire(wire: WireTarget, zoneIds: readonly string[], sectionIds: readonly string[]): Target {
  if (wire.target === 'all') return 'all';
  const id = (wire.target === 'zone' ? zoneIds : sectionIds)[wire.targetId];
  if (id === undefined) throw new LiveCueEncodingError(`no ${wire.target} with index ${wire.targetId}`);
  return wire.target === 'zone' ? { zones: [id] } : { sections: [id] };
}
