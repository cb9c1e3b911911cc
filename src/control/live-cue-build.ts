import { sectionTopic, TOPIC_ALL, zoneTopic } from '../bus/edge-feed.ts';
import { CUE_DURATION_UNTIL_CANCELLED } from '../core/protocol/index.ts';
import {
  effectFromWire,
  effectToWire,
  LiveCueEncodingError,
  parseEffect,
  parseTarget,
  ShowValidationError,
  targetFromWire,
  targetToWire,
  type Effect,
  type Target,
} from '../core/show/index.ts';
import { ControlError } from './errors.ts';
import type { ActiveCue } from './feed-frames.ts';
import type { LoadedShow } from './show-library.ts';

/** A live cue request's body, checked against the loaded show; throws ControlError with the
 *  path of every bad field. */
export function parseCueRequest(
  body: { effect?: unknown; target?: unknown; durationMs?: unknown },
  loaded: LoadedShow,
): { effect: Effect; target: Target; durationMs: number | null } {
  let effect: Effect;
  let target: Target;
  try {
    effect = parseEffect(body.effect, loaded.show.assets ?? {});
  } catch (err) {
    if (err instanceof ShowValidationError) throw new ControlError('invalid-request', 'invalid effect', prefix('effect', err.errors));
    throw err;
  }
  try {
    target = body.target === undefined ? 'all' : parseTarget(body.target);
  } catch (err) {
    if (err instanceof ShowValidationError) throw new ControlError('invalid-request', 'invalid target', prefix('target', err.errors));
    throw err;
  }
  const d = body.durationMs;
  if (d !== undefined && d !== null && (typeof d !== 'number' || !Number.isFinite(d) || d <= 0 || d >= CUE_DURATION_UNTIL_CANCELLED)) {
    throw new ControlError('invalid-request', 'durationMs must be a positive number of ms, or null', [{ path: 'durationMs', message: 'must be > 0 and < 4294967295, or null' }]);
  }
  return { effect, target, durationMs: d == null ? null : Math.round(d as number) };
}

/**
 * A live cue as the controller keeps it: its wire form (effect, colours, parameters, target
 * index) and, for status, the effect and target decoded back from that wire form, which is
 * exactly what every phone renders.
 */
export function buildActiveCue(loaded: LoadedShow, effect: Effect, target: Target, start: number, durationMs: number | null, cueId: number): ActiveCue {
  const zoneIds = loaded.venue.zones.map((z) => z.id);
  const sectionIds = loaded.venue.sections.map((s) => s.id);
  let wire;
  try {
    wire = { ...effectToWire(effect, loaded.show), ...targetToWire(target, zoneIds, sectionIds) };
  } catch (err) {
    if (err instanceof LiveCueEncodingError) throw new ControlError('invalid-request', err.message, [{ path: 'target', message: err.message }]);
    throw err;
  }
  const topic = wire.target === 'all' ? TOPIC_ALL : wire.target === 'zone' ? zoneTopic(wire.targetId) : sectionTopic(wire.targetId);
  return {
    cueId,
    effect: effectFromWire(wire, loaded.show),
    target: targetFromWire(wire, zoneIds, sectionIds),
    topic,
    wire,
    startControllerMs: start,
    durationMs,
  };
}

function prefix(root: string, issues: readonly { path: string; message: string }[]) {
  return issues.map((i) => ({ path: i.path ? `${root}.${i.path}` : root, message: i.message }));
}
