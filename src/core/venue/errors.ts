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
    const head = errors
      .slice(0, 5)
      .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
      .join('; ');
    super(`invalid venue: ${head}${errors.length > 5 ? ` (and ${errors.length - 5} more)` : ''}`);
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
