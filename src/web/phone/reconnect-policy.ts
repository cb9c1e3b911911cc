/**
 * What the page does when its socket closes, from the close code's `retry` policy
 * (core/protocol's `closeCodeInfo`): reconnect after a backoff, reconnect now (with a small
 * jitter), follow a redirect, reload the page, or stay disconnected. Codes outside the app's
 * own range (1006 abnormal closure, 1001 going away, 1009 too big, ...) are network events:
 * backoff.
 *
 * A refused upgrade needs more patience than a dropped connection. An edge over its upgrade
 * rate (or draining) answers the upgrade with 503 and a jittered Retry-After of 1 to 10 s,
 * but a browser's WebSocket shows the page none of it: only a socket that closed (1006)
 * without ever opening. Retrying such a socket after the 250 ms backoff step would bring a
 * refused crowd back several times before the edge's Retry-After is up; so a socket that
 * never opened, and an `edge-full` close, wait as a Retry-After would have said (uniform
 * 1 to 10 s) or the backoff step if longer.
 */
import { CloseCode, closeCodeInfo, type RetryPolicy } from '../../core/protocol/index.ts';
import type { Backoff } from './backoff.ts';

/** Jitter window of an immediate reconnect, ms: spreads a drained edge's phones over it. */
export const RECONNECT_NOW_JITTER_MS = 500;
/** Immediate reconnects in a row (without a welcome between) before falling back to backoff. */
export const MAX_IMMEDIATE_RECONNECTS = 2;
/** Wait after a refused upgrade or an `edge-full` close: the edge's Retry-After range, ms. */
export const REFUSED_MIN_MS = 1000;
export const REFUSED_MAX_MS = 10_000;
/** Wait before a reload (version mismatch after a deploy, auth failure), ms: a whole
 *  stadium told to reload spreads over this window instead of hitting the page server in
 *  the same second (the show keeps playing from the loaded package meanwhile). */
export const RELOAD_MIN_MS = 2000;
export const RELOAD_MAX_MS = 20_000;

export type CloseAction =
  /** `immediate`: a jittered "now" reconnect rather than a backoff step. */
  | { kind: 'reconnect'; delayMs: number; url: string | null; immediate: boolean }
  | { kind: 'reload'; delayMs: number }
  | { kind: 'stop' };

export interface CloseContext {
  code: number;
  /** URL from a `redirect` frame received just before the close, if any. */
  redirectUrl: string | null;
  /** Immediate (jittered "now" or redirect) reconnects since the last welcome. */
  immediateInRow: number;
  /** False when the socket never opened (upgrade refused, or no network). Default true. */
  opened?: boolean;
}

/** Decides the next step after a close. `url: null` means the same edge as before. */
export function closeAction(ctx: CloseContext, backoff: Backoff, random: () => number): CloseAction {
  const policy: RetryPolicy = closeCodeInfo(ctx.code)?.retry ?? 'backoff';
  switch (policy) {
    case 'never':
      return { kind: 'stop' };
    case 'reload':
      return { kind: 'reload', delayMs: RELOAD_MIN_MS + random() * (RELOAD_MAX_MS - RELOAD_MIN_MS) };
    case 'redirect':
      if (ctx.redirectUrl !== null) return { kind: 'reconnect', delayMs: random() * RECONNECT_NOW_JITTER_MS, url: ctx.redirectUrl, immediate: true };
      return { kind: 'reconnect', delayMs: backoff.next(), url: null, immediate: false };
    case 'now':
      if (ctx.immediateInRow < MAX_IMMEDIATE_RECONNECTS) {
        return { kind: 'reconnect', delayMs: random() * RECONNECT_NOW_JITTER_MS, url: null, immediate: true };
      }
      return { kind: 'reconnect', delayMs: backoff.next(), url: null, immediate: false };
    case 'backoff': {
      const step = backoff.next();
      const refused = ctx.opened === false || ctx.code === CloseCode.EdgeFull;
      const delayMs = refused ? Math.max(step, REFUSED_MIN_MS + random() * (REFUSED_MAX_MS - REFUSED_MIN_MS)) : step;
      return { kind: 'reconnect', delayMs, url: null, immediate: false };
    }
  }
}
