/**
 * Which topics a phone subscribes to, from its seat and the venue the controller sent: `all`,
 * then `zone:<i>` for every zone containing the seat's section, then `section:<i>`. A phone
 * without a seat, or whose seat is not in the venue, gets `all` only.
 */
import { TOPIC_ALL, sectionTopic, zoneTopic } from '../bus/index.ts';
import type { SeatRef } from '../core/protocol/index.ts';
import { parseVenueSpec } from '../core/venue/index.ts';
import { buildVenue, type Venue } from '../core/venue/runtime.ts';
import { EdgeError } from './errors.ts';
import type { EdgeSocketData } from './socket-data.ts';

/** The seat fields of a socket's data. */
export type SeatFields = Pick<EdgeSocketData, 'seatSection' | 'seatRow' | 'seatNumber'>;

const ALL_ONLY: readonly string[] = Object.freeze([TOPIC_ALL]);
/** A found seat is `sectionIndex * ROW_SPAN + rowIndex + 1` (row part 0: row not given);
 *  venue documents have at most 500 rows per section. */
const ROW_SPAN = 1 << 16;

export class VenueTopics {
  readonly venue: Venue;
  /** Topic list of each section, by section index (shared arrays). */
  private readonly bySection: (readonly string[])[];

  constructor(venue: Venue) {
    this.venue = venue;
    this.bySection = venue.sections.map((s) => {
      const topics = [TOPIC_ALL];
      venue.zones.forEach((z, zi) => {
        if (z.sections.includes(s.id)) topics.push(zoneTopic(zi));
      });
      topics.push(sectionTopic(s.index));
      return Object.freeze(topics);
    });
  }

  /** Parses and validates a venue document (JSON text); throws EdgeError('bad-venue'). */
  static fromJson(json: string): VenueTopics {
    let spec;
    try {
      spec = parseVenueSpec(JSON.parse(json));
    } catch (err) {
      throw new EdgeError('bad-venue', `venue feed op rejected: ${err instanceof Error ? err.message : String(err)}`);
    }
    return new VenueTopics(buildVenue(spec));
  }

  /**
   * Where a seat is in the venue, or -1 when it is not: the section must exist; a row label,
   * when given, must be one of the section's rows; a seat number, when given (> 0) with a
   * row, must be in that row. Empty row / seat 0 mean "not known" and still place the phone
   * in its section.
   */
  private find(section: string, row: string, seat: number): number {
    if (section === '') return -1;
    const info = this.venue.section(section);
    if (!info) return -1;
    let r = -1;
    if (row !== '') {
      r = info.rowLabels.indexOf(row);
      if (r < 0) return -1;
      if (seat > info.rowStarts[r + 1]! - info.rowStarts[r]!) return -1;
    }
    return info.index * ROW_SPAN + r + 1;
  }

  /** Topics for a seat (`all` only for no seat or a seat not in the venue). */
  topicsFor(seat: SeatRef | null): readonly string[] {
    if (seat === null) return ALL_ONLY;
    const at = this.find(seat.section, seat.row, seat.seat);
    return at < 0 ? ALL_ONLY : this.bySection[Math.floor(at / ROW_SPAN)]!;
  }

  /**
   * Topics for the seat kept in a socket's data. When the seat is in the venue, its section
   * and row strings are replaced by the venue's own equal strings, so the phones of a row
   * share two strings instead of each keeping the copies its hello was decoded into.
   */
  placeSeat(d: SeatFields): readonly string[] {
    const at = this.find(d.seatSection, d.seatRow, d.seatNumber);
    if (at < 0) return ALL_ONLY;
    const info = this.venue.sections[Math.floor(at / ROW_SPAN)]!;
    d.seatSection = info.id;
    const r = (at % ROW_SPAN) - 1;
    if (r >= 0) d.seatRow = info.rowLabels[r]!;
    return this.bySection[info.index]!;
  }
}

/** Topics when no venue has arrived yet. */
export function topicsWithoutVenue(): readonly string[] {
  return ALL_ONLY;
}
