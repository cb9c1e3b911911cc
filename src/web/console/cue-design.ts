/**
 * Live cues as the operator designs them: one flat record of palette choices (kind, colours,
 * rate, direction, …) turned into a show effect (docs/show-format.md, "Effects") that the
 * operator API accepts and the live-cue wire frame carries whole: one pass for waves (no
 * repeat period), one ring for ripples, two stops and the default repeat for gradients. Pure: the palette panel and the tests both go through `buildEffect`.
 */
import { isColor } from '../../core/show/color.ts';
import type { Effect } from '../../core/show/types.ts';
import { MAX_BPM, MAX_SPARKLE_HZ, MAX_STROBE_HZ, PHOTOSENSITIVE_FLASH_HZ } from '../../core/show/limits.ts';

export const LIVE_EFFECT_KINDS = ['solid', 'strobe', 'pulse', 'wave', 'ripple', 'sparkle', 'fade', 'gradient', 'blackout'] as const;
export type LiveEffectKind = (typeof LIVE_EFFECT_KINDS)[number];

export interface CueDesign {
  kind: LiveEffectKind;
  /** Main colour (fade: start colour; gradient: first colour). */
  color: string;
  /** Second colour: fade target, gradient end, or the background of the others when `useBackground`. */
  color2: string;
  /** Strobe and pulse paint `color2` where they are off (else they are transparent there). The
   *  live-cue wire carries no background for waves, ripples and sparkle. */
  useBackground: boolean;
  /** Strobe flashes or sparkle redraws per second. */
  rateHz: number;
  /** Strobe lit fraction, (0, 1]. */
  duty: number;
  bpm: number;
  /** Direction of travel for wave and gradient, degrees counter-clockwise from east. */
  angle: number;
  /** Wave and ripple speed, m/s; gradient scroll speed (0 = still). */
  speed: number;
  /** Wave and ripple band thickness, m. */
  width: number;
  /** Sparkle: fraction of seats lit, [0, 1]. */
  density: number;
  /** Fade length, ms. */
  fadeMs: number;
}

export const DEFAULT_DESIGN: Readonly<CueDesign> = Object.freeze({
  kind: 'solid',
  color: '#ff0000',
  color2: '#000000',
  useBackground: false,
  rateHz: 2,
  duty: 0.5,
  bpm: 120,
  angle: 0,
  speed: 40,
  width: 30,
  density: 0.15,
  fadeMs: 3000,
});

/** Where the venue is, so waves start at its edge and ripples at its centre (metres). */
export interface VenueGeometry {
  centerX: number;
  centerY: number;
  /** Distance from the centre to the farthest seat. */
  radius: number;
}

/** The demo stadium's extent, used until the venue's own layout is known. */
export const DEFAULT_GEOMETRY: Readonly<VenueGeometry> = Object.freeze({ centerX: 0, centerY: 0, radius: 150 });

/** Geometry of a venue from its seat bounds (core/venue's `Venue.bounds`). */
export function geometryFromBounds(b: { minX: number; minY: number; maxX: number; maxY: number }): VenueGeometry {
  const centerX = (b.minX + b.maxX) / 2;
  const centerY = (b.minY + b.maxY) / 2;
  const radius = Math.max(1, Math.hypot(b.maxX - centerX, b.maxY - centerY));
  return { centerX, centerY, radius };
}

export class CueDesignError extends Error {
  readonly code = 'invalid-cue';
  /** The design field at fault. */
  readonly field: keyof CueDesign;
  constructor(field: keyof CueDesign, message: string) {
    super(message);
    this.name = 'CueDesignError';
    this.field = field;
  }
}

function color(d: CueDesign, field: 'color' | 'color2'): string {
  const v = d[field];
  if (!isColor(v)) throw new CueDesignError(field, `${field === 'color' ? 'colour' : 'second colour'} must look like #ff8800`);
  return v.toLowerCase();
}

function inRange(d: CueDesign, field: keyof CueDesign, min: number, max: number, minOpen: boolean, what: string): number {
  const v = d[field] as number;
  const lowOk = minOpen ? v > min : v >= min;
  if (typeof v !== 'number' || !Number.isFinite(v) || !lowOk || v > max) {
    throw new CueDesignError(field, `${what} must be ${minOpen ? '>' : '≥'} ${min} and ≤ ${max}`);
  }
  return v;
}

/** Millimetres, and never -0 (a direction's off-axis part rounds to a clean 0). */
function round3(v: number): number {
  return Math.round(v * 1000) / 1000 + 0;
}

