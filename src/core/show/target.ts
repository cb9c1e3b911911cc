import type { SeatLike, Target } from './types.ts';

/** A target compiled for per-seat tests: null sets mean "not restricted by this". */
export interface TargetMatcher {
  all: boolean;
  zones: ReadonlySet<string> | null;
  sections: ReadonlySet<string> | null;
}

export const ALL_SEATS: TargetMatcher = { all: true, zones: null, sections: null };

export function compileTarget(target: Target | undefined): TargetMatcher {
  if (target === undefined || target === 'all') return ALL_SEATS;
  const zones = target.zones && target.zones.length > 0 ? new Set(target.zones) : null;
  const sections = target.sections && target.sections.length > 0 ? new Set(target.sections) : null;
  return { all: false, zones, sections };
}

/** True when the seat is in one of the target's sections or zones. */
export function targetMatches(m: TargetMatcher, seat: SeatLike): boolean {
  if (m.all) return true;
  if (m.sections !== null && m.sections.has(seat.section)) return true;
  if (m.zones !== null) {
    const zones = seat.zones;
    for (let i = 0; i < zones.length; i++) if (m.zones.has(zones[i]!)) return true;
  }
  return false;
}
