/**
 * What the controller keeps in the store so a restarted server carries on: the live state
 * (written on every change) and the documents of the loaded show (written on load). A stored
 * value is checked field by field when read back: one of the wrong shape (a hand edit, an
 * older build, a damaged file) is ignored rather than failing the start.
 */
import { CUE_DURATION_UNTIL_CANCELLED, MAX_TRANSPORT_RATE } from '../core/protocol/index.ts';
import type { Effect, Target, Transport } from '../core/show/index.ts';

export const STATE_KEY = 'controller-state';
/** The documents of the loaded show as loaded: a restart restores exactly them, even if the
 *  show or its venue was edited in the store since. */
export const LOADED_KEY = 'controller-loaded-show';

export interface PersistedCue {
  cueId?: number;
  effect: Effect;
  target: Target;
  startControllerMs: number;
  durationMs: number | null;
}

export interface PersistedState {
  epoch: number;
  showId: string | null;
  transport: Transport;
  /** Transports scheduled before `transport` that are (or will be) in force before its anchor,
   *  oldest first (absent in states saved by older builds). */
  earlier?: unknown[];
  cues: PersistedCue[];
}

export interface LoadedSnapshot {
  id: string;
  num: number;
  version: number;
  showDoc: string;
  venueDoc: string;
}

/** A stored transport if it is one this build can broadcast, else null. */
export function validTransport(v: unknown): Transport | null {
  if (typeof v !== 'object' || v === null) return null;
  const t = v as Record<string, unknown>;
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (t.mode !== 'stopped' && t.mode !== 'playing' && t.mode !== 'paused') return null;
  if (!finite(t.anchorControllerMs) || !finite(t.anchorShowMs) || !finite(t.rate) || typeof t.blackout !== 'boolean') return null;
  if (!(t.rate > 0 && t.rate <= MAX_TRANSPORT_RATE && Math.fround(t.rate) === t.rate)) return null;
  return { mode: t.mode, anchorControllerMs: t.anchorControllerMs, anchorShowMs: t.anchorShowMs, rate: t.rate, blackout: t.blackout };
}

/** The stored chain of earlier transports, or null when absent or not all valid. */
export function validEarlier(v: unknown): Transport[] | null {
  if (!Array.isArray(v) || v.length === 0) return null;
  const out = v.map(validTransport);
  return out.every((t) => t !== null) ? (out as Transport[]) : null;
}

/** Stored cues with well-formed times that have not ended by `nowMs` (effect and target are
 *  checked when the cue is rebuilt against the loaded show). */
export function liveStoredCues(v: unknown, nowMs: number): PersistedCue[] {
  if (!Array.isArray(v)) return [];
  return v.filter((c: Partial<PersistedCue> | null) => {
    if (typeof c?.startControllerMs !== 'number' || !Number.isFinite(c.startControllerMs)) return false;
    const d = c.durationMs;
    if (d === null) return true;
    if (typeof d !== 'number' || !(d >= 0 && d < CUE_DURATION_UNTIL_CANCELLED)) return false;
    return c.startControllerMs + d >= nowMs;
  }) as PersistedCue[];
}

/** A stored cue id worth keeping: a u32 below ALL_CUES, not 0. */
export function validCueId(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 0xffffffff ? v : null;
}
