import type { BlendMode, Effect, Target } from './types.ts';
import type { Transport } from './transport.ts';

/**
 * A cue fired by an operator (or a lighting desk) on top of the timeline. Live cues run in
 * controller time, not show time: they keep running while the timeline is paused or stopped,
 * and a seek does not move them. The renderer compiles each object once: treat it as
 * immutable and replace it (e.g. with a shorter `durationMs` on cancel) rather than editing it.
 */
export interface LiveCue {
  id: string;
  effect: Effect;
  target?: Target;
  /** Controller time the cue starts, ms. */
  startControllerMs: number;
  /** How long it runs, ms; null runs until it is removed from the frame state. */
  durationMs: number | null;
  blend?: BlendMode;
  opacity?: number;
  fadeInMs?: number;
  fadeOutMs?: number;
}

/** Everything a renderer needs, besides the show and the clock, to paint a frame. */
export interface FrameState {
  transport: Transport;
  /** Live cues in layer order (bottom first), all drawn above the timeline. */
  liveCues: readonly LiveCue[];
}
