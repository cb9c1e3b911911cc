import { describe, expect, test } from 'bun:test';
import { joinLink, JoinLinkError, qrMatrix } from '../../../src/web/console/join-link.ts';

describe('console join link', () => {
  test('join link - everyone gets the bare address, a section adds ?section=', () => {
    expect(joinLink('http://10.0.0.5:8080/', null)).toBe('http://10.0.0.5:8080/');
    expect(joinLink('http://10.0.0.5:8080/', '101')).toBe('http://10.0.0.5:8080/?section=101');
    expect(joinLink('https://show.example/?section=9', '2:A')).toBe('https://show.example/?section=2%3AA');
    expect(joinLink('https://show.example/?section=9', null)).toBe('https://show.example/');
  });

  test('join link - a relative or empty address is refused', () => {
    expect(() => joinLink('/', '101')).toThrow(JoinLinkError);
    expect(() => joinLink('', null)).toThrow(JoinLinkError);
  });

  test('join link - the QR matrix is square with the three finder patterns', () => {
    const q = qrMatrix('http://10.0.0.5:8080/?section=101');
    expect(q.dark.length).toBe(q.size * q.size);
    expect((q.size - 17) % 4).toBe(0);
    const at = (x: number, y: number) => q.dark[y * q.size + x];
    // A finder is a dark 7x7 ring, a light ring inside it and a dark 3x3 centre.
    for (const [ox, oy] of [
      [0, 0],
      [q.size - 7, 0],
      [0, q.size - 7],
    ]) {
      for (let i = 0; i < 7; i++) {
        expect([at(ox + i, oy), at(ox + i, oy + 6), at(ox, oy + i), at(ox + 6, oy + i)]).toEqual([1, 1, 1, 1]);
      }
      for (let i = 1; i < 6; i++) expect([at(ox + i, oy + 1), at(ox + 1, oy + i)]).toEqual([0, 0]);
      for (let y = 2; y < 5; y++) for (let x = 2; x < 5; x++) expect(at(ox + x, oy + y)).toBe(1);
    }
  });

  test('join link - a longer address needs a larger code, the same address the same code', () => {
    const short = qrMatrix('http://a/');
    const long = qrMatrix(`http://stadium.example.org/?section=${'x'.repeat(120)}`);
    expect(long.size).toBeGreaterThan(short.size);
    expect(qrMatrix('http://a/').dark).toEqual(short.dark);
  });
});
