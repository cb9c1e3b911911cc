import type { BlendMode, Cue, Effect, SeatLike, Show, Target, Track } from '../../../src/core/show/index.ts';

/** A seat anywhere, for effect tests. */
export function seatAt(x: number, y: number, index = 0, section = 's1', zones: string[] = []): SeatLike {
  return { x, y, index, section, zones };
}

export function cue(effect: Effect, opts: Partial<Cue> = {}): Cue {
  return { at: 0, duration: 10_000, effect, ...opts };
}

export function showWith(tracks: Cue[][], extra: Partial<Show> = {}): Show {
  return {
    version: 1,
    id: 'test-show',
    name: 'Test show',
    venue: 'test-venue',
    durationMs: 60_000,
    tracks: tracks.map((cues): Track => ({ cues })),
    ...extra,
  };
}

/** A show with one cue running for 10 s from t = 0. */
export function single(effect: Effect, opts: { blend?: BlendMode; target?: Target } = {}, extra: Partial<Show> = {}): Show {
  return showWith([[cue(effect, opts)]], extra);
}
