import { describe, expect, test } from 'bun:test';
import { pause, play, seek, setBlackout, setRate, showPositionAt, stop, STOPPED, TransportError, transportAt } from '../../../src/core/show/index.ts';
import { decodeServerMessage, encode, MAX_TRANSPORT_RATE, type TransportStateMessage } from '../../../src/core/protocol/index.ts';

describe('transport', () => {
  test('transport - stopped has no position', () => {
    expect(showPositionAt(STOPPED, 12_345)).toBeNull();
  });

  test('transport - play runs from the anchor at the rate', () => {
    const t = play(STOPPED, 1_000);
    expect(showPositionAt(t, 1_000)).toBe(0);
    expect(showPositionAt(t, 1_500)).toBe(500);
    expect(showPositionAt(t, 61_000)).toBe(60_000);
  });

  test('transport - pause holds the position reached', () => {
    const t = pause(play(STOPPED, 1_000), 4_000);
    expect(t.mode).toBe('paused');
    expect(showPositionAt(t, 4_000)).toBe(3_000);
    expect(showPositionAt(t, 90_000)).toBe(3_000);
    const resumed = play(t, 10_000);
    expect(showPositionAt(resumed, 10_250)).toBe(3_250);
  });

  test('transport - seek keeps playing when playing, pauses otherwise', () => {
    const playing = seek(play(STOPPED, 0), 5_000, 30_000);
    expect(playing.mode).toBe('playing');
    expect(showPositionAt(playing, 6_000)).toBe(31_000);
    const fromStop = seek(STOPPED, 5_000, 30_000);
    expect(fromStop.mode).toBe('paused');
    expect(showPositionAt(fromStop, 9_000)).toBe(30_000);
  });

  test('transport - rate changes re-anchor without a jump', () => {
    const t = play(STOPPED, 0);
    const fast = setRate(t, 2_000, 2);
    expect(showPositionAt(fast, 2_000)).toBe(2_000);
    expect(showPositionAt(fast, 3_000)).toBe(4_000);
    const half = play(STOPPED, 0, 0.5);
    expect(showPositionAt(half, 1_000)).toBe(500);
  });

  test('transport - rates are the wire rates: float32-exact and at most MAX_TRANSPORT_RATE', () => {
    const t = play(STOPPED, 0, 1.1);
    expect(t.rate).toBe(Math.fround(1.1));
    expect(setRate(t, 10, 0.3).rate).toBe(Math.fround(0.3));
    // What the controller computes is what a phone computes from the decoded frame.
    const frame = encode({ type: 'transportState', epoch: 1, seq: 1, mode: 'playing', blackout: false, showId: 1, showVersion: 1, anchorControllerMs: t.anchorControllerMs, anchorShowMs: t.anchorShowMs, rate: t.rate });
    const decoded = decodeServerMessage(frame) as TransportStateMessage;
    expect(showPositionAt({ ...decoded, mode: 'playing' }, 123_456.789)).toBe(showPositionAt(t, 123_456.789));
    expect(play(STOPPED, 0, MAX_TRANSPORT_RATE).rate).toBe(MAX_TRANSPORT_RATE);
    for (const bad of [MAX_TRANSPORT_RATE * 1.01, 1e-50, Infinity]) {
      expect(() => play(STOPPED, 0, bad)).toThrow(TransportError);
      expect(() => setRate(t, 0, bad)).toThrow(TransportError);
    }
  });

  test('transport - stop returns to stopped, blackout survives and overlays any mode', () => {
    const t = setBlackout(play(STOPPED, 0), 50, true);
    expect(t.blackout).toBe(true);
    expect(showPositionAt(t, 100)).toBe(100); // timeline keeps running under blackout
    const s = stop(t, 200);
    expect(s.mode).toBe('stopped');
    expect(s.blackout).toBe(true);
    expect(setBlackout(s, 300, false).blackout).toBe(false);
  });

  test('transport - every operation takes effect at its instant, so any change can be sent ahead', () => {
    const running = play(STOPPED, 1_000);
    const at = 10_000;
    const changes = [
      stop(running, at),
      setBlackout(running, at, true),
      pause(running, at),
      seek(running, at, 50_000),
      setRate(running, at, 2),
      setRate(pause(running, 5_000), at, 2),
      play(pause(running, 5_000), at),
    ];
    for (const next of changes) {
      expect(next.anchorControllerMs).toBe(at);
      // Before the instant the previous transport is in force, from it the new one.
      expect(transportAt(running, next, at - 1)).toBe(running);
      expect(transportAt(running, next, at)).toBe(next);
    }
    // Blackout and rate changes do not move the timeline at their instant.
    expect(showPositionAt(setBlackout(running, at, true), at + 500)).toBe(showPositionAt(running, at + 500));
    expect(showPositionAt(setRate(running, at, 2), at)).toBe(showPositionAt(running, at));
    expect(() => stop(running, Number.NaN)).toThrow(TransportError);
    expect(() => setBlackout(running, Number.POSITIVE_INFINITY, true)).toThrow(TransportError);
  });

  test('transport - bad rate or time throws TransportError with a code', () => {
    expect(() => play(STOPPED, 0, 0)).toThrow(TransportError);
    let caught: unknown = null;
    try {
      setRate(STOPPED, 0, -1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(TransportError);
    expect((caught as TransportError).code).toBe('invalid-rate');
    expect(() => seek(STOPPED, Number.NaN, 0)).toThrow('atControllerMs must be a finite number of ms');
  });
});
