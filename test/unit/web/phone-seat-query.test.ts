import { describe, expect, test } from 'bun:test';
import { clipUtf8, seatFromParts, seatFromQuery, seatLabel, wsUrlFor } from '../../../src/web/phone/seat-query.ts';

describe('phone seat query', () => {
  test('seat query - a QR URL gives section, row and seat', () => {
    expect(seatFromQuery('?section=112&row=14&seat=9')).toEqual({ section: '112', row: '14', seat: 9 });
  });

  test('seat query - missing parts are unknown, a missing section is no seat', () => {
    expect(seatFromQuery('?section=N3')).toEqual({ section: 'N3', row: '', seat: 0 });
    expect(seatFromQuery('?row=4&seat=2')).toBeNull();
    expect(seatFromQuery('')).toBeNull();
  });

  test('seat query - bad seat numbers read as unknown and slashes are removed', () => {
    expect(seatFromParts('1/2', 'A', '-3')).toEqual({ section: '12', row: 'A', seat: 0 });
    expect(seatFromParts('1', 'A', '70000')?.seat).toBe(0);
    expect(seatFromParts('1', 'A', '2.5')?.seat).toBe(0);
  });

  test('seat query - strings beyond the wire limits are cut on a character boundary', () => {
    const s = seatFromParts('é'.repeat(20), 'ROW-LONGER-THAN-8', '1')!;
    expect(new TextEncoder().encode(s.section).length).toBe(24);
    expect(s.section).toBe('é'.repeat(12));
    expect(s.row).toBe('ROW-LONG');
    expect(clipUtf8('a😀', 4)).toBe('a');
  });

  test('seat query - label and WebSocket URL on the page origin', () => {
    expect(seatLabel({ section: '112', row: '14', seat: 9 })).toBe('112 / 14 / 9');
    expect(seatLabel({ section: '112', row: '', seat: 0 })).toBe('112');
    expect(wsUrlFor('http://10.0.0.5:8080/?section=1')).toBe('ws://10.0.0.5:8080/ws');
    expect(wsUrlFor('https://show.example/')).toBe('wss://show.example/ws');
  });
});
