import { describe, expect, test } from 'bun:test';
import { buildVenue, formatSeatId, parseSeatId, SeatNotFoundError, type VenueSpec } from '../../../src/core/venue/index.ts';

const spec: VenueSpec = {
  version: 1,
  id: 'hall',
  name: 'Test hall',
  sections: [
    // Faces south (back of the section is north): seat numbers grow westwards.
    { id: 'N', x: 0, y: 10, rotation: 90, rows: 3, seatsPerRow: 4, seatPitch: 0.5, rowPitch: 1, tier: 1, elevation: 2, rowRise: 0.5 },
    { id: 'E', x: 10, y: 0, rotation: 0, rows: 2, seatsPerRow: [3, 5], seatPitch: 1, rowPitch: 0.8, tier: 2, rowLabels: ['A', 'B'] },
  ],
  zones: [
    { id: 'all-of-it', sections: ['N', 'E'] },
    { id: 'east', sections: ['E'] },
  ],
};

describe('venue', () => {
  const v = buildVenue(spec);

  test('venue - seat indices run section by section, row by row', () => {
    expect(v.seatCount).toBe(12 + 8);
    expect(v.seatId(0)).toBe('N/1/1');
    expect(v.seatId(11)).toBe('N/3/4');
    expect(v.seatId(12)).toBe('E/A/1');
    expect(v.seatId(15)).toBe('E/B/1');
    expect(v.seatId(19)).toBe('E/B/5');
    expect(v.indexOf('E/B/5')).toBe(19);
  });

  test('venue - positions follow section position, rotation, pitches and rise', () => {
    // Section N, front row centred on (0, 10); spectator faces south so their right is west.
    const first = v.seatById('N/1/1');
    expect([first.x, first.y, first.z]).toEqual([0.75, 10, 2]);
    const last = v.seatById('N/3/4');
    expect([last.x, last.y, last.z]).toEqual([-0.75, 12, 3]);
    // Section E faces west: seat numbers grow northwards, rows go east.
    const e = v.seatById('E/B/1');
    expect(e.x).toBeCloseTo(10.8, 5);
    expect(e.y).toBeCloseTo(-2, 5);
    expect(e.tier).toBe(2);
    expect(e.row).toBe('B');
    expect(e.rowIndex).toBe(1);
    expect(e.number).toBe(1);
  });

  test('venue - positions array and seatInto agree with seat()', () => {
    const cursor = v.newCursor();
    for (let i = 0; i < v.seatCount; i++) {
      const s = v.seat(i);
      v.seatInto(cursor, i);
      expect([cursor.x, cursor.y, cursor.z, cursor.section]).toEqual([s.x, s.y, s.z, s.section]);
      expect(v.positions[i * 3]).toBe(s.x);
      expect(cursor.zones).toBe(s.zones);
    }
  });

  test('venue - zones map to sections and seats', () => {
    expect(v.seatById('E/A/2').zones).toEqual(['all-of-it', 'east']);
    expect(v.seatById('N/2/2').zones).toEqual(['all-of-it']);
    expect(v.zone('east')!.seatCount).toBe(8);
    expect(Array.from(v.seatsInZone('east'))).toEqual([12, 13, 14, 15, 16, 17, 18, 19]);
    expect(v.hasZone('west')).toBe(false);
    expect(v.hasSection('N')).toBe(true);
  });

  test('venue - unknown or malformed seat ids resolve to nothing', () => {
    for (const id of ['N/4/1', 'N/1/5', 'E/C/1', 'X/1/1', 'N/1/0', 'N/1/01', 'N/1', 'N/1/1/1', '', '/1/1']) {
      expect(v.indexOf(id)).toBe(-1);
    }
    expect(() => v.seatById('N/9/9')).toThrow(SeatNotFoundError);
    expect(() => v.seat(20)).toThrow(RangeError);
  });

  test('seat ids - format and parse round-trip', () => {
    expect(formatSeatId('112', 'F', 14)).toBe('112/F/14');
    expect(parseSeatId('112/F/14')).toEqual({ section: '112', row: 'F', seat: 14 });
    expect(parseSeatId('112/F/x')).toBeUndefined();
  });
});
