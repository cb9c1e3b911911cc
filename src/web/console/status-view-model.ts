/**
 * What the console shows, computed from the last `GET /api/status` answer: pure functions the
 * views call on every poll (and between polls, to keep the clock running smoothly).
 */
import type { ApiAudience, ApiLiveCue, ApiStatus } from './api-types.ts';
import { showPositionAt } from '../../core/show/transport.ts';
import type { Effect } from '../../core/show/types.ts';
import { formatCount, formatMs, TimeInputError } from './time-format.ts';

/**
 * Controller time now, from a status received at local time `receivedLocalMs` (any
 * monotonic local clock, e.g. performance.now()), ignoring the one-way delay of the answer
 * (a few ms on a control-room network, far below what a display shows).
 */
export function controllerNow(status: ApiStatus, receivedLocalMs: number, nowLocalMs: number): number {
  return status.controllerTimeMs + Math.max(0, nowLocalMs - receivedLocalMs);
}

/**
 * The show position at a controller instant: held when paused, null when stopped, running
 * at `rate` when playing. A change scheduled for later (its anchor in the future) holds the
 * anchor position until it takes effect.
 */
export function positionAt(status: ApiStatus, controllerMs: number): number | null {
  const t = status.transport;
  if (t.mode === 'stopped') return null;
  if (t.mode === 'paused') return t.positionMs ?? t.anchorShowMs;
  const pos = controllerMs >= t.anchorControllerMs ? showPositionAt(t, controllerMs)! : (t.positionMs ?? t.anchorShowMs);
  const end = status.show?.durationMs;
  return end !== undefined && pos > end ? end : Math.max(0, pos);
}

/** Fraction of the show played, [0, 1]; 0 when stopped or without a show. */
export function progressOf(status: ApiStatus, positionMs: number | null): number {
  const d = status.show?.durationMs ?? 0;
  if (positionMs === null || !(d > 0)) return 0;
  return Math.min(1, Math.max(0, positionMs / d));
}

export type Level = 'good' | 'warn' | 'bad' | 'none';

export interface SyncSummary {
  /** Headline: "98% synced" or "no phones". */
  headline: string;
  level: Level;
  /** Share of connected phones whose clock is synced (0..1), null without phones. */
  syncedShare: number | null;
  readyText: string;
  rttText: string;
  uncertaintyText: string;
}

/** Thresholds of the sync summary: more than this share degraded is a warning, or bad. */
const DEGRADED_WARN_SHARE = 0.02;
const DEGRADED_BAD_SHARE = 0.1;
/** A synced share below this is a warning (phones still syncing, or failing to), below the
 *  bad value most of the audience is not in step. */
const SYNCED_WARN_SHARE = 0.9;
const SYNCED_BAD_SHARE = 0.5;
/** Uncertainty p95 above this (ms) is a warning; above the bad value it is visibly off. */
const UNCERTAINTY_WARN_MS = 20;
const UNCERTAINTY_BAD_MS = 50;

function readyText(a: ApiAudience): string {
  return `${formatCount(a.ready)} ready (${Math.floor(Math.min(1, a.ready / a.connections) * 100)}%)`;
}

/** Connected, ready and clock-sync figures in words, with a traffic-light level. */
export function syncSummary(a: ApiAudience): SyncSummary {
  const rttText = `p50 ${formatMs(a.rttMs.p50)} · p95 ${formatMs(a.rttMs.p95)} · p99 ${formatMs(a.rttMs.p99)}`;
  const uncertaintyText = `p50 ${formatMs(a.uncertaintyMs.p50)} · p95 ${formatMs(a.uncertaintyMs.p95)}`;
  if (a.connections <= 0) {
    return { headline: 'no phones', level: 'none', syncedShare: null, readyText: '0 ready', rttText, uncertaintyText };
  }
  if (a.synced === 0 && a.degraded === 0 && a.rttMs.p50 === null && a.uncertaintyMs.p50 === null) {
    // Phones send quality reports a while after joining; until the first arrives nothing is known.
    return { headline: 'no reports yet', level: 'none', syncedShare: null, readyText: readyText(a), rttText, uncertaintyText };
  }
  const syncedShare = Math.min(1, a.synced / a.connections);
  const degradedShare = a.degraded / a.connections;
  const u95 = a.uncertaintyMs.p95;
  let level: Level = 'good';
  if (syncedShare < SYNCED_WARN_SHARE || degradedShare > DEGRADED_WARN_SHARE || (u95 !== null && u95 > UNCERTAINTY_WARN_MS)) level = 'warn';
  if (syncedShare < SYNCED_BAD_SHARE || degradedShare > DEGRADED_BAD_SHARE || (u95 !== null && u95 > UNCERTAINTY_BAD_MS)) level = 'bad';
  const pct = (x: number) => `${Math.floor(x * 100)}%`;
  return {
    headline: `${pct(syncedShare)} synced${a.degraded > 0 ? ` · ${formatCount(a.degraded)} degraded` : ''}`,
    level,
    syncedShare,
    readyText: readyText(a),
    rttText,
    uncertaintyText,
  };
}

