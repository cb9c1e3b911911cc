import { formatIssues, formatPath, type PathIssue } from '../show/issue-format.ts';
import { VenueValidationError } from './errors.ts';
import { VenueSpecSchema } from './schema.ts';
import type { VenueSpec } from './types.ts';
import { buildVenue, type Venue } from './venue.ts';

/** Most seats a venue document may describe. */
export const MAX_VENUE_SEATS = 1_000_000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function crossFieldIssues(doc: unknown): PathIssue[] {
  const out: PathIssue[] = [];
  if (!isObj(doc)) return out;
  const add = (path: (string | number)[], message: string) => out.push({ path: formatPath(path), message });
  const sectionIds = new Map<string, number>();
  let seats = 0;
  const sections = Array.isArray(doc.sections) ? doc.sections : [];
  sections.forEach((s, i) => {
    if (!isObj(s)) return;
    if (typeof s.id === 'string') {
      if (sectionIds.has(s.id)) add(['sections', i, 'id'], `duplicate section id "${s.id}" (also sections[${sectionIds.get(s.id)}])`);
      else sectionIds.set(s.id, i);
    }
    const rows = typeof s.rows === 'number' ? s.rows : undefined;
    if (Array.isArray(s.seatsPerRow)) {
      if (rows !== undefined && s.seatsPerRow.length !== rows) add(['sections', i, 'seatsPerRow'], `has ${s.seatsPerRow.length} entries, expected rows = ${rows}`);
      for (const n of s.seatsPerRow) if (typeof n === 'number') seats += n;
    } else if (typeof s.seatsPerRow === 'number' && rows !== undefined) seats += s.seatsPerRow * rows;
    if (Array.isArray(s.rowLabels)) {
      if (rows !== undefined && s.rowLabels.length !== rows) add(['sections', i, 'rowLabels'], `has ${s.rowLabels.length} labels, expected rows = ${rows}`);
      const seen = new Set<unknown>();
      s.rowLabels.forEach((l, r) => {
        if (seen.has(l)) add(['sections', i, 'rowLabels', r], `duplicate row label ${JSON.stringify(l)}`);
        seen.add(l);
      });
    }
  });
  if (seats > MAX_VENUE_SEATS) add(['sections'], `describes ${seats} seats, more than the ${MAX_VENUE_SEATS} supported`);
  const zoneIds = new Set<string>();
  const zones = Array.isArray(doc.zones) ? doc.zones : [];
  zones.forEach((z, i) => {
    if (!isObj(z)) return;
    if (typeof z.id === 'string') {
      if (zoneIds.has(z.id)) add(['zones', i, 'id'], `duplicate zone id "${z.id}"`);
      zoneIds.add(z.id);
    }
    if (Array.isArray(z.sections)) {
      const listed = new Set<unknown>();
      z.sections.forEach((id, j) => {
        if (typeof id === 'string' && !sectionIds.has(id)) add(['zones', i, 'sections', j], `unknown section "${id}"`);
        else if (listed.has(id)) add(['zones', i, 'sections', j], `section "${String(id)}" is listed twice`);
        listed.add(id);
      });
    }
  });
  return out;
}

/** Schema and cross-field checks together: the document (when valid) and every error. */
function check(json: unknown): { spec: VenueSpec | null; errors: PathIssue[] } {
  const parsed = VenueSpecSchema.safeParse(json);
  const errors = [...(parsed.success ? [] : formatIssues(parsed.error.issues)), ...crossFieldIssues(json)];
  return { spec: parsed.success && errors.length === 0 ? parsed.data : null, errors };
}

/** Checks a venue document and returns every error (never throws). */
export function validateVenue(json: unknown): { ok: boolean; errors: PathIssue[] } {
  const { spec, errors } = check(json);
  return { ok: spec !== null, errors };
}

/** Validates a venue document; throws VenueValidationError (code 'invalid-venue'). */
export function parseVenueSpec(json: unknown): VenueSpec {
  const { spec, errors } = check(json);
  if (spec === null) throw new VenueValidationError(errors);
  return spec;
}

/** Validates and lays out a venue document in one step. */
export function parseVenue(json: unknown): Venue {
  return buildVenue(parseVenueSpec(json));
}
