import { ShowValidationError, type ShowIssue } from './errors.ts';
import { formatIssues, formatPath } from './issue-format.ts';
import { EffectSchema, ShowSchema, TargetSchema } from './schema.ts';
import { checkEffectRefs, semanticIssues } from './semantic-checks.ts';
import type { Effect, Show, Target } from './types.ts';

/**
 * Validation of untrusted show JSON. Every problem is reported, each with the path of the
 * field it concerns, e.g. `tracks[2].cues[5].effect.speed: must be > 0`.
 */

export interface ValidationResult {
  ok: boolean;
  errors: ShowIssue[];
  /** Advice that does not make the show invalid (e.g. strobes fast enough to trouble
   *  photosensitive people). */
  warnings: ShowIssue[];
}

function dedupe(issues: ShowIssue[]): ShowIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Flashing faster than this (Hz) is a known photosensitive-epilepsy risk (WCAG 2.3.1: 3 flashes/s). */
export const PHOTOSENSITIVE_FLASH_HZ = 3;

function warningsFor(show: Show): ShowIssue[] {
  const warnings: ShowIssue[] = [];
  show.tracks.forEach((track, ti) =>
    track.cues.forEach((cue, ci) => {
      const e = cue.effect;
      if (e.kind === 'strobe' && e.rateHz > PHOTOSENSITIVE_FLASH_HZ) {
        warnings.push({
          path: formatPath(['tracks', ti, 'cues', ci, 'effect', 'rateHz']),
          message: `strobe at ${e.rateHz} Hz exceeds ${PHOTOSENSITIVE_FLASH_HZ} flashes per second; announce it to the audience`,
        });
      }
    }),
  );
  return warnings;
}

/** Checks a show document and returns every error (never throws). */
export function validateShow(json: unknown): ValidationResult {
  const parsed = ShowSchema.safeParse(json);
  const errors = dedupe([...(parsed.success ? [] : formatIssues(parsed.error.issues)), ...semanticIssues(json)]);
  const warnings = parsed.success && errors.length === 0 ? warningsFor(parsed.data) : [];
  return { ok: errors.length === 0, errors, warnings };
}

/** Parses a show document, throwing ShowValidationError (code 'invalid-show') listing every error. */
export function parseShow(json: unknown): Show {
  const parsed = ShowSchema.safeParse(json);
  const errors = dedupe([...(parsed.success ? [] : formatIssues(parsed.error.issues)), ...semanticIssues(json)]);
  if (!parsed.success || errors.length > 0) throw new ShowValidationError(errors);
  return parsed.data;
}

/**
 * Parses an effect received outside a show (a live cue from the console or a lighting desk).
 * Pass the show's assets so image effects are checked against them.
 */
export function parseEffect(json: unknown, assets: Show['assets'] = {}): Effect {
  const parsed = EffectSchema.safeParse(json);
  const errors: ShowIssue[] = parsed.success ? [] : formatIssues(parsed.error.issues);
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    checkEffectRefs(json as Record<string, unknown>, [], assets ?? {}, (path, message) =>
      errors.push({ path: formatPath(path), message }),
    );
  }
  if (!parsed.success || errors.length > 0) throw new ShowValidationError(errors);
  return parsed.data;
}

/** Parses a cue target received outside a show. */
export function parseTarget(json: unknown): Target {
  const parsed = TargetSchema.safeParse(json);
  if (!parsed.success) throw new ShowValidationError(formatIssues(parsed.error.issues));
  return parsed.data;
}

/**
 * Cross-checks a valid show against the venue it will run in: every zone and section a cue
 * targets must exist there. Returns the problems (empty when the show fits the venue).
 */
export function checkShowAgainstVenue(
  show: Show,
  venue: { id: string; hasZone(id: string): boolean; hasSection(id: string): boolean },
): ShowIssue[] {
  const issues: ShowIssue[] = [];
  if (show.venue !== venue.id) issues.push({ path: 'venue', message: `show is for venue "${show.venue}", not "${venue.id}"` });
  show.tracks.forEach((track, ti) =>
    track.cues.forEach((cue, ci) => {
      const t = cue.target;
      if (t === undefined || t === 'all') return;
      t.zones?.forEach((z, i) => {
        if (!venue.hasZone(z)) issues.push({ path: formatPath(['tracks', ti, 'cues', ci, 'target', 'zones', i]), message: `unknown zone "${z}"` });
      });
      t.sections?.forEach((s, i) => {
        if (!venue.hasSection(s)) issues.push({ path: formatPath(['tracks', ti, 'cues', ci, 'target', 'sections', i]), message: `unknown section "${s}"` });
      });
    }),
  );
  return issues;
}
