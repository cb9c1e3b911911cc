import { describe, expect, test } from 'bun:test';
import { createSeededRandom } from '../../../src/core/clock/index.ts';
import { CloseCode } from '../../../src/core/protocol/index.ts';
import { Backoff } from '../../../src/web/phone/backoff.ts';
import {
  MAX_IMMEDIATE_RECONNECTS,
  RECONNECT_NOW_JITTER_MS,
  REFUSED_MAX_MS,
  REFUSED_MIN_MS,
  RELOAD_MAX_MS,
  RELOAD_MIN_MS,
  closeAction,
} from '../../../src/web/phone/reconnect-policy.ts';

describe('phone backoff', () => {
  test('backoff - without jitter delays double from 250 ms and stop at 10 s', () => {
    const b = new Backoff(() => 0.5, { jitter: 0.5 }); // 0.5 is the centre of the jitter: factor 1
    const delays = Array.from({ length: 9 }, () => b.next());
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(b.attempts).toBe(9);
  });

  test('backoff - jitter keeps every delay within ±50 % of its step and spreads them', () => {
    const b = new Backoff(createSeededRandom(7));
    const seen: number[] = [];
    for (let run = 0; run < 200; run++) {
      b.reset();
      const d = b.next();
      expect(d).toBeGreaterThanOrEqual(125);
      expect(d).toBeLessThanOrEqual(375);
      seen.push(d);
      for (let i = 0; i < 8; i++) {
        const later = b.next();
        expect(later).toBeLessThanOrEqual(15000);
      }
    }
    // 200 phones dropped together do not come back together.
    expect(new Set(seen.map((d) => Math.round(d))).size).toBeGreaterThan(100);
  });

  test('backoff - reset starts again from the base delay', () => {
    const b = new Backoff(() => 0.5);
    b.next();
    b.next();
    b.next();
    b.reset();
    expect(b.next()).toBe(250);
  });
});

describe('phone reconnect policy', () => {
  const random = () => 0.5;
  const ctx = (code: number, redirectUrl: string | null = null, immediateInRow = 0) => ({ code, redirectUrl, immediateInRow });

  test('reconnect policy - draining reconnects at once with a small jitter, then backs off if it keeps happening', () => {
    const b = new Backoff(random);
    const first = closeAction(ctx(CloseCode.Draining), b, random);
    expect(first).toEqual({ kind: 'reconnect', delayMs: 0.5 * RECONNECT_NOW_JITTER_MS, url: null, immediate: true });
    expect(b.attempts).toBe(0);
    const again = closeAction(ctx(CloseCode.Draining, null, MAX_IMMEDIATE_RECONNECTS), b, random);
    expect(again).toEqual({ kind: 'reconnect', delayMs: 250, url: null, immediate: false });
  });

  test('reconnect policy - redirect follows the redirect frame URL, and backs off without one', () => {
    const b = new Backoff(random);
    expect(closeAction(ctx(CloseCode.Redirect, 'ws://edge-7/ws'), b, random)).toEqual({
      kind: 'reconnect',
      delayMs: 0.5 * RECONNECT_NOW_JITTER_MS,
      url: 'ws://edge-7/ws',
      immediate: true,
    });
    expect(closeAction(ctx(CloseCode.Redirect), b, random)).toEqual({ kind: 'reconnect', delayMs: 250, url: null, immediate: false });
  });

  test('reconnect policy - version mismatch and auth failure reload spread over seconds, not in the same second; session replaced stops', () => {
    const b = new Backoff(random);
    expect(closeAction(ctx(CloseCode.VersionMismatch), b, random)).toEqual({ kind: 'reload', delayMs: (RELOAD_MIN_MS + RELOAD_MAX_MS) / 2 });
    expect(closeAction(ctx(CloseCode.AuthFailed), b, random)).toEqual({ kind: 'reload', delayMs: (RELOAD_MIN_MS + RELOAD_MAX_MS) / 2 });
    expect(closeAction(ctx(CloseCode.SessionReplaced), b, random)).toEqual({ kind: 'stop' });
    // A stadium told to reload after a deploy: 1,000 phones over the window, at most a few
    // percent of them in any one second.
    const r = createSeededRandom(11);
    const perSecond = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const a = closeAction(ctx(CloseCode.VersionMismatch), new Backoff(r), r);
      const d = a.kind === 'reload' ? a.delayMs : -1;
      expect(d).toBeGreaterThanOrEqual(RELOAD_MIN_MS);
      expect(d).toBeLessThanOrEqual(RELOAD_MAX_MS);
      perSecond.set(Math.floor(d / 1000), (perSecond.get(Math.floor(d / 1000)) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThan(100);
  });

  test('reconnect policy - a socket that never opened (a refused upgrade) waits as the edge\'s Retry-After would say, not 250 ms', () => {
    const r = createSeededRandom(3);
    const first: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const a = closeAction({ ...ctx(1006), opened: false }, new Backoff(r), r);
      first.push(a.kind === 'reconnect' ? a.delayMs : -1);
    }
    expect(Math.min(...first)).toBeGreaterThanOrEqual(REFUSED_MIN_MS);
    expect(Math.max(...first)).toBeLessThanOrEqual(REFUSED_MAX_MS);
    // Spread over the whole window: no second of it gets more than a fifth of the crowd.
    const perSecond = new Map<number, number>();
    for (const d of first) perSecond.set(Math.floor(d / 1000), (perSecond.get(Math.floor(d / 1000)) ?? 0) + 1);
    expect(perSecond.size).toBe(9);
    expect(Math.max(...perSecond.values())).toBeLessThan(200);
    // Once the backoff step is longer, it wins; a dropped (opened) socket keeps the short step.
    const b = new Backoff(random);
    for (let i = 0; i < 6; i++) b.next(); // next step: 10 s
    expect(closeAction({ ...ctx(1006), opened: false }, b, () => 0)).toMatchObject({ delayMs: 10_000 });
    expect(closeAction({ ...ctx(1006), opened: true }, new Backoff(random), random)).toMatchObject({ delayMs: 250 });
  });

  test('reconnect policy - protocol errors and network closes (1006, 1009) back off exponentially; edge-full waits like a refused upgrade', () => {
    const b = new Backoff(random);
    const delays = [CloseCode.MalformedFrame, CloseCode.EdgeFull, 1006, 1009, 1001].map((code) => {
      const a = closeAction(ctx(code), b, random);
      expect(a.kind).toBe('reconnect');
      return a.kind === 'reconnect' ? a.delayMs : -1;
    });
    expect(delays).toEqual([250, (REFUSED_MIN_MS + REFUSED_MAX_MS) / 2, 1000, 2000, 4000]);
  });
});
