/**
 * The show document model (core/show).
 *
 * These are plain types (plus the list of blend modes), so the phone bundle can import them without
 * pulling in the schema library. The zod schema in `schema.ts` produces values of exactly
 * these types; `validate.ts` is the only entry point that parses untrusted JSON.
 */

/** A colour as `#rrggbb` (or the short `#rgb`). */
export type Color = string;

/** A point in venue metres (x grows east, y grows north). */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned box in venue metres; (x, y) is the south-west corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Easings and pulse shapes. The order is part of the live-cue wire format (a fade or pulse
 *  carries the index): never reorder, only append. */
export const EASINGS = ['linear', 'ease-in', 'ease-out', 'ease-in-out', 'step'] as const;
export type Easing = (typeof EASINGS)[number];
export const PULSE_SHAPES = ['sine', 'triangle', 'saw', 'square', 'decay'] as const;
export type PulseShape = (typeof PULSE_SHAPES)[number];
export type GradientRepeat = 'clamp' | 'repeat' | 'mirror';
export type ImageFit = 'stretch' | 'contain';
export type ImageWrap = 'none' | 'x' | 'y' | 'both';

/** How a cue's colour combines with what the layers below it produced. */
export const BLEND_MODES = ['replace', 'add', 'multiply', 'max', 'screen'] as const;
export type BlendMode = (typeof BLEND_MODES)[number];

export interface BlackoutEffect {
  kind: 'blackout';
}
export interface SolidEffect {
  kind: 'solid';
  color: Color;
}
export interface FadeEffect {
  kind: 'fade';
  from: Color;
  to: Color;
  easing?: Easing;
  /** Length of the fade; defaults to the cue's duration (required for open-ended live cues). */
  durationMs?: number;
}
export interface StrobeEffect {
  kind: 'strobe';
  color: Color;
  rateHz: number;
  /** Fraction of each period that is lit, (0, 1]; default 0.5. */
  duty?: number;
  background?: Color;
}
export interface PulseEffect {
  kind: 'pulse';
  color: Color;
  /** Beats per minute; defaults to the show's bpm, then 120. */
  bpm?: number;
  shape?: PulseShape;
  /** Lowest level between beats, [0, 1); default 0. */
  floor?: number;
  background?: Color;
}
export interface WaveEffect {
  kind: 'wave';
  color: Color;
  /** Direction of travel, degrees counter-clockwise from east. */
  angle: number;
  /** Metres per second. */
  speed: number;
  /** Thickness of the lit band, metres. */
  width: number;
  /** Where the front starts (distance 0); default (0, 0). */
  origin?: Point;
  /** Fraction of the band, at its trailing edge, that fades out; default 0.5. */
  tail?: number;
  /** Restart the wave every periodMs (cue-local time). */
  periodMs?: number;
  background?: Color;
}
export interface RippleEffect {
  kind: 'ripple';
  color: Color;
  center: Point;
  speed: number;
  width: number;
  /** Number of concentric rings; default 1. */
  rings?: number;
  /** Distance between ring fronts, metres; default 2 x width. */
  spacing?: number;
  tail?: number;
  background?: Color;
}
export interface GradientStop {
  /** Position along the gradient, [0, 1]. */
  at: number;
  color: Color;
}
export interface GradientEffect {
  kind: 'gradient';
  /** Direction the gradient runs, degrees counter-clockwise from east. */
  angle: number;
  /** Where the gradient starts (position 0); default (0, 0). */
  origin?: Point;
  /** Distance over which the gradient runs from stop 0 to stop 1, metres. */
  length: number;
  stops: GradientStop[];
  /** Scroll speed along the direction, metres per second; default 0. */
  scroll?: number;
  /** What happens beyond [0, 1]; default 'clamp' (or 'repeat' when scrolling). */
  repeat?: GradientRepeat;
}
export interface SparkleEffect {
  kind: 'sparkle';
  color: Color;
  /** Fraction of seats lit at any instant, [0, 1]. */
  density: number;
  /** How many times per second the pattern is redrawn; default 8. */
  rateHz?: number;
  /** Mixes into the per-seat hash so two sparkle cues differ; default 0. */
  seed?: number;
  /** How much a sparkle dims over its slot, [0, 1]; default 0 (hard flashes). */
  decay?: number;
  background?: Color;
}
export interface ImageEffect {
  kind: 'image';
  /** Id of an entry in the show's `assets`. */
  asset: string;
  /** Where the image is laid over the venue, metres (before rotation). */
  box: Box;
  /** Turns the picture (and its box) about the box centre, degrees counter-clockwise;
   *  e.g. -90 lays text along a stand on the east side so the west stand can read it. */
  rotation?: number;
  fit?: ImageFit;
  /** Scrolling speed of the picture in its own axes (x along its width), metres per second. */
  scroll?: Point;
  /** Tile the picture beyond the box along its own x axis, y axis or both (a scrolling word
   *  becomes a marquee with 'x'); default 'none'. */
  wrap?: ImageWrap;
  background?: Color;
}

