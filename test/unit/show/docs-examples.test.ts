import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { EFFECT_KINDS, parseEffect, validateShow } from '../../../src/core/show/index.ts';
import { validateVenue } from '../../../src/core/venue/index.ts';

const doc = await Bun.file(join(import.meta.dir, '../../../docs/show-format.md')).text();
const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());

describe('docs/show-format.md', () => {
  test('docs - every effect example is a valid effect, and every kind has one', () => {
    const effects = jsonBlocks.filter((b) => b.startsWith('{ "kind"')).map((b) => JSON.parse(b));
    const assets = { crowdlight: { kind: 'text' as const, text: 'CROWDLIGHT' } };
    for (const e of effects) expect(() => parseEffect(e, assets)).not.toThrow();
    expect(new Set(effects.map((e) => e.kind))).toEqual(new Set(EFFECT_KINDS));
  });

  test('docs - the show, venue and asset examples validate', () => {
    const show = JSON.parse(jsonBlocks.find((b) => b.includes('"tracks"'))!);
    expect(validateShow(show).errors).toEqual([]);
    const venue = JSON.parse(jsonBlocks.find((b) => b.startsWith('{') && b.includes('"rowPitch"'))!);
    expect(validateVenue(venue).errors).toEqual([]);
    const assets = Object.fromEntries(jsonBlocks.filter((b) => /^"\w+": \{ "kind"/.test(b)).map((b) => Object.entries(JSON.parse(`{${b}}`))[0]!));
    expect(Object.keys(assets).sort()).toEqual(['bar', 'heart', 'hello']);
    expect(validateShow({ ...show, assets }).errors).toEqual([]);
  });
});
