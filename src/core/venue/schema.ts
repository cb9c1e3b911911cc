import { z } from 'zod';
import { req } from '../show/issue-format.ts';
import { num, positive, whole } from '../show/schema-parts.ts';
import { MAX_ROW_BYTES, MAX_SECTION_BYTES } from '../protocol/constants.ts';
import type { VenueSpec } from './types.ts';

/** The zod schema of a venue document (format version 1). Cross-field rules: validate.ts. */

/** An id of 1..max ASCII letters, digits and `_ . : -` (never "/", which separates the parts
 *  of a seat id). */
const partId = (max: number) =>
  z
    .string({ error: req('must be a string') })
    .regex(new RegExp(`^[A-Za-z0-9][A-Za-z0-9_.:-]{0,${max - 1}}$`), {
      error: req(`must be 1-${max} letters, digits, "_", ".", ":" or "-" (no "/")`),
    });

const PartId = partId(32);
// A phone names its seat in `hello` (section and row as short UTF-8 strings): every seat of a
// valid venue must fit there.
const SectionId = partId(MAX_SECTION_BYTES);
const RowLabel = partId(MAX_ROW_BYTES);

export const SectionSpecSchema = z.strictObject({
  id: SectionId,
  name: z.string({ error: req('must be a string') }).optional(),
  x: num(),
  y: num(),
  rotation: num(),
  rows: whole(1, 500),
  seatsPerRow: z.union(
    [
      z.number().int().min(1).max(2000),
      z.array(z.number({ error: req('must be a whole number 1-2000') }).int({ error: req('must be a whole number 1-2000') }).min(1, { error: req('must be a whole number 1-2000') }).max(2000, { error: req('must be a whole number 1-2000') })),
    ],
    { error: req('must be a whole number 1-2000 or an array of them (one per row)') },
  ),
  seatPitch: positive(),
  rowPitch: positive(),
  tier: whole(1),
  elevation: num().optional(),
  rowRise: num().optional(),
  rowLabels: z.array(RowLabel).optional(),
});

export const ZoneSpecSchema = z.strictObject({
  id: PartId,
  name: z.string({ error: req('must be a string') }).optional(),
  sections: z.array(z.string({ error: req('must be a section id') }), { error: req('must be an array of section ids') }),
});

export const VenueSpecSchema = z.strictObject(
  {
    version: z.literal(1, { error: req('unsupported venue format version (this build reads version 1)') }),
    id: PartId,
    name: z.string({ error: req('must be a string') }).min(1, { error: req('must not be empty') }),
    sections: z.array(SectionSpecSchema, { error: req('must be an array of sections') }).min(1, { error: req('needs at least one section') }).max(65535, { error: req('at most 65535 sections') }),
    // Live cues address a zone or section by its index in a u16 (`liveCue.targetId`).
    zones: z.array(ZoneSpecSchema, { error: req('must be an array of zones') }).max(65535, { error: req('at most 65535 zones') }),
  },
  { error: req('a venue must be a JSON object') },
);

export const venueFromSchema: (value: z.output<typeof VenueSpecSchema>) => VenueSpec = (value) => value;
