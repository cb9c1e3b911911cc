import type { SeatLike, Target } from './types.ts';

/**
 * A target compiled for per-seat tests: null sets mean "not restricted by this". Renderers
 * walk seats section by section, so each matcher remembers its last answer for the last
 * (section, zones) pair it saw; venue seats share one zones array per section, which makes
 * that check two reference comparisons.
 */
export interface TargetMatcher {
  all: boolean;
  zones: ReadonlySet<string> | null;
  sections: ReadonlySet<string> | null;
  lastSection: string | null;
  lastZones: readonly string[] | null;
  lastResult: boolean;
}

export function compileTarget(target: Target | undefined): TargetMatcher {
  if (target === undefined || target === 'all') {
    return { all: true, zones: null, sections: null, lastSection: null, lastZones: null, lastResult: true };
  }
  const zones = target.zones && target.zones.length > 0 ? new Set(target.zones) : null;
  const sections = target.sections && target.sections.length > 0 ? new Set(target.sections) : null;
  return { all: false, zones, sections, lastSection: null, lastZones: null, lastResult: false };
}

function evaluate(m: TargetMatcher, seat: SeatLike): boolean {
  if (m.sections !== null && m.sections.has(seat.section)) return true;
  if (m.zones !== null) {
    const zones = seat.zones;
    for (let i = 0; i < zones.length; i++) if (m.zones.has(zones[i]!)) return true;
  }
  return false;
}

/** True when the seat is in one of the target's sections or zones. */
export function targetMatches(m: TargetMatcher, seat: SeatLike): boolean {
  if (m.all) return true;
  if (seat.section === m.lastSection && seat.zones === m.lastZones) return m.lastResult;
  const result = evaluate(m, seat);
  m.lastSection = seat.section;
  m.lastZones = seat.zones;
  m.lastResult = result;
  return result;
}
