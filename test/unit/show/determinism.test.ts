import { describe, expect, test } from 'bun:test';
import { colorAt, colorAtInto, compileShow, EFFECT_KIND_IDS, EFFECT_KINDS, effectKindFromId, hashUnit } from '../../../src/core/show/index.ts';
import { cue, seatAt, showWith } from './helpers.ts';

const show = showWith([
  [cue({ kind: 'gradient', angle: 30, length: 200, origin: { x: -100, y: -100 }, stops: [{ at: 0, color: '#112233' }, { at: 1, color: '#ddeeff' }] })],
  [cue({ kind: 'sparkle', color: '#ffffff', density: 0.2, rateHz: 12, decay: 0.5 }, { blend: 'screen' })],
  [cue({ kind: 'ripple', color: '#ff00ff', center: { x: 3, y: -4 }, speed: 20, width: 5, rings: 3 }, { blend: 'add', opacity: 0.7 })],
]);

describe('determinism', () => {
  test('determinism - same inputs give the same colour, across separately compiled copies', () => {
    const copy = compileShow(structuredClone(show));
    for (let i = 0; i < 500; i++) {
      const seat = seatAt(((i * 37) % 200) - 100, ((i * 53) % 200) - 100, i);
      const t = i * 17.3;
      const a = colorAt(show, t, seat, 99);
      expect(colorAt(show, t, seat, 99)).toEqual(a);
      expect(colorAt(copy, t, seat, 99)).toEqual(a);
    }
  });

  test('determinism - colorAtInto matches colorAt and writes integers', () => {
    const out = new Float32Array(3);
    const seat = seatAt(12.3, -45.6, 777);
    colorAtInto(out, show, 3_210, seat, 5);
    expect(Array.from(out)).toEqual(colorAt(show, 3_210, seat, 5));
    expect(Array.from(out).every(Number.isInteger)).toBe(true);
  });

  test('determinism - different device seeds give different sparkle across seats', () => {
    const row = (seed: number) => Array.from({ length: 200 }, (_, i) => colorAt(show, 1_000, seatAt(0, 0, i), seed).join('/')).join(' ');
    expect(row(1)).toBe(row(1));
    expect(row(1)).not.toBe(row(2));
  });

  test('hash - hashUnit is repeatable, sensitive to every input and spread over [0, 1)', () => {
    const xs = Array.from({ length: 1_000 }, (_, i) => hashUnit(i, 7, 3, 42));
    expect(Array.from({ length: 1_000 }, (_, i) => hashUnit(i, 7, 3, 42))).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.05);
    expect(hashUnit(1, 2, 3, 4)).not.toBe(hashUnit(1, 2, 3, 5));
    expect(hashUnit(1, 2, 3, 4)).not.toBe(hashUnit(1, 2, 4, 4));
    expect(hashUnit(1, 2, 3, 4)).not.toBe(hashUnit(1, 3, 3, 4));
    expect(hashUnit(1, 2, 3, 4)).not.toBe(hashUnit(2, 2, 3, 4));
  });

  test('effect kinds - numeric ids are the protocol numbers', () => {
    expect(EFFECT_KIND_IDS).toEqual({ blackout: 0, solid: 1, fade: 2, strobe: 3, pulse: 4, wave: 5, ripple: 6, gradient: 7, sparkle: 8, image: 9 });
    EFFECT_KINDS.forEach((kind, id) => expect(EFFECT_KIND_IDS[kind] as number).toBe(id));
    expect(effectKindFromId(9)).toBe('image');
    expect(effectKindFromId(10)).toBeUndefined();
    expect(effectKindFromId(1.5)).toBeUndefined();
  });
});
