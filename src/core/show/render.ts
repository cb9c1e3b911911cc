import { blendChannel } from './color.ts';
import {
  activeCuesAt,
  compileCue,
  compiledFor,
  type CompiledCue,
  type CompiledShow,
} from './compile-show.ts';
import type { LiveCue } from './live-cue.ts';
import { targetMatches } from './target.ts';
import { showPositionAt, type Transport } from './transport.ts';
import type { Rgb, RgbSink, SeatLike, Show } from './types.ts';

/**
 * The renderer: one pure function from (show, time, seat, device seed) to a colour. The phone,
 * the console preview and the simulator all call it, so they all compute the same pixel.
 * Layers are composited bottom-up over black: timeline cues in layer order, then live cues,
 * and blackout overrides the lot.
 */

const acc = new Float64Array(3);
const fx = new Float64Array(4);

/** Fade-in/fade-out envelope times opacity for a cue at cue-local time `local`. */
function envelope(cue: CompiledCue, local: number): number {
  let k = cue.opacity;
  if (cue.fadeInMs > 0 && local < cue.fadeInMs) k *= local / cue.fadeInMs;
  if (cue.fadeOutMs > 0) {
    const left = cue.end - cue.start - local;
    if (left < cue.fadeOutMs) k *= left / cue.fadeOutMs;
  }
  return k;
}

/** Composites one cue over the accumulator. */
function applyCue(cue: CompiledCue, t: number, seat: SeatLike, seed: number): void {
  if (!targetMatches(cue.target, seat)) return;
  const local = t - cue.start;
  const k = envelope(cue, local);
  if (k <= 0) return;
  cue.effect(fx, local, seat, seed);
  const a = fx[3]! * k;
  if (a <= 0) return;
  const mode = cue.blend;
  for (let ch = 0; ch < 3; ch++) {
    const below = acc[ch]!;
    const mixed = mode === 'replace' ? fx[ch]! : blendChannel(mode, below, fx[ch]!);
    acc[ch] = a >= 1 ? mixed : below + (mixed - below) * a;
  }
}

function compositeTimeline(c: CompiledShow, showTimeMs: number, seat: SeatLike, seed: number): void {
  const active = activeCuesAt(c, showTimeMs);
  for (let i = 0; i < active.length; i++) applyCue(active[i]!, showTimeMs, seat, seed);
}

/** Writes the accumulator as 0-255 integers (always: a NaN from a degenerate seat or
 *  effect input becomes 0 rather than reaching a number[] sink). */
function flush(out: RgbSink, offset: number): void {
  for (let ch = 0; ch < 3; ch++) {
    const v = acc[ch]!;
    out[offset + ch] = !(v > 0) ? 0 : v >= 255 ? 255 : Math.round(v);
  }
}

/**
 * Writes the colour of `seat` at show time `showTimeMs` into out[offset..offset+2] (0-255
 * integers) without allocating. Accepts a show or a compiled show (a plain show is compiled
 * once and cached).
 */
export function colorAtInto(
  out: RgbSink,
  show: Show | CompiledShow,
  showTimeMs: number,
  seat: SeatLike,
  deviceSeed: number,
  offset = 0,
): void {
  acc[0] = acc[1] = acc[2] = 0;
  compositeTimeline(compiledFor(show), showTimeMs, seat, deviceSeed);
  flush(out, offset);
}

/** The colour of `seat` at show time `showTimeMs`, as a new [r, g, b] (0-255). */
export function colorAt(show: Show | CompiledShow, showTimeMs: number, seat: SeatLike, deviceSeed: number): Rgb {
  const out: Rgb = [0, 0, 0];
  colorAtInto(out, show, showTimeMs, seat, deviceSeed);
  return out;
}

/**
 * The compiled form of live cue i. Renderers pass the same live cue objects for every seat of
 * a frame, so a reference comparison against the previous call usually answers; otherwise
 * the per-show WeakMap (compile once per cue object) does.
 */
function compiledLive(c: CompiledShow, live: LiveCue, i: number): CompiledCue {
  if (c.liveKeys[i] === live) return c.liveCompiled[i]!;
  let cue = c.liveCache.get(live);
  if (cue === undefined) {
    cue = compileCue(live, live.startControllerMs, live.durationMs ?? Infinity, c.bpm, c.images);
    c.liveCache.set(live, cue);
  }
  c.liveKeys[i] = live;
  c.liveCompiled[i] = cue;
  return cue;
}

/**
 * The full frame: the timeline at the transport's position for `controllerMs` (nothing when
 * stopped), live cues (in controller time) above it, and blackout over everything. Writes
 * into out[offset..offset+2] without allocating (live cues are compiled once per cue object).
 */
export function colorAtInstantInto(
  out: RgbSink,
  show: Show | CompiledShow,
  transport: Transport,
  liveCues: readonly LiveCue[],
  controllerMs: number,
  seat: SeatLike,
  deviceSeed: number,
  offset = 0,
): void {
  acc[0] = acc[1] = acc[2] = 0;
  if (!transport.blackout) {
    const c = compiledFor(show);
    const position = showPositionAt(transport, controllerMs);
    if (position !== null) compositeTimeline(c, position, seat, deviceSeed);
    for (let i = 0; i < liveCues.length; i++) {
      const cue = compiledLive(c, liveCues[i]!, i);
      if (controllerMs >= cue.start && controllerMs < cue.end) applyCue(cue, controllerMs, seat, deviceSeed);
    }
  }
  flush(out, offset);
}

/** Allocating convenience form of `colorAtInstantInto`. */
export function colorAtInstant(
  show: Show | CompiledShow,
  transport: Transport,
  liveCues: readonly LiveCue[],
  controllerMs: number,
  seat: SeatLike,
  deviceSeed: number,
): Rgb {
  const out: Rgb = [0, 0, 0];
  colorAtInstantInto(out, show, transport, liveCues, controllerMs, seat, deviceSeed);
  return out;
}
