/**
 * Seats for simulated phones: each device sits in a seat of the show's venue drawn from
 * (run seed, device index) alone, so runs repeat and zone- and section-targeted cues reach
 * the share of the crowd that sits there.
 */
import type { SeatRef } from '../../../core/protocol/index.ts';
import { buildVenue, type Venue, type VenueSpec } from '../../../core/venue/runtime.ts';
import { mix32 } from '../../prng.ts';

const SEAT_SALT = 0x5ea7;

export class SeatPicker {
  private readonly venue: Venue;
  /** Zone indices (venue order, as live cues number them) of each section. */
  private readonly zonesOfSection: Set<number>[];

  constructor(spec: VenueSpec, private readonly seed: number) {
    this.venue = buildVenue(spec);
    this.zonesOfSection = this.venue.sections.map((sec) => {
      const set = new Set<number>();
      spec.zones.forEach((z, zi) => {
        if (z.sections.includes(sec.id)) set.add(zi);
      });
      return set;
    });
  }

  /** Section index of device `globalIndex`'s seat (-1 when the venue has no seats). */
  sectionIndexFor(globalIndex: number): number {
    return this.venue.seatCount === 0 ? -1 : this.venue.seatSection[this.indexFor(globalIndex)]!;
  }

  /** True when section `sectionIndex` is in zone `zoneIndex`. */
  sectionInZone(sectionIndex: number, zoneIndex: number): boolean {
    return this.zonesOfSection[sectionIndex]?.has(zoneIndex) ?? false;
  }

  get seatCount(): number {
    return this.venue.seatCount;
  }

  /** Venue index of device `globalIndex`'s seat. */
  indexFor(globalIndex: number): number {
    return mix32(this.seed, globalIndex, SEAT_SALT) % this.venue.seatCount;
  }

  /** The seat device `globalIndex` says it sits in (null when the venue has no seats). */
  seatFor(globalIndex: number): SeatRef | null {
    if (this.venue.seatCount === 0) return null;
    const s = this.venue.seat(this.indexFor(globalIndex));
    return { section: s.section, row: s.row, seat: s.number };
  }
}
