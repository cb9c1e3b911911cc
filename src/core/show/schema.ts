import { z } from 'zod';
import { req } from './issue-format.ts';
import { isColor } from './color.ts';
import { nonNegative, num, oneOf, positive, unit, whole } from './schema-parts.ts';
import { MAX_BPM, MAX_SPARKLE_HZ, MAX_STROBE_HZ } from './limits.ts';
import { BLEND_MODES, EASINGS, PULSE_SHAPES, type Show } from './types.ts';

/**
 * The zod schema of a show document (format version 1). Only `validate.ts` and tools import
 * this file; renderers use the plain types in `types.ts`, so zod never reaches the phone.
 * Cross-field rules (cue end within the show, asset references, bitmap sizes) live in
 * `semantic-checks.ts` so they are reported together with schema problems.
 */

/** Size limits: a show is loaded by every phone, so it must stay small. */
export const MAX_TRACKS = 64;
export const MAX_CUES_PER_TRACK = 5_000;
export const MAX_ASSETS = 64;

const tempo = () => positive().max(MAX_BPM, { error: req(`must be <= ${MAX_BPM}`) });

export const ColorSchema = z
  .string({ error: req('must be a colour string like "#ff8800"') })
  .refine(isColor, { error: req('must be a colour like "#ff8800" or "#f80"') });
const optionalColor = () => ColorSchema.optional();

const IdSchema = z
  .string({ error: req('must be a string') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, { error: req('must be 1-64 letters, digits, "_", ".", ":" or "-"') });

export const PointSchema = z.strictObject({ x: num(), y: num() });
export const BoxSchema = z.strictObject({ x: num(), y: num(), width: positive(), height: positive() });


export const EffectSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('blackout') }),
    z.strictObject({ kind: z.literal('solid'), color: ColorSchema }),
    z.strictObject({
      kind: z.literal('fade'),
      from: ColorSchema,
      to: ColorSchema,
      easing: oneOf(EASINGS).optional(),
      durationMs: positive().optional(),
    }),
    z.strictObject({
      kind: z.literal('strobe'),
      color: ColorSchema,
      rateHz: positive().max(MAX_STROBE_HZ, { error: req(`must be <= ${MAX_STROBE_HZ} (screens cannot show faster flashes)`) }),
      duty: num().gt(0, { error: req('must be > 0 and <= 1') }).max(1, { error: req('must be > 0 and <= 1') }).optional(),
      background: optionalColor(),
    }),
    z.strictObject({
      kind: z.literal('pulse'),
      color: ColorSchema,
      bpm: tempo().optional(),
      shape: oneOf(PULSE_SHAPES).optional(),
      floor: num().min(0, { error: req('must be >= 0 and < 1') }).lt(1, { error: req('must be >= 0 and < 1') }).optional(),
      background: optionalColor(),
    }),
    z.strictObject({
      kind: z.literal('wave'),
      color: ColorSchema,
      angle: num(),
      speed: positive(),
      width: positive(),
      origin: PointSchema.optional(),
      tail: unit().optional(),
      periodMs: positive().optional(),
      background: optionalColor(),
    }),
    z.strictObject({
      kind: z.literal('ripple'),
      color: ColorSchema,
      center: PointSchema,
      speed: positive(),
      width: positive(),
      rings: whole(1, 64).optional(),
      spacing: positive().optional(),
      tail: unit().optional(),
      background: optionalColor(),
    }),
    z.strictObject({
      kind: z.literal('gradient'),
      angle: num(),
      origin: PointSchema.optional(),
      length: positive(),
      stops: z
        .array(z.strictObject({ at: unit(), color: ColorSchema }), { error: req('must be an array of stops') })
        .min(1, { error: req('needs at least one stop') })
        .max(16, { error: req('at most 16 stops') }),
      scroll: num().optional(),
      repeat: oneOf(['clamp', 'repeat', 'mirror'] as const).optional(),
    }),
    z.strictObject({
      kind: z.literal('sparkle'),
      color: ColorSchema,
      density: unit(),
      rateHz: positive().max(MAX_SPARKLE_HZ, { error: req(`must be <= ${MAX_SPARKLE_HZ}`) }).optional(),
      seed: whole().optional(),
      decay: unit().optional(),
      background: optionalColor(),
    }),
    z.strictObject({
      kind: z.literal('image'),
      asset: IdSchema,
      box: BoxSchema,
      rotation: num().optional(),
      fit: oneOf(['stretch', 'contain'] as const).optional(),
      scroll: PointSchema.optional(),
      wrap: oneOf(['none', 'x', 'y', 'both'] as const).optional(),
      background: optionalColor(),
    }),
  ],
  { error: req('must be an effect object with a "kind"') },
);

