import { cosDeg, sinDeg } from '../show/exact-math.ts';
import type { SectionSpec } from './types.ts';

/**
 * Where a seat sits, computed from its section alone. Both the full venue layout and the
 * single-seat lookup a phone does use these functions, so they agree to the bit.
 * Positions are rounded to the millimetre, then stored as float32 by callers.
 */

const mm = (v: number) => Math.round(v * 1000) / 1000;

/** Seats in row r (0-based) of a section. */
export function seatsInRow(s: SectionSpec, r: number): number {
  return typeof s.seatsPerRow === 'number' ? s.seatsPerRow : (s.seatsPerRow[r] ?? 0);
}

/**
 * Writes x, y, z of seat k (0-based) of row r (0-based, n seats) into out[o..o+2].
 * The row runs across the section's axis; seat numbers grow to the right of a spectator
 * facing the pitch (the opposite of the section's rotation direction).
 */
export function seatPositionInto(out: Float32Array | number[], o: number, s: SectionSpec, r: number, k: number, n: number): void {
  seatPositionFacing(out, o, s, cosDeg(s.rotation), sinDeg(s.rotation), r, k, n);
}

/**
 * `seatPositionInto` with the section's back direction (cosDeg and sinDeg of its rotation)
 * already worked out, for laying out many seats of one section.
 */
export function seatPositionFacing(out: Float32Array | number[], o: number, s: SectionSpec, backX: number, backY: number, r: number, k: number, n: number): void {
  const depth = r * s.rowPitch;
  const across = (k - (n - 1) / 2) * s.seatPitch;
  out[o] = mm(s.x + depth * backX - across * backY);
  out[o + 1] = mm(s.y + depth * backY + across * backX);
  out[o + 2] = mm((s.elevation ?? 0) + r * (s.rowRise ?? 0));
}
