import { describe, expect, test } from 'bun:test';
import { createSeededRandom } from '../../../src/core/clock/index.ts';
import { CloseCode } from '../../../src/core/protocol/index.ts';
import { Backoff } from '../../../src/web/phone/backoff.ts';
import { MAX_IMMEDIATE_RECONNECTS, RECONNECT_NOW_JITTER_MS, closeAction } from '../../../src/web/phone/reconnect-policy.ts';

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

  test('reconnect policy - version mismatch and auth failure reload after a backoff; session replaced stops', () => {
    const b = new Backoff(random);
    expect(closeAction(ctx(CloseCode.VersionMismatch), b, random)).toEqual({ kind: 'reload', delayMs: 250 });
    expect(closeAction(ctx(CloseCode.AuthFailed), b, random)).toEqual({ kind: 'reload', delayMs: 500 });
    expect(closeAction(ctx(CloseCode.SessionReplaced), b, random)).toEqual({ kind: 'stop' });
  });

  test('reconnect policy - protocol errors, edge-full and network closes (1006, 1009) back off exponentially', () => {
    const b = new Backoff(random);
    const delays = [CloseCode.MalformedFrame, CloseCode.EdgeFull, 1006, 1009, 1001].map((code) => {
      const a = closeAction(ctx(code), b, random);
      expect(a.kind).toBe('reconnect');
      return a.kind === 'reconnect' ? a.delayMs : -1;
    });
    expect(delays).toEqual([250, 500, 1000, 2000, 4000]);
  });
});