/** Transport in one word for the header badge: "playing ×2", "paused", "stopped". */
export function transportLabel(status: ApiStatus): string {
  const t = status.transport;
  if (t.mode === 'playing' && t.rate !== 1) return `playing ×${Number(t.rate.toFixed(3))}`;
  return t.mode;
}

/** The colour that best stands for an effect in the cue list (a swatch), or null. */
export function effectSwatch(effect: Effect): string | null {
  switch (effect.kind) {
    case 'blackout':
      return '#000000';
    case 'fade':
      return effect.to;
    case 'gradient':
      return effect.stops[0]?.color ?? null;
    case 'image':
      return null;
    default:
      return effect.color;
  }
}

/** One line describing an effect: "strobe #ffffff 3 Hz", "wave #00e5ff 90°, 60 m/s". */
export function describeEffect(effect: Effect): string {
  switch (effect.kind) {
    case 'blackout':
      return 'blackout';
    case 'solid':
      return `solid ${effect.color}`;
    case 'fade':
      return `fade ${effect.from} → ${effect.to}${effect.durationMs ? ` in ${effect.durationMs / 1000} s` : ''}`;
    case 'strobe':
      return `strobe ${effect.color} ${effect.rateHz} Hz`;
    case 'pulse':
      return `pulse ${effect.color}${effect.bpm ? ` ${effect.bpm} bpm` : ''}`;
    case 'wave':
      return `wave ${effect.color} ${effect.angle}°, ${effect.speed} m/s`;
    case 'ripple':
      return `ripple ${effect.color}, ${effect.speed} m/s`;
    case 'gradient':
      return `gradient ${effect.stops.map((s) => s.color).join(' → ')}`;
    case 'sparkle':
      return `sparkle ${effect.color} ${Math.round(effect.density * 100)}%`;
    case 'image':
      return `image ${effect.asset}`;
  }
}

/** Run time left for a live cue at a controller instant; null for open-ended cues. */
export function cueRemainingMs(cue: ApiLiveCue, controllerMs: number): number | null {
  if (cue.durationMs === null || cue.durationMs === undefined) return null;
  return cue.startControllerMs + cue.durationMs - controllerMs;
}

/**
 * The duration of a cue from the palette's fields: null (until cancelled) when asked, else
 * seconds as milliseconds. Throws `TimeInputError` for a non-positive or non-finite time.
 */
export function durationFromInput(seconds: number, untilCancelled: boolean): number | null {
  if (untilCancelled) return null;
  if (!Number.isFinite(seconds) || seconds <= 0) throw new TimeInputError('duration must be a positive number of seconds (or tick "until cancelled")');
  return Math.round(seconds * 1000);
}

/**
 * What the operator sees after an accepted action: what was done and when it takes effect
 * on the phones, e.g. "✓ play · in 1.00 s" ("now" once the instant has passed).
 */
export function acceptedLabel(what: string, answer: unknown, controllerMs: number): string {
  const o = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const at = typeof o.atControllerMs === 'number' ? o.atControllerMs : typeof o.startControllerMs === 'number' ? o.startControllerMs : null;
  if (at === null || !Number.isFinite(at)) return `✓ ${what}`;
  const wait = at - controllerMs;
  return `✓ ${what} · ${wait > 0 ? `in ${formatMs(wait)}` : 'now'}`;
}
