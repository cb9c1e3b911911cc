/**
 * The seat a phone joins with, from the QR code's URL (`?section=<id>&row=<label>&seat=<n>`,
 * every part optional) or the join form. Values beyond the wire's limits are cut rather than
 * refused: a bad QR code must not keep a phone out of the show.
 */
import { MAX_ROW_BYTES, MAX_SECTION_BYTES, type SeatRef } from '../../core/protocol/index.ts';

const encoder = new TextEncoder();

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function clipUtf8(s: string, maxBytes: number): string {
  if (encoder.encode(s).length <= maxBytes) return s;
  let out = '';
  let n = 0;
  for (const ch of s) {
    const len = encoder.encode(ch).length;
    if (n + len > maxBytes) break;
    out += ch;
    n += len;
  }
  return out;
}

/** Builds a seat from loose strings; null when no section is given. */
export function seatFromParts(section: string | null, row: string | null, seat: string | null): SeatRef | null {
  const sec = clipUtf8((section ?? '').trim().replace(/\//g, ''), MAX_SECTION_BYTES);
  if (sec === '') return null;
  const n = Number((seat ?? '').trim());
  return {
    section: sec,
    row: clipUtf8((row ?? '').trim().replace(/\//g, ''), MAX_ROW_BYTES),
    seat: Number.isInteger(n) && n > 0 && n <= 0xffff ? n : 0,
  };
}

/** The seat named by a page URL's query string. */
export function seatFromQuery(search: string): SeatRef | null {
  const q = new URLSearchParams(search);
  return seatFromParts(q.get('section'), q.get('row'), q.get('seat'));
}

/** `section/row/seat` for display, with the unknown parts left out. */
export function seatLabel(seat: SeatRef | null): string {
  if (seat === null) return 'no seat';
  return [seat.section, seat.row, seat.seat > 0 ? String(seat.seat) : ''].filter((p) => p !== '').join(' / ');
}

/** The page's WebSocket URL: `/ws` on its own origin, ws: or wss: to match. */
export function wsUrlFor(pageHref: string): string {
  const u = new URL('/ws', pageHref);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.href;
}
