import { describe, expect, test } from 'bun:test';
import { demoStadiumSpec, locateSeat, seatsInRow } from '../../../src/core/venue/runtime.ts';
import { sectionSeat } from '../../../src/web/phone/section-seat.ts';

describe('phone section seat', () => {
  const venue = demoStadiumSpec();
  const sec = venue.sections.find((x) => x.id === '101')!;
  const label = (r: number) => (sec.rowLabels ? sec.rowLabels[r]! : String(r + 1));
  /** Midpoint of the first and last seats of row index r (seats are symmetric about it). */
  const rowMiddle = (r: number) => {
    const n = seatsInRow(sec, r);
    const a = locateSeat(venue, `101/${label(r)}/1`)!;
    const b = locateSeat(venue, `101/${label(r)}/${n}`)!;
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  };

  test('section seat - a section without row or seat renders as that section, in its zones, at the middle of its middle row', () => {
    const s = sectionSeat(venue, { section: '101', row: '', seat: 0 })!;
    expect(s.section).toBe('101');
    expect(s.zones).toEqual(venue.zones.filter((z) => z.sections.includes('101')).map((z) => z.id));
    expect(s.zones).toContain('north');
    const mid = rowMiddle((sec.rows - 1) >> 1);
    expect(s.x).toBeCloseTo(mid.x, 2);
    expect(s.y).toBeCloseTo(mid.y, 2);
  });

  test('section seat - a known row without a seat number is the middle of that row; an unknown section gives null', () => {
    const s = sectionSeat(venue, { section: '101', row: label(0), seat: 0 })!;
    const mid = rowMiddle(0);
    expect(s.x).toBeCloseTo(mid.x, 2);
    expect(s.y).toBeCloseTo(mid.y, 2);
    expect(sectionSeat(venue, { section: 'nope', row: '', seat: 0 })).toBeNull();
  });
});
