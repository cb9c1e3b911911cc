import { describe, expect, test } from 'bun:test';
import { parseEffect, parseShow, ShowValidationError, validateShow } from '../../../src/core/show/index.ts';
import { formatPath } from '../../../src/core/show/index.ts';

const valid = () => ({
  version: 1,
  id: 'demo',
  name: 'Demo',
  venue: 'demo-stadium',
  durationMs: 10_000,
  bpm: 128,
  assets: { word: { kind: 'text', text: 'HELLO' } },
  tracks: [
    { name: 'base', cues: [{ at: 0, duration: 5000, effect: { kind: 'solid', color: '#102030' } }] },
    {
      cues: [
        { at: 0, duration: 1000, effect: { kind: 'wave', color: '#ffffff', angle: 0, speed: 10, width: 5 } },
        { at: 1000, duration: 1000, effect: { kind: 'image', asset: 'word', box: { x: 0, y: 0, width: 10, height: 5 } } },
      ],
    },
  ],
});

function errorsOf(doc: unknown): string[] {
  const r = validateShow(doc);
  return r.errors.map((e) => `${e.path}: ${e.message}`);
}

describe('show validation', () => {
  test('validation - a valid document passes and parses to the same data', () => {
    const doc = valid();
    expect(validateShow(doc)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(parseShow(doc)).toEqual(doc as never);
  });

  test('validation - several bad fields are all reported with exact paths', () => {
    const doc = valid() as any;
    doc.tracks[1].cues[0].effect.speed = -3;
    doc.tracks[1].cues[0].effect.color = 'white';
    doc.tracks[0].cues[0].blend = 'overlay';
    doc.tracks[1].cues[1].effect.asset = 'logo';
    doc.tracks[0].cues[0].duration = 20_000;
    doc.tracks[1].cues.push({ at: 0, duration: 10, effect: { kind: 'laser' } });
    doc.assets.word.text = 'HI~';
    doc.durationMs = 'long';
    const errors = errorsOf(doc);
    expect(errors).toContain('tracks[1].cues[0].effect.speed: must be > 0');
    expect(errors).toContain('tracks[1].cues[0].effect.color: must be a colour like "#ff8800" or "#f80"');
    expect(errors).toContain('tracks[0].cues[0].blend: must be one of "replace", "add", "multiply", "max", "screen"');
    expect(errors).toContain('tracks[1].cues[1].effect.asset: unknown asset "logo"');
    expect(errors).toContain(
      'tracks[1].cues[2].effect.kind: must be one of "blackout", "solid", "fade", "strobe", "pulse", "wave", "ripple", "gradient", "sparkle", "image"',
    );
    expect(errors).toContain('assets.word.text: the pixel font cannot draw "~"');
    expect(errors).toContain('durationMs: must be a finite number');
    expect(errors.length).toBe(7);
  });

  test('validation - cue past the end of the show is reported on its duration', () => {
    const doc = valid() as any;
    doc.tracks[0].cues[0].duration = 20_000;
    expect(errorsOf(doc)).toEqual(["tracks[0].cues[0].duration: cue ends at 20000 ms, after the show's durationMs (10000)"]);
  });

  test('validation - missing fields, unknown fields and wrong types have clear messages', () => {
    const doc = valid() as any;
    delete doc.name;
    doc.tracks[0].cues[0].colour = '#fff';
    doc.tracks[0].cues[0].at = '0';
    doc.version = 2;
    const errors = errorsOf(doc);
    expect(errors).toContain('name: is required');
    expect(errors).toContain('tracks[0].cues[0].colour: unknown field');
    expect(errors).toContain('tracks[0].cues[0].at: must be a finite number');
    expect(errors).toContain('version: unsupported show format version (this build reads version 1)');
  });

  test('validation - asset keys that are not identifiers are quoted in paths', () => {
    const doc = valid() as any;
    doc.assets['big-logo'] = { kind: 'indexed', width: 2, height: 2, palette: { '#': '#ff0000', '.': 'transparent' }, rows: ['#.', '#x#'] };
    const errors = errorsOf(doc);
    expect(errors).toContain('assets["big-logo"].rows[1]: has 3 pixels, expected width = 2');
    expect(errors).toContain('assets["big-logo"].rows[1]: uses keys not in the palette: "x"');
  });

  test('validation - target union reports the inner field, not just "invalid"', () => {
    const doc = valid() as any;
    doc.tracks[0].cues[0].target = { zones: ['north', 7] };
    expect(errorsOf(doc)).toEqual(['tracks[0].cues[0].target.zones[1]: must be a zone id']);
    doc.tracks[0].cues[0].target = 'everyone';
    expect(errorsOf(doc)).toEqual(['tracks[0].cues[0].target: must be "all" or { "zones": [...], "sections": [...] }']);
  });

  test('validation - rgb asset length and fade overlap are checked', () => {
    const doc = valid() as any;
    doc.assets.pic = { kind: 'rgb', width: 2, height: 1, data: 'AAAA' };
    doc.tracks[0].cues[0].fadeInMs = 4000;
    doc.tracks[0].cues[0].fadeOutMs = 2000;
    expect(errorsOf(doc)).toEqual([
      'assets.pic.data: decodes to 3 bytes, expected width*height*3 = 6',
      'tracks[0].cues[0].fadeOutMs: fadeInMs + fadeOutMs (6000) exceeds the cue duration (5000)',
    ]);
  });

  test('validation - parseShow throws ShowValidationError with code and every error', () => {
    const doc = valid() as any;
    doc.tracks[1].cues[0].effect.width = 0;
    doc.bpm = -1;
    let caught: unknown;
    try {
      parseShow(doc);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ShowValidationError);
    const err = caught as ShowValidationError;
    expect(err.code).toBe('invalid-show');
    expect(err.errors).toEqual([
      { path: 'bpm', message: 'must be > 0' },
      { path: 'tracks[1].cues[0].effect.width', message: 'must be > 0' },
    ]);
    expect(err.message).toContain('tracks[1].cues[0].effect.width: must be > 0');
  });

  test('validation - bad asset ids, palette colours and shapeless effects read clearly', () => {
    const doc = valid() as any;
    doc.assets['bad key!'] = { kind: 'text', text: 'A' };
    doc.assets.pic = { kind: 'indexed', width: 1, height: 1, palette: { c: 'nope' }, rows: ['c'] };
    doc.tracks[0].cues[0].effect = 'solid';
    doc.tracks[1].cues[0].effect = { color: '#fff' };
    expect(errorsOf(doc)).toEqual([
      'assets["bad key!"]: invalid key: must be 1-64 letters, digits, "_", ".", ":" or "-"',
      'assets.pic.palette.c: must be a colour like "#ff8800" or "transparent"',
      'tracks[0].cues[0].effect: must be an effect object with a "kind"',
      'tracks[1].cues[0].effect.kind: must be one of "blackout", "solid", "fade", "strobe", "pulse", "wave", "ripple", "gradient", "sparkle", "image"',
    ]);
  });

  test('validation - non-object document is rejected at the root', () => {
    expect(errorsOf(42)).toEqual([': a show must be a JSON object']);
  });

  test('validation - fast strobes produce a photosensitivity warning, not an error', () => {
    const doc = valid() as any;
    doc.tracks[1].cues[0].effect = { kind: 'strobe', color: '#ffffff', rateHz: 10 };
    const r = validateShow(doc);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['tracks[1].cues[0].effect.rateHz']);
  });

  test('validation - a pulse tempo is capped like the show tempo, and fast pulses get the flash warning', () => {
    const doc = valid() as any;
    doc.tracks[1].cues[0].effect = { kind: 'pulse', color: '#ffffff', shape: 'square', bpm: 6_000 };
    expect(errorsOf(doc)).toEqual(['tracks[1].cues[0].effect.bpm: must be <= 400']);
    doc.tracks[1].cues[0].effect.bpm = 240; // 4 flashes per second
    const r = validateShow(doc);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.path)).toEqual(['tracks[1].cues[0].effect.bpm']);
    // Without its own bpm a pulse follows the show's tempo (128 here: about 2 per second).
    delete doc.tracks[1].cues[0].effect.bpm;
    expect(validateShow(doc).warnings).toEqual([]);
    doc.bpm = 200;
    expect(validateShow(doc).warnings.map((w) => w.path)).toEqual(['tracks[1].cues[0].effect']);
  });

  test('validation - parseEffect checks live-cue effects and asset references', () => {
    expect(parseEffect({ kind: 'solid', color: '#fff' })).toEqual({ kind: 'solid', color: '#fff' });
    expect(() => parseEffect({ kind: 'image', asset: 'nope', box: { x: 0, y: 0, width: 1, height: 1 } })).toThrow('asset: unknown asset "nope"');
    expect(() => parseEffect({ kind: 'ripple', color: '#fff', center: { x: 0 }, speed: 1, width: 1 })).toThrow('center.y: is required');
  });

  test('validation - an image naming an Object.prototype member is an unknown asset, not a present one', () => {
    for (const asset of ['constructor', 'toString', 'hasOwnProperty']) {
      const doc = valid();
      doc.tracks[1].cues[1].effect = { kind: 'image', asset, box: { x: 0, y: 0, width: 10, height: 5 } };
      expect(errorsOf(doc)).toEqual([`tracks[1].cues[1].effect.asset: unknown asset "${asset}"`]);
      expect(() => parseEffect(doc.tracks[1].cues[1].effect)).toThrow(`asset: unknown asset "${asset}"`);
    }
  });

  test('validation - whole-number fields say so for strings and fractions alike', () => {
    const doc = valid() as any;
    doc.tracks[1].cues[0].effect = { kind: 'ripple', color: '#fff', center: { x: 0, y: 0 }, speed: 1, width: 1, rings: 'two' };
    doc.tracks[0].cues[0].effect = { kind: 'sparkle', color: '#fff', density: 0.5, seed: 1.5 };
    doc.assets.word.letterSpacing = '1';
    expect(errorsOf(doc).sort()).toEqual([
      'assets.word.letterSpacing: must be a whole number',
      'tracks[0].cues[0].effect.seed: must be a whole number',
      'tracks[1].cues[0].effect.rings: must be a whole number',
    ]);
  });

  test('validation - formatPath writes indices, identifiers and quoted keys', () => {
    expect(formatPath(['tracks', 2, 'cues', 5, 'effect', 'speed'])).toBe('tracks[2].cues[5].effect.speed');
    expect(formatPath(['assets', 'my logo', 'rows', 0])).toBe('assets["my logo"].rows[0]');
    expect(formatPath([])).toBe('');
  });
});

test('validation - the images of a show are limited in total pixels, since every phone decodes all of them', () => {
  const image = (side: number) => ({ kind: 'rgb', width: side, height: side, data: 'A'.repeat(Math.ceil((side * side * 3) / 3) * 4) });
  const fits = { ...valid(), assets: { word: valid().assets.word, a: image(512), b: image(512), c: image(512), d: image(512) } };
  expect(errorsOf(fits)).toEqual([]);
  const tooMany = { ...valid(), assets: { ...fits.assets, e: image(16) } };
  expect(errorsOf(tooMany)).toEqual(['assets: images hold 1048832 pixels in all; at most 1048576 (every phone decodes them all)']);
});
