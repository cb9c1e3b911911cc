import { describe, expect, test } from 'bun:test';
import { formatSeatId, parseSeatId, parseVenue, validateVenue, VenueValidationError } from '../../../src/core/venue/index.ts';
import { DEVICE_ID_BYTES, MAX_ROW_BYTES, MAX_SECTION_BYTES, PROTOCOL_VERSION, decodeClientMessage, encode, type HelloMessage } from '../../../src/core/protocol/index.ts';

const doc = () => ({
  version: 1,
  id: 'hall',
  name: 'Hall',
  sections: [
    { id: 'A', x: 0, y: 0, rotation: 90, rows: 2, seatsPerRow: [3, 4], seatPitch: 0.5, rowPitch: 0.9, tier: 1 },
    { id: 'B', x: 10, y: 0, rotation: 0, rows: 2, seatsPerRow: 5, seatPitch: 0.5, rowPitch: 0.9, tier: 1 },
  ],
  zones: [{ id: 'floor', sections: ['A', 'B'] }],
});

describe('venue validation', () => {
  test('venue validation - a valid document builds', () => {
    expect(validateVenue(doc()).ok).toBe(true);
    expect(parseVenue(doc()).seatCount).toBe(17);
  });

  test('venue validation - every problem is reported with its path', () => {
    const d = doc() as any;
    d.sections[0].seatsPerRow = [3];
    d.sections[1].id = 'A';
    d.sections[1].seatPitch = 0;
    d.sections[1].id2 = 1;
    d.zones[0].sections.push('C');
    d.sections[0].id = 'A/1';
    const errors = validateVenue(d).errors.map((e) => `${e.path}: ${e.message}`);
    expect(errors).toEqual([
      'sections[0].id: must be 1-24 letters, digits, "_", ".", ":" or "-" (no "/")',
      'sections[1].seatPitch: must be > 0',
      'sections[1].id2: unknown field',
      'sections[0].seatsPerRow: has 1 entries, expected rows = 2',
      'zones[0].sections[1]: unknown section "B"',
      'zones[0].sections[2]: unknown section "C"',
    ]);
  });

  test('venue validation - duplicate section ids, and sections listed twice in a zone, are rejected', () => {
    const d = doc() as any;
    d.zones[0].sections.push('A');
    expect(validateVenue(d).errors).toEqual([{ path: 'zones[0].sections[2]', message: 'section "A" is listed twice' }]);
    d.sections[1].id = 'A';
    expect(validateVenue(d).errors).toContainEqual({ path: 'sections[1].id', message: 'duplicate section id "A" (also sections[0])' });
  });

  test('venue validation - parseVenue throws VenueValidationError with a code', () => {
    const d = doc() as any;
    d.sections[0].rows = 0;
    try {
      parseVenue(d);
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(VenueValidationError);
      expect((e as VenueValidationError).code).toBe('invalid-venue');
      expect((e as VenueValidationError).errors).toContainEqual({ path: 'sections[0].rows', message: 'must be >= 1' });
    }
  });
});

describe('venue validation messages', () => {
  test('venue validation - the error message names the first five problems and counts the rest', () => {
    const d = doc() as any;
    d.sections = Array.from({ length: 7 }, (_, i) => ({ ...d.sections[1], id: `S${i}`, seatPitch: -1 }));
    d.zones = [];
    let caught: unknown = null;
    try {
      parseVenue(d);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(VenueValidationError);
    const err = caught as VenueValidationError;
    expect(err.errors.length).toBe(7);
    expect(err.message).toBe(
      'invalid venue: ' +
        [0, 1, 2, 3, 4].map((i) => `sections[${i}].seatPitch: must be > 0`).join('; ') +
        ' (and 2 more)',
    );
  });
});

describe('venue validation limits', () => {
  test('venue validation - zones, like sections, are limited to what a live cue target id (u16) can address', () => {
    const d = doc() as any;
    d.zones = Array.from({ length: 65_536 }, (_, i) => ({ id: `z${i}`, sections: [] }));
    expect(validateVenue(d).errors).toEqual([{ path: 'zones', message: 'at most 65535 zones' }]);
    d.zones.pop();
    expect(validateVenue(d).ok).toBe(true);
  });
});

describe('venue ids and the wire', () => {
  test("venue validation - section ids and row labels fit the seat a phone sends in hello", () => {
    const d = doc() as any;
    d.sections[0].id = 'S'.repeat(MAX_SECTION_BYTES + 1);
    d.sections[0].rowLabels = ['R'.repeat(MAX_ROW_BYTES + 1), 'B'];
    d.zones[0].sections = ['B'];
    expect(validateVenue(d).errors.map((e) => e.path)).toEqual(['sections[0].id', 'sections[0].rowLabels[0]']);
    // At the limits, every seat of the venue encodes in a hello and decodes to its id.
    d.sections[0].id = 'S'.repeat(MAX_SECTION_BYTES);
    d.sections[0].rowLabels = ['R'.repeat(MAX_ROW_BYTES), 'B'];
    const v = parseVenue(d);
    for (let i = 0; i < v.seatCount; i++) {
      const seat = parseSeatId(v.seatId(i))!;
      const hello = encode({ type: 'hello', protocolVersion: PROTOCOL_VERSION, deviceId: new Uint8Array(DEVICE_ID_BYTES), seat, resumeToken: null });
      const back = (decodeClientMessage(hello) as HelloMessage).seat!;
      expect(v.indexOf(formatSeatId(back.section, back.row, back.seat))).toBe(i);
    }
  });
});
