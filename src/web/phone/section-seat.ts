/**
 * A stand-in seat for a phone that knows its section but not its exact seat (a QR code per
 * section, or a row or seat number that is not in the venue): the middle of its row, or of
 * the section when the row is unknown too. The edge subscribes such a phone to its section's
 * and zones' topics (it goes by the section), so the page must render those cues as well,
 * and position effects (waves, ripples, pictures) then land within the section.
 */
import type { SeatRef } from '../../core/protocol/index.ts';
import type { SeatLike } from '../../core/show/runtime.ts';
import { seatPositionInto, seatsInRow, type VenueSpec } from '../../core/venue/runtime.ts';

/** The stand-in, or null when the section is not in the venue. */
export function sectionSeat(venue: VenueSpec, seat: SeatRef): SeatLike | null {
  const s = venue.sections.find((x) => x.id === seat.section);
  if (!s) return null;
  const labelled = s.rowLabels ? s.rowLabels.indexOf(seat.row) : /^[1-9][0-9]*$/.test(seat.row) ? Number(seat.row) - 1 : -1;
  const r = labelled >= 0 && labelled < s.rows ? labelled : (s.rows - 1) >> 1;
  const n = seatsInRow(s, r);
  const pos = [0, 0, 0];
  seatPositionInto(pos, 0, s, r, (n - 1) / 2, n);
  return { x: pos[0]!, y: pos[1]!, index: 0, section: s.id, zones: venue.zones.filter((z) => z.sections.includes(s.id)).map((z) => z.id) };
}
