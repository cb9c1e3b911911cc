import { compileEffect } from './effects/compile-effect.ts';
import type { EffectFn } from './effects/effect-fn.ts';
import { decodeAsset, type DecodedImage } from './image.ts';
import { DEFAULT_BPM } from './limits.ts';
import { compileTarget, type TargetMatcher } from './target.ts';
import type { BlendMode, Cue, Show } from './types.ts';

/** A cue ready to render: times in its own clock (show time or controller time). */
export interface CompiledCue {
  start: number;
  /** Exclusive end; Infinity for an open-ended live cue. */
  end: number;
  effect: EffectFn;
  target: TargetMatcher;
  blend: BlendMode;
  opacity: number;
  fadeInMs: number;
  fadeOutMs: number;
}

/** Things a cue is compiled from (timeline cues and live cues share this shape). */
export type CueSpec = Pick<Cue, 'effect' | 'target' | 'blend' | 'opacity' | 'fadeInMs' | 'fadeOutMs'>;

const COMPILED = Symbol('crowdlight.compiledShow');

/**
 * Most buckets in a show's time index. A long show gets wider buckets instead of more of
 * them, so compiling costs memory and time bounded by the cue count, not by `durationMs`
 * (which a document may set to any positive number).
 */
export const MAX_TIME_BUCKETS = 4096;

/**
 * A show prepared for rendering: cues flattened in layer order (track order, then start time,
 * then document order), effects compiled, assets decoded, and a bucketed time index so the
 * cues active at an instant are found without scanning the whole show.
 */
export interface CompiledShow {
  readonly [COMPILED]: true;
  readonly show: Show;
  readonly bpm: number;
  readonly images: ReadonlyMap<string, DecodedImage>;
  /** All timeline cues in layer order (bottom first). */
  readonly cues: readonly CompiledCue[];
  /** Cues (indices into `cues`, ascending) overlapping each bucket of `bucketMs`. */
  readonly buckets: readonly Int32Array[];
  readonly bucketMs: number;
  /** Cues active at `activeTime`; reused between calls, valid until the next lookup. */
  activeTime: number;
  readonly active: CompiledCue[];
  /** Compiled live cues, keyed by the live cue object. */
  readonly liveCache: WeakMap<object, CompiledCue>;
  /** The live cue objects (and their compiled forms) seen in the last frame, by position. */
  readonly liveKeys: object[];
  readonly liveCompiled: CompiledCue[];
}

export function isCompiledShow(value: Show | CompiledShow): value is CompiledShow {
  return (value as CompiledShow)[COMPILED] === true;
}

/** Compiles one cue; `start`/`end` are in whichever clock the cue lives in. */
export function compileCue(
  spec: CueSpec,
  start: number,
  durationMs: number,
  bpm: number,
  images: ReadonlyMap<string, DecodedImage>,
): CompiledCue {
  return {
    start,
    end: start + durationMs,
    effect: compileEffect(spec.effect, { cueDurationMs: durationMs, bpm, images }),
    target: compileTarget(spec.target),
    blend: spec.blend ?? 'replace',
    opacity: spec.opacity ?? 1,
    fadeInMs: spec.fadeInMs ?? 0,
    fadeOutMs: spec.fadeOutMs ?? 0,
  };
}

/** Prepares a (validated) show for rendering. `minBucketMs` is the narrowest time bucket of
 *  the cue index (widened for long shows, see MAX_TIME_BUCKETS). */
export function compileShow(show: Show, minBucketMs = 1000): CompiledShow {
  const bpm = show.bpm ?? DEFAULT_BPM;
  const images = new Map<string, DecodedImage>();
  for (const [id, asset] of Object.entries(show.assets ?? {})) images.set(id, decodeAsset(asset));

  const cues: CompiledCue[] = [];
  for (const track of show.tracks) {
    if (track.mute) continue;
    const order = track.cues.map((cue, i) => ({ cue, i })).sort((a, b) => a.cue.at - b.cue.at || a.i - b.i);
    for (const { cue } of order) cues.push(compileCue(cue, cue.at, cue.duration, bpm, images));
  }

  let lastEnd = 0;
  for (const c of cues) lastEnd = Math.max(lastEnd, c.end);
  const narrowest = minBucketMs > 0 && Number.isFinite(minBucketMs) ? minBucketMs : 1000;
  const bucketMs = Math.max(narrowest, lastEnd / MAX_TIME_BUCKETS);
  const bucketCount = Math.max(1, Math.ceil(lastEnd / bucketMs));
  const lists: number[][] = Array.from({ length: bucketCount }, () => []);
  cues.forEach((c, i) => {
    const first = Math.max(0, Math.floor(c.start / bucketMs));
    const last = Math.min(bucketCount - 1, Math.ceil(c.end / bucketMs) - 1);
    for (let b = first; b <= last; b++) lists[b]!.push(i);
  });

  return {
    [COMPILED]: true,
    show,
    bpm,
    images,
    cues,
    buckets: lists.map((l) => Int32Array.from(l)),
    bucketMs,
    activeTime: Number.NaN,
    active: [],
    liveCache: new WeakMap(),
    liveKeys: [],
    liveCompiled: [],
  };
}

const cache = new WeakMap<Show, CompiledShow>();

/** The compiled form of a show, compiled once and cached per show object. */
export function compiledFor(show: Show | CompiledShow): CompiledShow {
  if (isCompiledShow(show)) return show;
  let c = cache.get(show);
  if (c === undefined) {
    c = compileShow(show);
    cache.set(show, c);
  }
  return c;
}

/** Timeline cues active at show time t, in layer order (a reused array). */
export function activeCuesAt(c: CompiledShow, t: number): readonly CompiledCue[] {
  if (t === c.activeTime) return c.active;
  const active = c.active;
  active.length = 0;
  c.activeTime = t;
  if (!(t >= 0)) return active;
  const b = Math.floor(t / c.bucketMs);
  const list = c.buckets[b];
  if (list === undefined) return active;
  for (let i = 0; i < list.length; i++) {
    const cue = c.cues[list[i]!]!;
    if (t >= cue.start && t < cue.end) active.push(cue);
  }
  return active;
}
