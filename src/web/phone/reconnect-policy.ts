/**
 * What the page does when its socket closes, from the close code's `retry` policy
 * (core/protocol's `closeCodeInfo`): reconnect after a backoff, reconnect now (with a small
 * jitter), follow a redirect, reload the page, or stay disconnected. Codes outside the app's
 * own range (1006 abnormal closure, 1001 going away, 1009 too big, ...) are network events:
 * backoff.
 */
import { closeCodeInfo, type RetryPolicy } from '../../core/protocol/index.ts';
import type { Backoff } from './backoff.ts';

/** Jitter window of an immediate reconnect, ms: spreads a drained edge's phones over it. */
export const RECONNECT_NOW_JITTER_MS = 500;
/** Immediate reconnects in a row (without a welcome between) before falling back to backoff. */
export const MAX_IMMEDIATE_RECONNECTS = 2;

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
}

export function retryPolicyFor(code: number): RetryPolicy {
  return closeCodeInfo(code)?.retry ?? 'backoff';
}

/** Decides the next step after a close. `url: null` means the same edge as before. */
export function closeAction(ctx: CloseContext, backoff: Backoff, random: () => number): CloseAction {
  const policy = retryPolicyFor(ctx.code);
  switch (policy) {
    case 'never':
      return { kind: 'stop' };
    case 'reload':
      // A whole crowd reloading at once would stampede the page server: wait a backoff.
      return { kind: 'reload', delayMs: backoff.next() };
    case 'redirect':
      if (ctx.redirectUrl !== null) return { kind: 'reconnect', delayMs: random() * RECONNECT_NOW_JITTER_MS, url: ctx.redirectUrl, immediate: true };
      return { kind: 'reconnect', delayMs: backoff.next(), url: null, immediate: false };
    case 'now':
      if (ctx.immediateInRow < MAX_IMMEDIATE_RECONNECTS) {
        return { kind: 'reconnect', delayMs: random() * RECONNECT_NOW_JITTER_MS, url: null, immediate: true };
      }
      return { kind: 'reconnect', delayMs: backoff.next(), url: null, immediate: false };
    case 'backoff':
      return { kind: 'reconnect', delayMs: backoff.next(), url: null, immediate: false };
  }
}
