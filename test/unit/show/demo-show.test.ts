import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { buildDemoShow } from '../../../src/core/show/demo-show.ts';
import { checkShowAgainstVenue, colorAtInto, compileShow, EFFECT_KINDS, parseShow, validateShow, type Show } from '../../../src/core/show/index.ts';
import { demoStadium } from '../../../src/core/venue/index.ts';

const file = join(import.meta.dir, '../../../shows/demo-show.json');
const load = async (): Promise<unknown> => JSON.parse(await Bun.file(file).text());

describe('demo show', () => {
  test('demo show - the committed JSON validates and equals the generated document', async () => {
    const json = await load();
    expect(validateShow(json)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(json).toEqual(JSON.parse(JSON.stringify(buildDemoShow())));
  });

  test('demo show - lasts about two minutes and uses every effect kind', async () => {
    const show = parseShow(await load());
    expect(show.durationMs).toBe(120_000);
    const kinds = new Set(show.tracks.flatMap((t) => t.cues.map((c) => c.effect.kind)));
    expect([...kinds].sort()).toEqual([...EFFECT_KINDS].sort());
    const blends = new Set(show.tracks.flatMap((t) => t.cues.map((c) => c.blend ?? 'replace')));
    expect(blends.size).toBe(5);
  });

  test('demo show - zone and section targets all exist in the demo stadium', async () => {
    const show = parseShow(await load());
    const targeted = show.tracks.flatMap((t) => t.cues.filter((c) => c.target !== undefined && c.target !== 'all'));
    expect(targeted.length).toBeGreaterThan(5);
    expect(checkShowAgainstVenue(show, demoStadium())).toEqual([]);
    expect(checkShowAgainstVenue({ ...show, tracks: [{ cues: [{ ...targeted[0]!, target: { zones: ['roof'] } }] }] }, demoStadium())).toEqual([
      { path: 'tracks[0].cues[0].target.zones[0]', message: 'unknown zone "roof"' },
    ]);
  });

  test('demo show - "HELLO" is drawn on the north stand seats', async () => {
    // Text with padding 1 is 31 x 9 px, contained in a 140 x 36 m box at (-70, 84): 4 m per
    // pixel, drawn from x = -62, top edge y = 120. The H's left stem is pixel column 1, rows
    // 1-7: x in [-58, -54), y in [88, 116). Column 2 of row 1 (inside the H) is empty.
    const show: Show = parseShow(await load());
    const c = compileShow(show);
    const v = demoStadium();
    const cursor = v.newCursor();
    const rgb = [0, 0, 0];
    let stem = 0;
    let gap = 0;
    for (let i = 0; i < v.seatCount; i++) {
      v.seatInto(cursor, i);
      const { x, y } = cursor;
      if (x > -57.9 && x < -54.1 && y > 88.1 && y < 115.9) {
        colorAtInto(rgb, c, 108_000, cursor, 7);
        expect(rgb).toEqual([255, 255, 255]);
        stem++;
      }
      if (x > -53.9 && x < -50.1 && y > 112.1 && y < 115.9) {
        colorAtInto(rgb, c, 108_000, cursor, 7);
        expect(rgb).toEqual([0, 0, 0]);
        gap++;
      }
    }
    expect(stem).toBeGreaterThan(100);
    expect(gap).toBeGreaterThan(10);
  });

  test('demo show - every section of the show lights part of the venue, and the end is dark', async () => {
    const c = compileShow(parseShow(await load()));
    const v = demoStadium();
    const cursor = v.newCursor();
    const rgb = [0, 0, 0];
    const litFraction = (t: number) => {
      let lit = 0;
      for (let i = 0; i < v.seatCount; i += 7) {
        colorAtInto(rgb, c, t, v.seatInto(cursor, i), i);
        if (rgb[0]! + rgb[1]! + rgb[2]! > 30) lit++;
      }
      return lit / Math.ceil(v.seatCount / 7);
    };
    for (const t of [6_000, 16_000, 30_000, 40_000, 60_000, 84_000, 108_000, 114_500]) expect(litFraction(t)).toBeGreaterThan(0.05);
    expect(litFraction(119_000)).toBe(0);
  });
});
