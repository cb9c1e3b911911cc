import { summarizeIssues } from '../show/errors.ts';

/** One problem in a venue document. */
export interface VenueIssue {
  path: string;
  message: string;
}

/** A venue document failed validation; `errors` lists every problem found. */
export class VenueValidationError extends Error {
  readonly code = 'invalid-venue' as const;
  readonly errors: readonly VenueIssue[];
  constructor(errors: readonly VenueIssue[]) {
    super(`invalid venue: ${summarizeIssues(errors)}`);
    this.name = 'VenueValidationError';
    this.errors = errors;
  }
}

/** A seat id that is malformed or names no seat in the venue. */
export class SeatNotFoundError extends Error {
  readonly code = 'seat-not-found' as const;
  readonly seatId: string;
  constructor(seatId: string) {
    super(`no seat "${seatId}" in this venue`);
    this.name = 'SeatNotFoundError';
    this.seatId = seatId;
  }
}
