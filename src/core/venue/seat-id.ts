/**
 * Seat ids are `section/row/seat`: the section id, the row label and the 1-based seat number,
 * e.g. "112/14/9" or "B3/K/21". Section ids and row labels never contain "/".
 */

export interface SeatIdParts {
  section: string;
  row: string;
  seat: number;
}

export function formatSeatId(section: string, row: string, seat: number): string {
  return `${section}/${row}/${seat}`;
}

/** Splits a seat id; returns undefined when it is not of the form `section/row/seat`. */
export function parseSeatId(id: string): SeatIdParts | undefined {
  const a = id.indexOf('/');
  if (a <= 0) return undefined;
  const b = id.indexOf('/', a + 1);
  if (b <= a + 1 || id.indexOf('/', b + 1) !== -1) return undefined;
  const seatText = id.slice(b + 1);
  if (!/^[1-9][0-9]*$/.test(seatText)) return undefined;
  return { section: id.slice(0, a), row: id.slice(a + 1, b), seat: Number(seatText) };
}
