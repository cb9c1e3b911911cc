import { describe, expect, test } from 'bun:test';
import { colorAtInstant, colorAtInstantInto, pause, play, setBlackout, STOPPED, type LiveCue } from '../../../src/core/show/index.ts';
import { cue, seatAt, showWith } from './helpers.ts';

const show = showWith([
  [cue({ kind: 'solid', color: '#0000ff' }, { at: 0, duration: 10_000 })],
  [cue({ kind: 'solid', color: '#00ff00' }, { at: 10_000, duration: 10_000 })],
]);
const north = seatAt(0, 60, 1, '101', ['north']);
const south = seatAt(0, -60, 2, '111', ['south']);
const redNorth: LiveCue = {
  id: 'flash',
  effect: { kind: 'solid', color: '#ff0000' },
  target: { zones: ['north'] },
  startControllerMs: 105_000,
  durationMs: 1_000,
};

describe('live cues and frame state', () => {
  const playing = play(STOPPED, 100_000); // show time = controller time - 100 s

  test('frame - timeline follows the transport position', () => {
    expect(colorAtInstant(show, playing, [], 101_000, south, 0)).toEqual([0, 0, 255]);
    expect(colorAtInstant(show, playing, [], 111_000, south, 0)).toEqual([0, 255, 0]);
    expect(colorAtInstant(show, STOPPED, [], 101_000, south, 0)).toEqual([0, 0, 0]);
  });

  test('live cues - drawn over the timeline, in controller time, on their target only', () => {
    expect(colorAtInstant(show, playing, [redNorth], 105_500, north, 0)).toEqual([255, 0, 0]);
    expect(colorAtInstant(show, playing, [redNorth], 105_500, south, 0)).toEqual([0, 0, 255]);
    expect(colorAtInstant(show, playing, [redNorth], 104_999, north, 0)).toEqual([0, 0, 255]);
    expect(colorAtInstant(show, playing, [redNorth], 106_000, north, 0)).toEqual([0, 0, 255]);
  });

  test('live cues - keep running while paused or stopped, unaffected by seeks', () => {
    const paused = pause(playing, 102_000);
    expect(colorAtInstant(show, paused, [redNorth], 105_500, north, 0)).toEqual([255, 0, 0]);
    expect(colorAtInstant(show, STOPPED, [redNorth], 105_500, north, 0)).toEqual([255, 0, 0]);
  });

  test('live cues - open-ended cues run until removed; effect time starts at the cue start', () => {
    const fade: LiveCue = {
      id: 'fade',
      effect: { kind: 'fade', from: '#000000', to: '#ffffff', durationMs: 2_000 },
      startControllerMs: 200_000,
      durationMs: null,
      blend: 'max',
    };
    expect(colorAtInstant(show, STOPPED, [fade], 201_000, south, 0)).toEqual([128, 128, 128]);
    expect(colorAtInstant(show, STOPPED, [fade], 900_000, south, 0)).toEqual([255, 255, 255]);
    expect(colorAtInstant(show, STOPPED, [], 900_000, south, 0)).toEqual([0, 0, 0]);
  });

  test('blackout - overrides timeline and live cues', () => {
    const dark = setBlackout(playing, 105_000, true);
    expect(colorAtInstant(show, dark, [redNorth], 105_500, north, 0)).toEqual([0, 0, 0]);
    expect(colorAtInstant(show, setBlackout(dark, 105_200, false), [redNorth], 105_500, north, 0)).toEqual([255, 0, 0]);
  });

  test('frame - the allocation-free form writes at an offset', () => {
    const out = new Uint8ClampedArray(8);
    colorAtInstantInto(out, show, playing, [redNorth], 105_500, north, 0, 4);
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 255, 0, 0, 0]);
  });
});

describe('whole-venue frames', () => {
  test('frame - renderSeatsInto paints every seat like colorAtInstant with the seat-index seed', async () => {
    const { demoStadium } = await import('../../../src/core/venue/index.ts');
    const { renderSeatsInto, seatDeviceSeed } = await import('../../../src/core/show/index.ts');
    const v = demoStadium();
    const sparkly = showWith([[cue({ kind: 'sparkle', color: '#ffffff', density: 0.5 })]]);
    const transport = play(STOPPED, 0);
    const out = new Uint8ClampedArray(v.seatCount * 4);
    renderSeatsInto(out, 4, sparkly, transport, [redNorth], 105_500, v);
    for (let i = 0; i < v.seatCount; i += 1_013) {
      const expected = colorAtInstant(sparkly, transport, [redNorth], 105_500, v.seat(i), seatDeviceSeed(i));
      expect(Array.from(out.slice(i * 4, i * 4 + 3))).toEqual(expected);
    }
    expect(out[3]).toBe(0); // alpha untouched
  });
});
