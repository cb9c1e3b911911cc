import { ShowValidationError, type ShowIssue } from './errors.ts';
import { formatIssues, formatPath } from './issue-format.ts';
import { EffectSchema, ShowSchema, TargetSchema } from './schema.ts';
import { DEFAULT_BPM, PHOTOSENSITIVE_FLASH_HZ } from './limits.ts';
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

/** How fast an effect flashes its whole target (null for effects that do not). A pulse
 *  flashes once a beat, at the show's tempo when it has none of its own; the warning then
 *  points at the effect itself. */
function flashRate(e: Effect, showBpm: number): { field: string[]; hz: number; what: string } | null {
  if (e.kind === 'strobe') return { field: ['rateHz'], hz: e.rateHz, what: `strobe at ${e.rateHz} Hz` };
  if (e.kind === 'pulse') {
    const bpm = e.bpm ?? showBpm;
    return { field: e.bpm === undefined ? [] : ['bpm'], hz: bpm / 60, what: `pulse at ${bpm} bpm` };
  }
  return null;
}

function warningsFor(show: Show): ShowIssue[] {
  const warnings: ShowIssue[] = [];
  show.tracks.forEach((track, ti) =>
    track.cues.forEach((cue, ci) => {
      const flash = flashRate(cue.effect, show.bpm ?? DEFAULT_BPM);
      if (flash !== null && flash.hz > PHOTOSENSITIVE_FLASH_HZ) {
        warnings.push({
          path: formatPath(['tracks', ti, 'cues', ci, 'effect', ...flash.field]),
          message: `${flash.what} exceeds ${PHOTOSENSITIVE_FLASH_HZ} flashes per second; announce it to the audience`,
        });
      }
    }),
  );
  return warnings;
}

/** Schema and cross-field checks together: the parsed show (when the schema accepts it) and
 *  every error found. */
function check(json: unknown): { show: Show | null; errors: ShowIssue[] } {
  const parsed = ShowSchema.safeParse(json);
  const errors = dedupe([...(parsed.success ? [] : formatIssues(parsed.error.issues)), ...semanticIssues(json)]);
  return { show: parsed.success && errors.length === 0 ? parsed.data : null, errors };
}

/** Checks a show document and returns every error (never throws). */
export function validateShow(json: unknown): ValidationResult {
  const { show, errors } = check(json);
  return { ok: show !== null, errors, warnings: show === null ? [] : warningsFor(show) };
}

/** Parses a show document, throwing ShowValidationError (code 'invalid-show') listing every error. */
export function parseShow(json: unknown): Show {
  const { show, errors } = check(json);
  if (show === null) throw new ShowValidationError(errors);
  return show;
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