export type Effect =
  | BlackoutEffect
  | SolidEffect
  | FadeEffect
  | StrobeEffect
  | PulseEffect
  | WaveEffect
  | RippleEffect
  | GradientEffect
  | SparkleEffect
  | ImageEffect;

export type EffectKind = Effect['kind'];

/** Which seats a cue paints: everyone, or the union of some zones and sections. */
export type Target = 'all' | { zones?: string[]; sections?: string[] };

export interface Cue {
  id?: string;
  /** Show time the cue starts, ms. */
  at: number;
  /** How long it runs, ms (> 0). */
  duration: number;
  effect: Effect;
  target?: Target;
  blend?: BlendMode;
  /** [0, 1]; default 1. */
  opacity?: number;
  fadeInMs?: number;
  fadeOutMs?: number;
}

export interface Track {
  id?: string;
  name?: string;
  /** A muted track is skipped by the renderer. */
  mute?: boolean;
  cues: Cue[];
}

/** Raw 8-bit RGB pixels, row-major from the top-left, base64-encoded (width*height*3 bytes). */
export interface RgbImageAsset {
  kind: 'rgb';
  width: number;
  height: number;
  data: string;
}
/** A picture drawn as text: each row is a string of palette keys (one character per pixel). */
export interface IndexedImageAsset {
  kind: 'indexed';
  width: number;
  height: number;
  /** Palette key (one character) -> colour, or 'transparent'. */
  palette: Record<string, Color | 'transparent'>;
  rows: string[];
}
/** Text rendered by the built-in 5x7 pixel font. */
export interface TextAsset {
  kind: 'text';
  text: string;
  color?: Color;
  /** Default transparent. */
  background?: Color;
  /** Empty columns between letters; default 1. */
  letterSpacing?: number;
  /** Empty pixels around the text; default 0. */
  padding?: number;
}
export type Asset = RgbImageAsset | IndexedImageAsset | TextAsset;

export interface Show {
  /** Document format version; this build reads version 1. */
  version: 1;
  id: string;
  name: string;
  /** The venue map this show was designed for (a venue id). */
  venue: string;
  durationMs: number;
  bpm?: number;
  assets?: Record<string, Asset>;
  tracks: Track[];
}

/**
 * A seat as the renderer sees it: a position in venue metres, a stable index (0..N-1 across
 * the venue) for seeded effects, and the section and zones it belongs to.
 * The venue module's resolved seats satisfy this interface.
 */
export interface SeatLike {
  x: number;
  y: number;
  index: number;
  section: string;
  zones: readonly string[];
}

/** An RGB colour with 0-255 integer channels. */
export type Rgb = [number, number, number];

/** Anything indexable that can receive channel values (arrays, typed arrays, ImageData). */
export interface RgbSink {
  [index: number]: number;
}
