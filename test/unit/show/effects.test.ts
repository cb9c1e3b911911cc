import { describe, expect, test } from 'bun:test';
import { colorAt, type Effect, type Show } from '../../../src/core/show/index.ts';
import { seatAt, showWith, single } from './helpers.ts';

const origin = seatAt(0, 0);
const at = (show: Show, t: number, seat = origin, seed = 1) => colorAt(show, t, seat, seed);

describe('effects', () => {
  test('solid - paints its colour everywhere it is targeted', () => {
    const show = single({ kind: 'solid', color: '#ff8000' });
    expect(at(show, 0)).toEqual([255, 128, 0]);
    expect(at(show, 9_999, seatAt(120, -80))).toEqual([255, 128, 0]);
    expect(at(show, 10_000)).toEqual([0, 0, 0]); // cue window is [at, at + duration)
  });

  test('solid - short #rgb colours expand per channel', () => {
    expect(at(single({ kind: 'solid', color: '#f80' }), 0)).toEqual([255, 136, 0]);
  });

  test('fade - linear midpoint is halfway between the colours', () => {
    const show = single({ kind: 'fade', from: '#000000', to: '#ffffff' });
    expect(at(show, 0)).toEqual([0, 0, 0]);
    expect(at(show, 5_000)).toEqual([128, 128, 128]); // 127.5 rounds up
    expect(at(show, 9_999)).toEqual([255, 255, 255]);
  });

  test('fade - easing curves shape the midpoint', () => {
    const mid = (easing: 'ease-in' | 'ease-out' | 'ease-in-out' | 'step') =>
      at(single({ kind: 'fade', from: '#000000', to: '#ff0000', easing }), 5_000)[0];
    expect(mid('ease-in')).toBe(64); // 0.25 * 255
    expect(mid('ease-out')).toBe(191); // 0.75 * 255
    expect(mid('ease-in-out')).toBe(128);
    expect(mid('step')).toBe(0);
  });

  test('fade - explicit durationMs overrides the cue length', () => {
    const show = single({ kind: 'fade', from: '#000000', to: '#0000ff', durationMs: 2_000 });
    expect(at(show, 1_000)).toEqual([0, 0, 128]);
    expect(at(show, 5_000)).toEqual([0, 0, 255]);
  });

  test('strobe - on for the duty fraction of each period', () => {
    const show = single({ kind: 'strobe', color: '#ffffff', rateHz: 2, duty: 0.25, background: '#000040' });
    expect(at(show, 0)).toEqual([255, 255, 255]);
    expect(at(show, 124)).toEqual([255, 255, 255]);
    expect(at(show, 125)).toEqual([0, 0, 64]);
    expect(at(show, 499)).toEqual([0, 0, 64]);
    expect(at(show, 500)).toEqual([255, 255, 255]);
    expect(at(show, 1_630)).toEqual([0, 0, 64]); // phase 0.26
  });

  test('pulse - peaks on the beat and bottoms out between beats', () => {
    const show = single({ kind: 'pulse', color: '#00ff00', bpm: 120, shape: 'sine' });
    expect(at(show, 0)).toEqual([0, 255, 0]);
    expect(at(show, 250)).toEqual([0, 0, 0]);
    expect(at(show, 500)).toEqual([0, 255, 0]);
    expect(at(show, 125)).toEqual([0, 128, 0]); // 0.5 level (coverage over black)
  });

  test('pulse - defaults to the show bpm and respects floor', () => {
    const show = single({ kind: 'pulse', color: '#ffffff', shape: 'square', floor: 0.2 }, {}, { bpm: 60 });
    expect(at(show, 400)).toEqual([255, 255, 255]);
    expect(at(show, 600)).toEqual([51, 51, 51]);
    expect(at(show, 1_000)).toEqual([255, 255, 255]);
  });

  test('wave - a seat d metres along the direction lights at t = d / speed', () => {
    const speed = 12.5;
    const cases: [Effect, ReturnType<typeof seatAt>, number][] = [
      [{ kind: 'wave', color: '#ffffff', angle: 0, speed, width: 6 }, seatAt(50, 33), 50],
      [{ kind: 'wave', color: '#ffffff', angle: 90, speed, width: 6 }, seatAt(-20, 75), 75],
      [{ kind: 'wave', color: '#ffffff', angle: 180, speed, width: 6, origin: { x: 60, y: 0 } }, seatAt(-25, 4), 85],
      [{ kind: 'wave', color: '#ffffff', angle: 45, speed, width: 6 }, seatAt(30, 30), 30 * Math.SQRT2],
    ];
    for (const [effect, seat, d] of cases) {
      const show = single(effect);
      const expected = (d / speed) * 1000;
      let first = -1;
      for (let t = 0; t < 10_000; t++) {
        if (at(show, t, seat)[0] > 0) {
          first = t;
          break;
        }
      }
      expect(Math.abs(first - expected)).toBeLessThanOrEqual(1);
    }
  });

  test('wave - band is width metres thick with a fading tail', () => {
    // speed 10 m/s, width 4 m, tail 0.5: seat at x = 20 is fully lit for 200 ms, then fades for 200 ms.
    const show = single({ kind: 'wave', color: '#ffffff', angle: 0, speed: 10, width: 4, tail: 0.5 });
    const seat = seatAt(20, 0);
    expect(at(show, 1_999, seat)).toEqual([0, 0, 0]);
    expect(at(show, 2_000, seat)).toEqual([255, 255, 255]);
    expect(at(show, 2_150, seat)).toEqual([255, 255, 255]);
    expect(at(show, 2_300, seat)).toEqual([128, 128, 128]); // halfway down the tail
    expect(at(show, 2_400, seat)).toEqual([0, 0, 0]);
  });

  test('wave - seats behind the origin are never reached, even within a band width of it', () => {
    const show = single({ kind: 'wave', color: '#ffffff', angle: 0, speed: 10, width: 8, origin: { x: 0, y: 0 } });
    for (const t of [0, 100, 500, 5_000]) {
      expect(at(show, t, seatAt(-1, 0))).toEqual([0, 0, 0]);
      expect(at(show, t, seatAt(-7.9, 3))).toEqual([0, 0, 0]);
    }
    // The seat on the origin line lights at t = 0, as d / speed says.
    expect(at(show, 0, seatAt(0, 5))).toEqual([255, 255, 255]);
  });

  test('wave - periodMs restarts the front', () => {
    const show = single({ kind: 'wave', color: '#ffffff', angle: 0, speed: 10, width: 2, tail: 0, periodMs: 3_000 });
    const seat = seatAt(10, 0);
    expect(at(show, 1_000, seat)[0]).toBe(255);
    expect(at(show, 2_000, seat)[0]).toBe(0);
    expect(at(show, 4_000, seat)[0]).toBe(255);
  });

  test('ripple - ring radius is speed times time', () => {
    // centre (10, 10), 5 m/s: at t = 2 s the front is at radius 10 m; band 2 m behind it.
    const show = single({ kind: 'ripple', color: '#ff0000', center: { x: 10, y: 10 }, speed: 5, width: 2, tail: 0 });
    const ring = (r: number) => at(show, 2_000, seatAt(10 + r, 10))[0];
    expect(ring(10.5)).toBe(0); // not reached yet
    expect(ring(9.9)).toBe(255);
    expect(ring(8.1)).toBe(255);
    expect(ring(7.9)).toBe(0); // band has passed
    expect(at(show, 2_000, seatAt(10, 10 - 9))[0]).toBe(255); // same radius, other direction
  });

  test('ripple - later rings follow at the given spacing', () => {
    const show = single({ kind: 'ripple', color: '#ff0000', center: { x: 0, y: 0 }, speed: 5, width: 1, rings: 3, spacing: 4, tail: 0 });
    const lit = (r: number) => at(show, 2_000, seatAt(r, 0))[0] === 255;
    expect([9.5, 5.5, 1.5].map(lit)).toEqual([true, true, true]); // fronts at 10, 6, 2
    expect([8, 4, 0.5].map(lit)).toEqual([false, false, false]);
  });

  test('gradient - endpoints take the end stops, midpoint interpolates', () => {
    const show = single({
      kind: 'gradient',
      angle: 0,
      origin: { x: -50, y: 0 },
      length: 100,
      stops: [
        { at: 0, color: '#000000' },
        { at: 1, color: '#ffffff' },
      ],
    });
    expect(at(show, 0, seatAt(-50, 17))).toEqual([0, 0, 0]);
    expect(at(show, 0, seatAt(50, -17))).toEqual([255, 255, 255]);
    expect(at(show, 0, seatAt(0, 40))).toEqual([128, 128, 128]);
    expect(at(show, 0, seatAt(-90, 0))).toEqual([0, 0, 0]); // clamped
    expect(at(show, 0, seatAt(90, 0))).toEqual([255, 255, 255]);
  });

  test('gradient - three stops and scrolling with repeat', () => {
    const show = single({
      kind: 'gradient',
      angle: 90,
      length: 10,
      scroll: 5,
      stops: [
        { at: 0, color: '#ff0000' },
        { at: 0.5, color: '#00ff00' },
        { at: 1, color: '#0000ff' },
      ],
    });
    expect(at(show, 0, seatAt(0, 5))).toEqual([0, 255, 0]);
    expect(at(show, 1_000, seatAt(0, 10))).toEqual([0, 255, 0]); // scrolled 5 m
    expect(at(show, 0, seatAt(0, 12.5))).toEqual([128, 128, 0]); // repeats: u = 0.25
  });

  test('sparkle - density is the fraction of seats lit', () => {
    const show = single({ kind: 'sparkle', color: '#ffffff', density: 0.3, rateHz: 10 });
    for (const t of [0, 450, 3_120]) {
      let lit = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) if (at(show, t, seatAt(0, 0, i), 7)[0] > 0) lit++;
      expect(Math.abs(lit / n - 0.3)).toBeLessThan(0.02);
    }
  });

  test('sparkle - same seat and seed repeat the pattern, other seats and seeds differ', () => {
    const show = single({ kind: 'sparkle', color: '#ffffff', density: 0.5, rateHz: 10 });
    const pattern = (index: number, seed: number) =>
      Array.from({ length: 64 }, (_, slot) => at(show, slot * 100 + 50, seatAt(0, 0, index), seed)[0]).join(',');
    expect(pattern(42, 9)).toBe(pattern(42, 9));
    expect(pattern(42, 9)).not.toBe(pattern(43, 9));
    expect(pattern(42, 9)).not.toBe(pattern(42, 10));
    // Within one slot the value is constant.
    expect(at(show, 101, seatAt(0, 0, 42), 9)).toEqual(at(show, 199, seatAt(0, 0, 42), 9));
  });

  test('blackout - paints black over lower layers', () => {
    const show = showWith([
      [{ at: 0, duration: 10_000, effect: { kind: 'solid', color: '#ff0000' } }],
      [{ at: 2_000, duration: 1_000, effect: { kind: 'blackout' } }],
    ]);
    expect(at(show, 1_000)).toEqual([255, 0, 0]);
    expect(at(show, 2_500)).toEqual([0, 0, 0]);
    expect(at(show, 3_000)).toEqual([255, 0, 0]);
  });

  test('fade-in, fade-out and opacity shape a cue', () => {
    const show = showWith([[{ at: 1_000, duration: 4_000, fadeInMs: 1_000, fadeOutMs: 2_000, opacity: 0.8, effect: { kind: 'solid', color: '#ffffff' } }]]);
    expect(at(show, 1_500)).toEqual([102, 102, 102]); // 0.5 * 0.8
    expect(at(show, 2_500)).toEqual([204, 204, 204]);
    expect(at(show, 4_000)).toEqual([102, 102, 102]); // 1 s of 2 s fade-out left
  });
});
