import { describe, expect, test } from 'bun:test';
import { colorAt, colorAtInto, compileShow, activeCuesAt, MAX_TIME_BUCKETS, type BlendMode } from '../../../src/core/show/index.ts';
import { demoStadium } from '../../../src/core/venue/index.ts';
import { cue, seatAt, showWith } from './helpers.ts';

const base = cue({ kind: 'solid', color: '#646464' }); // (100, 100, 100)
const over = (blend: BlendMode, opacity = 1) =>
  showWith([[base], [cue({ kind: 'solid', color: '#6432c8' }, { blend, opacity })]]); // (100, 50, 200)
const px = (show: ReturnType<typeof showWith>) => colorAt(show, 100, seatAt(0, 0), 0);

describe('compositing', () => {
  test('blend - replace, add, multiply, max and screen combine with the layer below', () => {
    expect(px(over('replace'))).toEqual([100, 50, 200]);
    expect(px(over('add'))).toEqual([200, 150, 255]);
    expect(px(over('multiply'))).toEqual([39, 20, 78]);
    expect(px(over('max'))).toEqual([100, 100, 200]);
    expect(px(over('screen'))).toEqual([161, 130, 222]);
  });

  test('blend - opacity mixes the blended result with the layer below', () => {
    expect(px(over('replace', 0.5))).toEqual([100, 75, 150]);
    expect(px(over('add', 0.5))).toEqual([150, 125, 178]);
  });

  test('blend - transparent parts of an effect leave the layer below untouched', () => {
    const show = showWith([[base], [cue({ kind: 'wave', color: '#ff0000', angle: 0, speed: 1, width: 1 })]]);
    expect(colorAt(show, 0, seatAt(50, 0), 0)).toEqual([100, 100, 100]);
  });

  test('layering - later tracks draw over earlier ones; within a track later cues are on top', () => {
    const show = showWith([
      [cue({ kind: 'solid', color: '#0000ff' }, { at: 2_000 }), cue({ kind: 'solid', color: '#00ff00' }, { at: 0 })],
    ]);
    expect(colorAt(show, 1_000, seatAt(0, 0), 0)).toEqual([0, 255, 0]);
    expect(colorAt(show, 3_000, seatAt(0, 0), 0)).toEqual([0, 0, 255]);
    const muted = showWith([[base]]);
    muted.tracks.push({ mute: true, cues: [cue({ kind: 'solid', color: '#ffffff' })] });
    expect(colorAt(muted, 0, seatAt(0, 0), 0)).toEqual([100, 100, 100]);
  });

  test('target - zone and section targets paint only their seats', () => {
    const show = showWith([
      [base],
      [cue({ kind: 'solid', color: '#ff0000' }, { target: { zones: ['north'] } })],
      [cue({ kind: 'solid', color: '#0000ff' }, { target: { sections: ['205'] } })],
      [cue({ kind: 'solid', color: '#00ff00' }, { target: { zones: [], sections: [] } })],
    ]);
    const northSeat = seatAt(0, 60, 1, '101', ['north', 'lower']);
    const eastSeat = seatAt(60, 0, 2, '105', ['east', 'lower']);
    const section205 = seatAt(80, -10, 3, '205', ['east', 'upper']);
    expect(colorAt(show, 0, northSeat, 0)).toEqual([255, 0, 0]);
    expect(colorAt(show, 0, eastSeat, 0)).toEqual([100, 100, 100]);
    expect(colorAt(show, 0, section205, 0)).toEqual([0, 0, 255]);
  });

  test('timeline - only cues whose window contains t are active, found through the bucket index', () => {
    const cues = Array.from({ length: 50 }, (_, i) => cue({ kind: 'solid', color: '#ffffff' }, { at: i * 1_000, duration: 1_500 }));
    const compiled = compileShow(showWith([cues]), 1_000);
    expect(activeCuesAt(compiled, 10_200).map((c) => c.start)).toEqual([9_000, 10_000]);
    expect(activeCuesAt(compiled, 10_600).map((c) => c.start)).toEqual([10_000]);
    expect(activeCuesAt(compiled, -1)).toEqual([]);
    expect(activeCuesAt(compiled, 99_999)).toEqual([]);
  });

  test('timeline - a very long show gets wider buckets, not more of them', () => {
    const end = 1e12;
    const show = showWith([[cue({ kind: 'solid', color: '#ffffff' }, { at: end - 5_000, duration: 5_000 })]], { durationMs: end });
    const compiled = compileShow(show);
    expect(compiled.buckets.length).toBeLessThanOrEqual(MAX_TIME_BUCKETS + 1);
    expect(colorAt(compiled, end - 1, seatAt(0, 0), 0)).toEqual([255, 255, 255]);
    expect(colorAt(compiled, end - 5_001, seatAt(0, 0), 0)).toEqual([0, 0, 0]);
    // Ordinary shows keep the requested bucket width.
    expect(compileShow(showWith([[base]]), 1_000).bucketMs).toBe(1_000);
  });

  test('render - channels are always integers in 0..255, even for a seat without a position', () => {
    const show = showWith([[cue({ kind: 'gradient', angle: 0, length: 10, stops: [{ at: 0, color: '#000000' }, { at: 1, color: '#ffffff' }] })]]);
    expect(colorAt(show, 100, seatAt(Number.NaN, 0), 0)).toEqual([0, 0, 0]);
    expect(colorAt(show, 100, seatAt(5, 0), 0)).toEqual([128, 128, 128]);
  });

  test('render - colorAt accepts a compiled show and gives the same pixel', () => {
    const show = over('screen');
    expect(colorAt(compileShow(show), 100, seatAt(0, 0), 0)).toEqual(px(show));
  });

  test('target - zone targets over a whole venue, walked with one reused seat cursor', () => {
    const v = demoStadium();
    const show = compileShow(
      showWith([
        [cue({ kind: 'solid', color: '#ff0000' }, { target: { zones: ['pitch-side'] } })],
        [cue({ kind: 'solid', color: '#0000ff' }, { target: { sections: ['205', '101'] }, blend: 'add' })],
      ]),
    );
    const pitchSide = new Set(v.zone('pitch-side')!.sections);
    const cursor = v.newCursor();
    const rgb = [0, 0, 0];
    let mismatches = 0;
    for (let i = 0; i < v.seatCount; i++) {
      // Walk sections in a scrambled order so the per-cue cache sees every kind of change.
      const index = (i * 7919) % v.seatCount;
      colorAtInto(rgb, show, 0, v.seatInto(cursor, index), 0);
      const red = pitchSide.has(cursor.section) ? 255 : 0;
      const blue = cursor.section === '205' || cursor.section === '101' ? 255 : 0;
      if (rgb[0] !== red || rgb[2] !== blue) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
