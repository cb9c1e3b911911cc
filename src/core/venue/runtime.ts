/**
 * The zod-free surface of core/venue (layout and lookups), for browser bundles. Validation of
 * untrusted venue documents lives in index.ts.
 */
export type * from './types.ts';
export { Venue, buildVenue, locateSeat, type SectionInfo, type ZoneInfo } from './venue.ts';
export { seatPositionInto, seatsInRow } from './seat-layout.ts';
export { formatSeatId, parseSeatId, type SeatIdParts } from './seat-id.ts';
export { VenueValidationError, SeatNotFoundError, type VenueIssue } from './errors.ts';
export { demoStadium, demoStadiumSpec, DEMO_STADIUM_ID } from './demo-stadium.ts';
