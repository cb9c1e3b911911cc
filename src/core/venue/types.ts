import type { SeatLike } from '../show/types.ts';

/**
 * Venue maps (core/venue): where every seat is, in metres.
 *
 * Coordinates: x grows east, y grows north, z is height above the pitch; the origin is the
 * centre of the pitch. Angles are degrees counter-clockwise from east.
 *
 * A section is a block of straight rows. Its reference point (x, y) is the centre of its front
 * row; `rotation` is the direction from the front row towards the back row (for a stadium
 * bowl, pointing away from the pitch). Rows are numbered from the front; seats are numbered
 * left to right as seen by a spectator sitting in the section and facing the pitch.
 */
export interface SectionSpec {
  /** Unique within the venue; no "/" (it separates the parts of a seat id). */
  id: string;
  name?: string;
  x: number;
  y: number;
  rotation: number;
  rows: number;
  /** Seats in every row, or one count per row (front row first). */
  seatsPerRow: number | number[];
  /** Centre-to-centre distance between neighbouring seats, metres. */
  seatPitch: number;
  /** Distance between rows, metres. */
  rowPitch: number;
  /** Tier (1 = lowest). */
  tier: number;
  /** Height of the front row, metres; default 0. */
  elevation?: number;
  /** Height gained per row, metres; default 0. */
  rowRise?: number;
  /** Row labels front to back (e.g. "A", "B", ...); default "1", "2", ... */
  rowLabels?: string[];
}

/** A named group of sections (a stand, a tier, an end), used to target cues. */
export interface ZoneSpec {
  id: string;
  name?: string;
  sections: string[];
}

export interface VenueSpec {
  /** Venue format version; this build reads version 1. */
  version: 1;
  id: string;
  name: string;
  sections: SectionSpec[];
  zones: ZoneSpec[];
}

/** A seat with everything known about it. `index` is stable for a given venue document. */
export interface ResolvedSeat extends SeatLike {
  /** `section/row/seat`, e.g. "112/14/9". */
  id: string;
  z: number;
  tier: number;
  /** Row label. */
  row: string;
  /** 0-based row position from the front. */
  rowIndex: number;
  /** 1-based seat number within the row. */
  number: number;
  sectionIndex: number;
}

/** A reusable seat record for hot loops (filled by `Venue.seatInto`). */
export interface SeatCursor extends SeatLike {
  z: number;
  sectionIndex: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}