export const TargetSchema = z.union(
  [
    z.literal('all'),
    z.strictObject({
      zones: z.array(z.string({ error: req('must be a zone id') }), { error: req('must be an array of zone ids') }).optional(),
      sections: z.array(z.string({ error: req('must be a section id') }), { error: req('must be an array of section ids') }).optional(),
    }),
  ],
  { error: req('must be "all" or { "zones": [...], "sections": [...] }') },
);

export const BlendSchema = oneOf(BLEND_MODES);

export const CueSchema = z.strictObject({
  id: IdSchema.optional(),
  at: nonNegative(),
  duration: positive(),
  effect: EffectSchema,
  target: TargetSchema.optional(),
  blend: BlendSchema.optional(),
  opacity: unit().optional(),
  fadeInMs: nonNegative().optional(),
  fadeOutMs: nonNegative().optional(),
});

export const TrackSchema = z.strictObject({
  id: IdSchema.optional(),
  name: z.string({ error: req('must be a string') }).optional(),
  mute: z.boolean({ error: req('must be true or false') }).optional(),
  cues: z.array(CueSchema, { error: req('must be an array of cues') }).max(MAX_CUES_PER_TRACK, { error: `at most ${MAX_CUES_PER_TRACK} cues per track` }),
});

const dimension = () =>
  z.number({ error: req('must be a whole number of pixels') }).int({ error: req('must be a whole number of pixels') })
    .min(1, { error: req('must be >= 1') })
    .max(512, { error: req('must be <= 512') });

export const AssetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('rgb'), width: dimension(), height: dimension(), data: z.string({ error: req('must be a base64 string') }) }),
    z.strictObject({
      kind: z.literal('indexed'),
      width: dimension(),
      height: dimension(),
      palette: z.record(
        z.string(),
        z
          .string({ error: req('must be a colour or "transparent"') })
          .refine((v) => v === 'transparent' || isColor(v), { error: req('must be a colour like "#ff8800" or "transparent"') }),
      ),
      rows: z.array(z.string({ error: req('must be a string of palette keys') }), { error: req('must be an array of strings') }),
    }),
    z.strictObject({
      kind: z.literal('text'),
      text: z.string({ error: req('must be a string') }).min(1, { error: req('must not be empty') }).max(64, { error: req('at most 64 characters') }),
      color: optionalColor(),
      background: optionalColor(),
      letterSpacing: whole(0, 8).optional(),
      padding: whole(0, 8).optional(),
    }),
  ],
  { error: req('must be an asset object with a "kind"') },
);

export const ShowSchema = z.strictObject(
  {
    version: z.literal(1, { error: req('unsupported show format version (this build reads version 1)') }),
    id: IdSchema,
    name: z.string({ error: req('must be a string') }).min(1, { error: req('must not be empty') }),
    venue: IdSchema,
    durationMs: positive(),
    bpm: tempo().optional(),
    assets: z
      .record(IdSchema, AssetSchema)
      .refine((a) => Object.keys(a).length <= MAX_ASSETS, { error: `at most ${MAX_ASSETS} assets` })
      .optional(),
    tracks: z.array(TrackSchema, { error: req('must be an array of tracks') }).max(MAX_TRACKS, { error: `at most ${MAX_TRACKS} tracks` }),
  },
  { error: req('a show must be a JSON object') },
);

// Compile-time proof that the schema produces exactly the renderer's `Show` type.
export const showFromSchema: (value: z.output<typeof ShowSchema>) => Show = (value) => value;
