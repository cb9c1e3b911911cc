import type { ApiVenue, CueRequest } from './api-types.ts';
import { buildEffect, DEFAULT_GEOMETRY, type CueDesign, type VenueGeometry } from './cue-design.ts';
import { durationFromInput } from './status-view-model.ts';
import { targetFromValue } from './targets.ts';

/** The palette's choices besides the effect: where and for how long. */
export interface CuePlacement {
  /** Target picker value: 'all', 'zone:<id>' or 'section:<id>'. */
  targetValue: string;
  durationSeconds: number;
  untilCancelled: boolean;
}

/**
 * The `POST /api/cues` body for a design and a placement. Throws (`CueDesignError`,
 * `TargetError`, `TimeInputError`) before anything is sent when a choice is invalid.
 */
export function cueRequest(design: CueDesign, placement: CuePlacement, venue: ApiVenue | null, geometry: VenueGeometry = DEFAULT_GEOMETRY): CueRequest {
  return {
    effect: buildEffect(design, geometry),
    target: targetFromValue(placement.targetValue, venue),
    durationMs: durationFromInput(placement.durationSeconds, placement.untilCancelled),
  };
}
