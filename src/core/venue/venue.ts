import { SeatNotFoundError } from './errors.ts';
import { formatSeatId, parseSeatId } from './seat-id.ts';
import { cosDeg, sinDeg } from '../show/exact-math.ts';
import { seatPositionFacing, seatPositionInto, seatsInRow } from './seat-layout.ts';
import type { Bounds, ResolvedSeat, SeatCursor, SectionSpec, VenueSpec } from './types.ts';

/** A section after layout: where its seats live in the venue-wide arrays. */
export interface SectionInfo {
  id: string;
  name: string;
  index: number;
  tier: number;
  /** Index of the section's first seat in the venue. */
  firstSeat: number;
  seatCount: number;
  rowLabels: readonly string[];
  /** rowStarts[r] is the venue index of row r's first seat; rowStarts[rows] = end. */
  rowStarts: Int32Array;
  /** Zones containing this section (shared array, do not mutate). */
  zones: readonly string[];
}

export interface ZoneInfo {
  id: string;
  name: string;
  sections: readonly string[];
  seatCount: number;
}

/**
 * A venue laid out for lookups: every seat's position precomputed into typed arrays (x, y, z
 * per seat in `positions`), seat indices 0..N-1 in section, row, seat order, and O(1)
 * conversion between seat ids and indices without a per-seat map.
 */
export class Venue {
  readonly id: string;
  readonly name: string;
  readonly spec: VenueSpec;
  readonly seatCount: number;
  /** x, y, z of seat i at [3i], [3i+1], [3i+2], metres. */
  readonly positions: Float32Array;
  /** Section index of every seat. */
  readonly seatSection: Uint16Array;
  readonly sections: readonly SectionInfo[];
  readonly zones: readonly ZoneInfo[];
  readonly bounds: Bounds;
  private readonly sectionById = new Map<string, SectionInfo>();
  private readonly zoneById = new Map<string, ZoneInfo>();
  private readonly rowByLabel: Map<string, number>[] = [];

  constructor(spec: VenueSpec) {
    this.spec = spec;
    this.id = spec.id;
    this.name = spec.name;
    const zonesOf = new Map<string, string[]>();
    for (const z of spec.zones) for (const s of z.sections) (zonesOf.get(s) ?? zonesOf.set(s, []).get(s)!).push(z.id);

    let total = 0;
    const sections: SectionInfo[] = spec.sections.map((s, index) => {
      const lengths = rowLengths(s);
      const rowStarts = new Int32Array(s.rows + 1);
      const firstSeat = total;
      for (let r = 0; r < s.rows; r++) {
        rowStarts[r] = total;
        total += lengths[r]!;
      }
      rowStarts[s.rows] = total;
      const rowLabels = s.rowLabels ?? Array.from({ length: s.rows }, (_, r) => String(r + 1));
      this.rowByLabel.push(new Map(rowLabels.map((l, r) => [l, r])));
      const info: SectionInfo = {
        id: s.id,
        name: s.name ?? s.id,
        index,
        tier: s.tier,
        firstSeat,
        seatCount: total - firstSeat,
        rowLabels,
        rowStarts,
        zones: Object.freeze(zonesOf.get(s.id) ?? []),
      };
      this.sectionById.set(s.id, info);
      return info;
    });
    this.sections = sections;
    this.seatCount = total;
    this.positions = new Float32Array(total * 3);
    this.seatSection = new Uint16Array(total);
    const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    spec.sections.forEach((s, si) => {
      const info = sections[si]!;
      this.seatSection.fill(si, info.firstSeat, info.firstSeat + info.seatCount);
      const backX = cosDeg(s.rotation);
      const backY = sinDeg(s.rotation);
      for (let r = 0; r < s.rows; r++) {
        const start = info.rowStarts[r]!;
        const n = info.rowStarts[r + 1]! - start;
        for (let k = 0; k < n; k++) {
          const o = (start + k) * 3;
          seatPositionFacing(this.positions, o, s, backX, backY, r, k, n);
          const x = this.positions[o]!;
          const y = this.positions[o + 1]!;
          if (x < bounds.minX) bounds.minX = x;
          if (x > bounds.maxX) bounds.maxX = x;
          if (y < bounds.minY) bounds.minY = y;
          if (y > bounds.maxY) bounds.maxY = y;
        }
      }
    });
    this.bounds = total > 0 ? bounds : { minX: 0, minY: 0, maxX: 0, maxY: 0 };
    this.zones = spec.zones.map((z) => {
      const info: ZoneInfo = {
        id: z.id,
        name: z.name ?? z.id,
        sections: z.sections,
        seatCount: z.sections.reduce((sum, id) => sum + (this.sectionById.get(id)?.seatCount ?? 0), 0),
      };
      this.zoneById.set(z.id, info);
      return info;
    });
  }

  hasZone(id: string): boolean {
    return this.zoneById.has(id);
  }
  hasSection(id: string): boolean {
    return this.sectionById.has(id);
  }
  section(id: string): SectionInfo | undefined {
    return this.sectionById.get(id);
  }
  zone(id: string): ZoneInfo | undefined {
    return this.zoneById.get(id);
  }

