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

const ALL_ONLY: readonly string[] = Object.freeze([TOPIC_ALL]);

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
   * Topics for a seat. The section must exist; a row label, when given, must be one of the
   * section's rows; a seat number, when given (> 0) with a row, must be in that row. Empty
   * row / seat 0 mean "not known" and still place the phone in its section.
   */
  topicsFor(seat: SeatRef | null): readonly string[] {
    if (seat === null || seat.section === '') return ALL_ONLY;
    const info = this.venue.section(seat.section);
    if (!info) return ALL_ONLY;
    if (seat.row !== '') {
      const r = info.rowLabels.indexOf(seat.row);
      if (r < 0) return ALL_ONLY;
      if (seat.seat > info.rowStarts[r + 1]! - info.rowStarts[r]!) return ALL_ONLY;
    }
    return this.bySection[info.index]!;
  }
}

/** Topics when no venue has arrived yet. */
export function topicsWithoutVenue(): readonly string[] {
  return ALL_ONLY;
}
