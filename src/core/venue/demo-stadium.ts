import { atan2Deg, cosDeg, hypot, sinDeg } from '../show/exact-math.ts';
import type { SectionSpec, VenueSpec, ZoneSpec } from './types.ts';
import { buildVenue, type Venue } from './venue.ts';

/**
 * The demo stadium: an oval bowl around a football pitch (long axis north-south), two tiers
 * of 20 sections each, rows getting longer towards the back, about 100,000 seats.
 *
 * The bowl's pitch-side edge is an ellipse; each tier starts at a fixed distance outwards from
 * it. Section k of a tier is centred on parametric angle 90 - 18k degrees (k = 0 due north,
 * then clockwise) and faces the pitch. Its rows are straight and centred on the section's
 * axis, each as long as fits inside the section's wedge (bounded by the ellipse's normals at
 * the section edges) less an aisle, so rows grow towards the back and sections never overlap.
 * Sections 101-120 form the lower tier and 201-220 the upper tier.
 */

export const DEMO_STADIUM_ID = 'demo-stadium';

/** Semi-axes of the pitch-side edge of the bowl, metres (x east-west, y north-south). */
const INNER_A = 46;
const INNER_B = 64;
const SECTIONS_PER_TIER = 20;
const SEAT_PITCH = 0.5;
const ROW_PITCH = 0.8;
const AISLE = 1.2;

interface TierLayout {
  tier: number;
  /** Distance from the bowl's inner edge to this tier's front row, metres. */
  offset: number;
  rows: number;
  elevation: number;
  rowRise: number;
}

const TIERS: readonly TierLayout[] = [
  { tier: 1, offset: 0, rows: 46, elevation: 1, rowRise: 0.4 },
  { tier: 2, offset: 44, rows: 44, elevation: 21, rowRise: 0.5 },
];

/** Point on the bowl's inner ellipse and its outward unit normal at parametric angle `deg`. */
function edge(deg: number): { px: number; py: number; nx: number; ny: number } {
  const cos = cosDeg(deg);
  const sin = sinDeg(deg);
  const nx = INNER_B * cos;
  const ny = INNER_A * sin;
  const len = hypot(nx, ny);
  return { px: INNER_A * cos, py: INNER_B * sin, nx: nx / len, ny: ny / len };
}

/**
 * Signed distance along a row (direction (rx, ry) through (qx, qy)) to where it meets the
 * boundary line through (px, py) with direction (nx, ny).
 */
function distanceToBoundary(qx: number, qy: number, rx: number, ry: number, px: number, py: number, nx: number, ny: number): number {
  // Solve q + s*r = p + u*n for s (Cramer's rule).
  const det = rx * -ny - ry * -nx;
  return ((px - qx) * -ny - (py - qy) * -nx) / det;
}

/** Compass zone of section k (0 = due north, clockwise). */
function compassZone(k: number): 'north' | 'east' | 'south' | 'west' {
  const q = Math.floor(((k + 2) % SECTIONS_PER_TIER) / 5);
  return (['north', 'east', 'south', 'west'] as const)[q]!;
}

/** The demo stadium as a venue document (plain data; serialisable as JSON). */
export function demoStadiumSpec(): VenueSpec {
  const sections: SectionSpec[] = [];
  const zones: Record<string, string[]> = { north: [], east: [], south: [], west: [], lower: [], upper: [], 'pitch-side': [] };
  const step = 360 / SECTIONS_PER_TIER;
  for (const t of TIERS) {
    for (let k = 0; k < SECTIONS_PER_TIER; k++) {
      const id = String(t.tier * 100 + k + 1);
      // Sections are wedges between normals of the inner ellipse (the normals of a curve are
      // shared by all its offset curves), so neighbouring sections never overlap.
      const mid = 90 - k * step;
      const c = edge(mid);
      const left = edge(mid + step / 2);
      const right = edge(mid - step / 2);
      const refX = c.px + t.offset * c.nx;
      const refY = c.py + t.offset * c.ny;
      const seatsPerRow: number[] = [];
      for (let r = 0; r < t.rows; r++) {
        const d = r * ROW_PITCH;
        const qx = refX + d * c.nx;
        const qy = refY + d * c.ny;
        const toLeft = Math.abs(distanceToBoundary(qx, qy, -c.ny, c.nx, left.px, left.py, left.nx, left.ny));
        const toRight = Math.abs(distanceToBoundary(qx, qy, -c.ny, c.nx, right.px, right.py, right.nx, right.ny));
        const half = Math.min(toLeft, toRight) - AISLE / 2;
        seatsPerRow.push(Math.max(1, Math.floor((2 * half) / SEAT_PITCH)));
      }
      const rotation = atan2Deg(c.ny, c.nx);
      sections.push({
        id,
        name: `${t.tier === 1 ? 'Lower' : 'Upper'} ${id}`,
        x: Math.round(refX * 1000) / 1000,
        y: Math.round(refY * 1000) / 1000,
        rotation: Math.round(rotation * 1000) / 1000,
        rows: t.rows,
        seatsPerRow,
        seatPitch: SEAT_PITCH,
        rowPitch: ROW_PITCH,
        tier: t.tier,
        elevation: t.elevation,
        rowRise: t.rowRise,
      });
      zones[compassZone(k)]!.push(id);
      zones[t.tier === 1 ? 'lower' : 'upper']!.push(id);
      if (t.tier === 1 && (compassZone(k) === 'east' || compassZone(k) === 'west')) zones['pitch-side']!.push(id);
    }
  }
  const names: Record<string, string> = {
    north: 'North stand',
    east: 'East stand',
    south: 'South stand',
    west: 'West stand',
    lower: 'Lower tier',
    upper: 'Upper tier',
    'pitch-side': 'Pitch-side (lower east and west)',
  };
  const zoneSpecs: ZoneSpec[] = Object.entries(zones).map(([id, s]) => ({ id, name: names[id], sections: s }));
  return { version: 1, id: DEMO_STADIUM_ID, name: 'crowdlight demo stadium', sections, zones: zoneSpecs };
}

let cached: Venue | undefined;

/** The demo stadium, laid out (built once and shared). */
export function demoStadium(): Venue {
  cached ??= buildVenue(demoStadiumSpec());
  return cached;
}
