import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { demoStadium, demoStadiumSpec, locateSeat, validateVenue } from '../../../src/core/venue/index.ts';

describe('demo stadium', () => {
  const v = demoStadium();

  test('demo stadium - about 100k seats in 40 sections over 2 tiers', () => {
    expect(v.seatCount).toBeGreaterThan(95_000);
    expect(v.seatCount).toBeLessThan(105_000);
    expect(v.sections.length).toBe(40);
    expect(new Set(v.sections.map((s) => s.tier))).toEqual(new Set([1, 2]));
    expect(v.sections.filter((s) => s.tier === 1).length).toBe(20);
  });

  test('demo stadium - the document passes validation', () => {
    expect(validateVenue(demoStadiumSpec())).toEqual({ ok: true, errors: [] });
  });

  test('demo stadium - rows get longer towards the back', () => {
    for (const s of demoStadiumSpec().sections) {
      const rows = s.seatsPerRow as number[];
      expect(rows[rows.length - 1]!).toBeGreaterThan(rows[0]!);
    }
  });

  test('demo stadium - zones cover compass stands, tiers and pitch-side', () => {
    const ids = v.zones.map((z) => z.id);
    expect(ids).toEqual(['north', 'east', 'south', 'west', 'lower', 'upper', 'pitch-side']);
    const compass = ['north', 'east', 'south', 'west'].reduce((n, z) => n + v.zone(z)!.seatCount, 0);
    expect(compass).toBe(v.seatCount);
    expect(v.zone('lower')!.seatCount + v.zone('upper')!.seatCount).toBe(v.seatCount);
    // North stand is at the north end: its seats have y > 0.
    for (const i of v.seatsInZone('north').filter((_, k) => k % 97 === 0)) expect(v.positions[i * 3 + 1]!).toBeGreaterThan(0);
  });

  test('demo stadium - every seat id resolves to its own unique position', () => {
    const seen = new Set<number>();
    const cursor = v.newCursor();
    for (let i = 0; i < v.seatCount; i++) {
      const id = v.seatId(i);
      expect(v.indexOf(id)).toBe(i);
      v.seatInto(cursor, i);
      // Positions on a 1 cm grid (the bowl fits in +-500 m) must all differ.
      const key = Math.round(cursor.x * 100 + 50_000) * 100_000 + Math.round(cursor.y * 100 + 50_000);
      seen.add(key);
    }
    expect(seen.size).toBe(v.seatCount);
  });

  test('demo stadium - seats of different sections are at least an aisle apart', () => {
    // Row ends are the seats closest to a neighbouring section: compare them pairwise.
    const rowEnds = (sectionIndex: number): number[] => {
      const starts = v.sections[sectionIndex]!.rowStarts;
      const out: number[] = [];
      for (let r = 0; r + 1 < starts.length; r++) out.push(starts[r]!, starts[r + 1]! - 1);
      return out;
    };
    let min = Infinity;
    for (const s of v.sections) {
      const next = s.index % 20 === 19 ? s.index - 19 : s.index + 1;
      for (const i of rowEnds(s.index)) {
        for (const j of rowEnds(next)) {
          const dx = v.positions[i * 3]! - v.positions[j * 3]!;
          const dy = v.positions[i * 3 + 1]! - v.positions[j * 3 + 1]!;
          min = Math.min(min, Math.hypot(dx, dy));
        }
      }
    }
    expect(min).toBeGreaterThan(1);
  });
});

describe('single-seat lookup', () => {
  test('locateSeat - resolves a seat from the document exactly as the full layout does', () => {
    const v = demoStadium();
    const spec = demoStadiumSpec();
    for (let i = 0; i < v.seatCount; i += 997) {
      const full = v.seat(i);
      expect(locateSeat(spec, full.id)).toEqual({ ...full, zones: [...full.zones] });
    }
    const last = v.seat(v.seatCount - 1);
    expect(locateSeat(spec, last.id)!.index).toBe(v.seatCount - 1);
    for (const bad of ['999/1/1', '101/0/1', '101/47/1', '101/1/999', '101/01/1', 'nonsense']) expect(locateSeat(spec, bad)).toBeUndefined();
  });

  test('venues/demo-stadium.json - the committed document equals the generated one', async () => {
    const file = join(import.meta.dir, '../../../venues/demo-stadium.json');
    const json = JSON.parse(await Bun.file(file).text());
    expect(validateVenue(json).ok).toBe(true);
    expect(json).toEqual(JSON.parse(JSON.stringify(demoStadiumSpec())));
  });
});
