import { describe, expect, test } from 'bun:test';
import { parseEffect } from '../../../src/core/show/index.ts';
import { effectFromWire, effectToWire } from '../../../src/core/show/runtime.ts';
import {
  buildEffect,
  CueDesignError,
  DEFAULT_DESIGN,
  effectWarnings,
  geometryFromBounds,
  LIVE_EFFECT_KINDS,
  type CueDesign,
} from '../../../src/web/console/cue-design.ts';
import { PALETTE_PRESETS } from '../../../src/web/console/palette-presets.ts';

/** Numbers as the wire's float32 carries them, recursively. */
function roundFloats(v: unknown): unknown {
  if (typeof v === 'number') return Math.fround(v) + 0; // -0 and 0 place a seat alike
  if (Array.isArray(v)) return v.map(roundFloats);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundFloats(x)]));
  return v;
}

const design = (d: Partial<CueDesign>): CueDesign => ({ ...DEFAULT_DESIGN, ...d });

function designError(d: Partial<CueDesign>): CueDesignError {
  try {
    buildEffect(design(d));
  } catch (err) {
    if (err instanceof CueDesignError) return err;
    throw err;
  }
  throw new Error('expected a CueDesignError');
}

describe('console cue design', () => {
  test('cue design - every live kind, with and without background, is a valid show effect', () => {
    for (const kind of LIVE_EFFECT_KINDS) {
      for (const useBackground of [false, true]) {
        const effect = buildEffect(design({ kind, useBackground, color2: '#102030' }));
        expect(effect.kind).toBe(kind);
        expect(parseEffect(effect)).toEqual(effect);
      }
    }
  });

  test('cue design - the live-cue wire carries every field a design sets (float32 aside)', () => {
    const designs = [
      ...LIVE_EFFECT_KINDS.flatMap((kind) => [design({ kind }), design({ kind, useBackground: true, angle: 90, speed: 12 })]),
      ...PALETTE_PRESETS.map((p) => p.design),
    ];
    for (const d of designs) {
      const effect = buildEffect(d) as unknown as Record<string, unknown>;
      const back = effectFromWire(effectToWire(buildEffect(d))) as unknown as Record<string, unknown>;
      for (const key of Object.keys(effect)) expect({ key, value: roundFloats(back[key]) }).toEqual({ key, value: roundFloats(effect[key]) });
    }
  });

  test('cue design - every palette preset builds a valid effect', () => {
    expect(PALETTE_PRESETS.length).toBeGreaterThanOrEqual(9);
    const ids = new Set(PALETTE_PRESETS.map((p) => p.id));
    expect(ids.size).toBe(PALETTE_PRESETS.length);
    for (const p of PALETTE_PRESETS) {
      const effect = buildEffect(p.design);
      expect(parseEffect(effect)).toEqual(effect);
    }
  });

  test('cue design - solid keeps the colour, lower-cased', () => {
    expect(buildEffect(design({ kind: 'solid', color: '#FF8800' }))).toEqual({ kind: 'solid', color: '#ff8800' });
  });

  test('cue design - a wave starts at the venue edge opposite its direction', () => {
    const geo = { centerX: 10, centerY: -5, radius: 100 };
    const east = buildEffect(design({ kind: 'wave', angle: 0 }), geo);
    const north = buildEffect(design({ kind: 'wave', angle: 90 }), geo);
    if (east.kind !== 'wave' || north.kind !== 'wave') throw new Error('expected waves');
    expect(east.origin).toEqual({ x: -90, y: -5 });
    expect(north.origin).toEqual({ x: 10, y: -105 });
  });

  test('cue design - a ripple starts at the venue centre, a gradient spans the venue', () => {
    const geo = geometryFromBounds({ minX: -40, minY: -30, maxX: 40, maxY: 30 });
    expect(geo).toEqual({ centerX: 0, centerY: 0, radius: 50 });
    const ripple = buildEffect(design({ kind: 'ripple' }), geo);
    expect(ripple.kind === 'ripple' && ripple.center).toEqual({ x: 0, y: 0 });
    const gradient = buildEffect(design({ kind: 'gradient', speed: 0, color: '#ff0000', color2: '#0000ff' }), geo);
    if (gradient.kind !== 'gradient') throw new Error('expected a gradient');
    expect(gradient.length).toBe(100);
    expect(gradient.stops).toEqual([
      { at: 0, color: '#ff0000' },
      { at: 1, color: '#0000ff' },
    ]);
    expect(gradient.scroll).toBeUndefined();
  });

  test('cue design - a fade always carries its length (live cues may be open-ended)', () => {
    const fade = buildEffect(design({ kind: 'fade', fadeMs: 2500 }));
    expect(fade).toEqual({ kind: 'fade', from: '#ff0000', to: '#000000', easing: 'linear', durationMs: 2500 });
  });

  test('cue design - bad values name the field at fault', () => {
    expect(designError({ kind: 'solid', color: 'red' }).field).toBe('color');
    expect(designError({ kind: 'fade', color2: '#12' }).field).toBe('color2');
    expect(designError({ kind: 'strobe', rateHz: 31 }).field).toBe('rateHz');
    expect(designError({ kind: 'strobe', duty: 0 }).field).toBe('duty');
    expect(designError({ kind: 'pulse', bpm: 401 }).field).toBe('bpm');
    expect(designError({ kind: 'wave', speed: 0 }).field).toBe('speed');
    expect(designError({ kind: 'ripple', width: Number.NaN }).field).toBe('width');
    expect(designError({ kind: 'sparkle', density: 1.5 }).field).toBe('density');
    expect(designError({ kind: 'fade', fadeMs: 0 }).field).toBe('fadeMs');
    expect(designError({ kind: 'solid', color: 'red' }).code).toBe('invalid-cue');
  });

  test('cue design - fast strobes and pulses carry a photosensitivity warning, slow ones none', () => {
    expect(effectWarnings(buildEffect(design({ kind: 'strobe', rateHz: 8 })))).toHaveLength(1);
    expect(effectWarnings(buildEffect(design({ kind: 'strobe', rateHz: 3 })))).toEqual([]);
    expect(effectWarnings(buildEffect(design({ kind: 'pulse', bpm: 200 })))).toHaveLength(1);
    expect(effectWarnings(buildEffect(design({ kind: 'pulse', bpm: 128 })))).toEqual([]);
    for (const p of PALETTE_PRESETS) expect(effectWarnings(buildEffect(p.design))).toEqual([]);
  });
});