  /** Venue index of a seat id, or -1 when the id is malformed or names no seat. */
  indexOf(seatId: string): number {
    const parts = parseSeatId(seatId);
    if (!parts) return -1;
    const info = this.sectionById.get(parts.section);
    if (!info) return -1;
    const r = this.rowByLabel[info.index]!.get(parts.row);
    if (r === undefined) return -1;
    const start = info.rowStarts[r]!;
    const n = info.rowStarts[r + 1]! - start;
    return parts.seat <= n ? start + parts.seat - 1 : -1;
  }

  /** The seat id of a venue index. */
  seatId(index: number): string {
    const { info, row } = this.locate(index);
    return formatSeatId(info.id, info.rowLabels[row]!, index - info.rowStarts[row]! + 1);
  }

  /** Everything about one seat (allocates; use `seatInto` in loops). */
  seat(index: number): ResolvedSeat {
    const { info, row } = this.locate(index);
    const number = index - info.rowStarts[row]! + 1;
    return {
      id: formatSeatId(info.id, info.rowLabels[row]!, number),
      index,
      x: this.positions[index * 3]!,
      y: this.positions[index * 3 + 1]!,
      z: this.positions[index * 3 + 2]!,
      section: info.id,
      sectionIndex: info.index,
      zones: info.zones,
      tier: info.tier,
      row: info.rowLabels[row]!,
      rowIndex: row,
      number,
    };
  }

  /** The seat for an id; throws SeatNotFoundError (code 'seat-not-found') when there is none. */
  seatById(seatId: string): ResolvedSeat {
    const index = this.indexOf(seatId);
    if (index < 0) throw new SeatNotFoundError(seatId);
    return this.seat(index);
  }

  /** Fills a reusable cursor with seat `index` (no allocation); returns the cursor. */
  seatInto(cursor: SeatCursor, index: number): SeatCursor {
    const si = this.seatSection[index]!;
    const info = this.sections[si]!;
    cursor.index = index;
    cursor.x = this.positions[index * 3]!;
    cursor.y = this.positions[index * 3 + 1]!;
    cursor.z = this.positions[index * 3 + 2]!;
    cursor.section = info.id;
    cursor.sectionIndex = si;
    cursor.zones = info.zones;
    return cursor;
  }

  /** A fresh cursor for `seatInto`. */
  newCursor(): SeatCursor {
    return { index: 0, x: 0, y: 0, z: 0, section: '', sectionIndex: 0, zones: [] };
  }

  /** Indices of every seat in a zone, ascending. */
  seatsInZone(zoneId: string): Int32Array {
    const zone = this.zoneById.get(zoneId);
    if (!zone) return new Int32Array(0);
    const out = new Int32Array(zone.seatCount);
    let o = 0;
    const infos = zone.sections.map((id) => this.sectionById.get(id)!).sort((a, b) => a.firstSeat - b.firstSeat);
    for (const info of infos) for (let i = 0; i < info.seatCount; i++) out[o++] = info.firstSeat + i;
    return out;
  }

  private locate(index: number): { info: SectionInfo; row: number } {
    if (!Number.isInteger(index) || index < 0 || index >= this.seatCount) {
      throw new RangeError(`seat index ${index} out of range 0..${this.seatCount - 1}`);
    }
    const info = this.sections[this.seatSection[index]!]!;
    const starts = info.rowStarts;
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { info, row: lo };
  }
}

function rowLengths(s: SectionSpec): number[] {
  return Array.from({ length: s.rows }, (_, r) => seatsInRow(s, r));
}

/** Lays out a (validated) venue document. */
export function buildVenue(spec: VenueSpec): Venue {
  return new Venue(spec);
}

/**
 * Resolves one seat id straight from a venue document without laying out the whole venue
 * (what a phone needs: its own position). Gives exactly the values `Venue` gives, including
 * the seat index; undefined when the id names no seat.
 */
export function locateSeat(spec: VenueSpec, seatId: string): ResolvedSeat | undefined {
  const parts = parseSeatId(seatId);
  if (!parts) return undefined;
  let index = 0;
  for (let si = 0; si < spec.sections.length; si++) {
    const s = spec.sections[si]!;
    if (s.id !== parts.section) {
      for (let r = 0; r < s.rows; r++) index += seatsInRow(s, r);
      continue;
    }
    const labels = s.rowLabels;
    const r = labels ? labels.indexOf(parts.row) : /^[1-9][0-9]*$/.test(parts.row) ? Number(parts.row) - 1 : -1;
    if (r < 0 || r >= s.rows) return undefined;
    const n = seatsInRow(s, r);
    if (parts.seat > n) return undefined;
    for (let q = 0; q < r; q++) index += seatsInRow(s, q);
    index += parts.seat - 1;
    const pos = new Float32Array(3);
    seatPositionInto(pos, 0, s, r, parts.seat - 1, n);
    const zones = spec.zones.filter((z) => z.sections.includes(s.id)).map((z) => z.id);
    return {
      id: formatSeatId(s.id, parts.row, parts.seat),
      index,
      x: pos[0]!,
      y: pos[1]!,
      z: pos[2]!,
      section: s.id,
      sectionIndex: si,
      zones,
      tier: s.tier,
      row: parts.row,
      rowIndex: r,
      number: parts.seat,
    };
  }
  return undefined;
}