/** Where a sweep heading `angle` degrees enters the venue: one radius behind the centre. */
function sweepOrigin(g: VenueGeometry, angle: number): { x: number; y: number } {
  const rad = (angle * Math.PI) / 180;
  return { x: round3(g.centerX - g.radius * Math.cos(rad)), y: round3(g.centerY - g.radius * Math.sin(rad)) };
}

/**
 * The effect for a design. Throws `CueDesignError` (naming the field) for values a show
 * document would refuse, so the operator sees the problem before anything is sent.
 */
export function buildEffect(design: CueDesign, geometry: VenueGeometry = DEFAULT_GEOMETRY): Effect {
  const d = design;
  const bg = d.useBackground ? { background: color(d, 'color2') } : {};
  switch (d.kind) {
    case 'blackout':
      return { kind: 'blackout' };
    case 'solid':
      return { kind: 'solid', color: color(d, 'color') };
    case 'fade':
      return { kind: 'fade', from: color(d, 'color'), to: color(d, 'color2'), easing: 'linear', durationMs: inRange(d, 'fadeMs', 0, 3_600_000, true, 'fade length (ms)') };
    case 'strobe':
      return {
        kind: 'strobe',
        color: color(d, 'color'),
        rateHz: inRange(d, 'rateHz', 0, MAX_STROBE_HZ, true, 'strobe rate (Hz)'),
        duty: inRange(d, 'duty', 0, 1, true, 'duty'),
        ...bg,
      };
    case 'pulse':
      return { kind: 'pulse', color: color(d, 'color'), bpm: inRange(d, 'bpm', 0, MAX_BPM, true, 'tempo (bpm)'), shape: 'decay', ...bg };
    case 'wave': {
      const angle = inRange(d, 'angle', -360, 360, false, 'angle (°)');
      return {
        kind: 'wave',
        color: color(d, 'color'),
        angle,
        speed: inRange(d, 'speed', 0, 1000, true, 'speed (m/s)'),
        width: inRange(d, 'width', 0, 1000, true, 'band width (m)'),
        origin: sweepOrigin(geometry, angle),
      };
    }
    case 'ripple':
      return {
        kind: 'ripple',
        color: color(d, 'color'),
        center: { x: round3(geometry.centerX), y: round3(geometry.centerY) },
        speed: inRange(d, 'speed', 0, 1000, true, 'speed (m/s)'),
        width: inRange(d, 'width', 0, 1000, true, 'ring width (m)'),
      };
    case 'sparkle':
      return {
        kind: 'sparkle',
        color: color(d, 'color'),
        density: inRange(d, 'density', 0, 1, false, 'density'),
        rateHz: inRange(d, 'rateHz', 0, MAX_SPARKLE_HZ, true, 'sparkle rate (Hz)'),
      };
    case 'gradient': {
      const angle = inRange(d, 'angle', -360, 360, false, 'angle (°)');
      const scroll = d.speed;
      if (!Number.isFinite(scroll) || Math.abs(scroll) > 1000) throw new CueDesignError('speed', 'scroll speed (m/s) must be within ±1000');
      return {
        kind: 'gradient',
        angle,
        origin: sweepOrigin(geometry, angle),
        length: round3(2 * geometry.radius),
        stops: [
          { at: 0, color: color(d, 'color') },
          { at: 1, color: color(d, 'color2') },
        ],
        ...(scroll !== 0 ? { scroll } : {}),
      };
    }
  }
}

/**
 * Things the operator should know before firing: fast flashing is a photosensitive-epilepsy
 * risk (WCAG 2.3.1, more than 3 flashes a second), as show validation warns for timelines.
 */
export function effectWarnings(effect: Effect): string[] {
  const out: string[] = [];
  if (effect.kind === 'strobe' && effect.rateHz > PHOTOSENSITIVE_FLASH_HZ) {
    out.push(`flashes ${effect.rateHz} times a second: above ${PHOTOSENSITIVE_FLASH_HZ}/s is a photosensitive-epilepsy risk`);
  }
  if (effect.kind === 'pulse' && (effect.bpm ?? 0) > PHOTOSENSITIVE_FLASH_HZ * 60) {
    out.push(`pulses ${effect.bpm} times a minute: above ${PHOTOSENSITIVE_FLASH_HZ * 60}/min is a photosensitive-epilepsy risk`);
  }
  return out;
}
