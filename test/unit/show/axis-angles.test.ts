import { describe, expect, test } from 'bun:test';
import { colorAt, compileShow, effectFromWire, effectToWire, play, renderSeatsInto, STOPPED, type Show } from '../../../src/core/show/index.ts';
import { demoStadium } from '../../../src/core/venue/index.ts';
import { seatAt, single } from './helpers.ts';

/**
 * Angles that are whole quarter turns are exact in the renderer (cos 90deg is 0, not 6e-17),
 * so effects that differ only by a whole turn, or that point along an axis, give exactly the
 * pixels geometry says they should.
 */

function frame(show: Show, atMs: number): Uint8Array {
  const venue = demoStadium();
  const out = new Uint8Array(venue.seatCount * 3);
  renderSeatsInto(out, 3, compileShow(show), play(STOPPED, 0), [], atMs, venue);
  return out;
}

const imageShow = (rotation: number): Show => ({
  ...single({ kind: 'image', asset: 'word', box: { x: -110, y: -35, width: 220, height: 70 }, rotation }),
  assets: { word: { kind: 'text', text: 'AB', color: '#ffffff' } },
});

describe('axis angles', () => {
  test('wave - a wave heading due north lights a whole row (same y) at the same instant', () => {
    const show = single({ kind: 'wave', color: '#ffffff', angle: 90, speed: 8, width: 4, tail: 0 });
    const compiled = compileShow(show);
    let lit = 0;
    for (let t = 0; t <= 8_000; t += 125) {
      const colours = new Set<string>();
      for (let x = -120; x <= 120; x += 0.5) colours.add(colorAt(compiled, t, seatAt(x, 16), 0).join());
      expect({ t, colours: colours.size }).toEqual({ t, colours: 1 });
      if (colours.has('255,255,255')) lit++;
    }
    expect(lit).toBeGreaterThan(0); // the band did pass over the row
  });

  test('image - rotating a picture by a whole turn, or by -180 instead of 180, changes no seat', () => {
    const plain = frame(imageShow(0), 500);
    expect(plain.some((v) => v === 255)).toBe(true); // the picture is on the seats
    expect(frame(imageShow(360), 500)).toEqual(plain);
    expect(frame(imageShow(-180), 500)).toEqual(frame(imageShow(180), 500));
  });

  test('live cues - a wave or gradient along an axis decodes with its origin exactly on that axis', () => {
    const wave = effectFromWire(effectToWire({ kind: 'wave', color: '#ffffff', angle: 90, speed: 8, width: 4, origin: { x: 0, y: -30 } }));
    const gradient = effectFromWire(effectToWire({ kind: 'gradient', angle: 180, length: 50, origin: { x: 12, y: 0 }, stops: [{ at: 0, color: '#000000' }, { at: 1, color: '#ffffff' }] }));
    if (wave.kind !== 'wave' || gradient.kind !== 'gradient') throw new Error('kinds changed on the wire');
    // `=== 0` also accepts -0, which is the same line (x - (-0) is x).
    expect([wave.origin!.x === 0, wave.origin!.y]).toEqual([true, -30]);
    expect([gradient.origin!.x, gradient.origin!.y === 0]).toEqual([12, true]);
  });
});
