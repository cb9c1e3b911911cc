/**
 * core/venue: venue maps (sections, rows, seats -> positions in metres, zones), seat ids,
 * validation and the demo stadium. Browser code that must stay small imports ./runtime.ts.
 */
export * from './runtime.ts';
export { validateVenue, parseVenueSpec, parseVenue, MAX_VENUE_SEATS } from './validate.ts';
export { VenueSpecSchema, SectionSpecSchema, ZoneSpecSchema } from './schema.ts';
