import type { ApiVenue, CueTarget } from './api-types.ts';
import type { Target } from '../../core/show/types.ts';

/** One entry of the target picker; `value` is 'all', 'zone:<id>' or 'section:<id>'. */
export interface TargetOption {
  value: string;
  label: string;
  group: 'all' | 'zones' | 'sections';
}

export class TargetError extends Error {
  readonly code = 'unknown-target';
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}

/** Everyone, then every zone, then every section of the venue in the status. */
export function targetOptions(venue: ApiVenue | null): TargetOption[] {
  const out: TargetOption[] = [{ value: 'all', label: 'Everyone', group: 'all' }];
  if (!venue) return out;
  for (const z of venue.zones) out.push({ value: `zone:${z.id}`, label: `Zone ${z.name}`, group: 'zones' });
  for (const s of venue.sections) out.push({ value: `section:${s.id}`, label: `Section ${s.name}`, group: 'sections' });
  return out;
}

/** The API target for a picker value; throws `TargetError` for an id the venue lacks. */
export function targetFromValue(value: string, venue: ApiVenue | null): CueTarget {
  if (value === 'all') return 'all';
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const id = value.slice(colon + 1);
  if (colon > 0 && venue) {
    if (kind === 'zone' && venue.zones.some((z) => z.id === id)) return { zones: [id] };
    if (kind === 'section' && venue.sections.some((s) => s.id === id)) return { sections: [id] };
  }
  throw new TargetError(`no such target in the loaded venue: ${value}`);
}

/** How a target reads in the cue list: "everyone", "zone North", "sections 101, 102". */
export function targetLabel(target: Target | undefined, venue: ApiVenue | null): string {
  if (target === undefined || target === 'all') return 'everyone';
  const name = (list: readonly { id: string; name: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.name ?? id;
  const parts: string[] = [];
  const zones = target.zones ?? [];
  const sections = target.sections ?? [];
  if (zones.length > 0) parts.push(`${zones.length === 1 ? 'zone' : 'zones'} ${zones.map((z) => name(venue?.zones, z)).join(', ')}`);
  if (sections.length > 0) parts.push(`${sections.length === 1 ? 'section' : 'sections'} ${sections.map((s) => name(venue?.sections, s)).join(', ')}`);
  return parts.length > 0 ? parts.join(' + ') : 'nobody';
}
