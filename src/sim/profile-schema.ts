/**
 * Network and device profiles: the JSON schema (zod) and the error raised for a bad profile.
 * A profile is either one device model, or a weighted mix of device models (a crowd).
 * docs/network-profiles.md documents every field.
 */
import { z } from 'zod';

const nonNeg = z.number().finite().nonnegative();

/** [min, max] drawn uniformly per device. */
const range = z
  .tuple([nonNeg, nonNeg])
  .refine(([lo, hi]) => lo <= hi, { message: 'range must be [min, max] with min <= max' });

const jitter = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('lognormal'),
    /** Median extra one-way delay per packet, ms. */
    medianMs: nonNeg,
    /** Standard deviation of the natural log (0.5 mild .. 1.5 very heavy). */
    sigma: nonNeg.max(4),
    /** Hard cap, ms. */
    capMs: nonNeg,
  }),
  z.strictObject({
    kind: z.literal('pareto'),
    /** Minimum extra delay (Pareto scale), ms; the draw minus the scale is added. */
    scaleMs: z.number().finite().positive(),
    /** Tail index: smaller is heavier (1.2 heavy, 3 mild). */
    alpha: z.number().finite().min(0.5).max(10),
    capMs: nonNeg,
  }),
]);

const congestion = z.strictObject({
  /** Poisson arrival rate of congestion episodes. */
  episodesPerMinute: nonNeg.max(60),
  /** Peak queueing delay of an episode, ms. */
  peakMs: range,
  /** Seconds for the queue to build up to its peak. */
  riseS: range,
  /** Seconds at the peak. */
  holdS: range,
  /** Seconds to drain back to zero. */
  drainS: range,
  /** Fraction of the queueing delay seen on the uplink (the rest applies to the downlink). */
  uplinkShare: z.number().min(0).max(1),
});

export const deviceProfileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  network: z.strictObject({
    /** Base round-trip time without queueing or jitter, ms (per device, uniform in range). */
    baseRttMs: range,
    /** Base uplink minus base downlink one-way delay, ms (per device, uniform in range; may be
     *  negative). Both one-way delays stay >= 0. */
    asymmetryMs: z
      .tuple([z.number().finite(), z.number().finite()])
      .refine(([lo, hi]) => lo <= hi, { message: 'range must be [min, max] with min <= max' }),
    jitter,
    /** Probability that a segment is lost (per direction, per attempt). */
    lossRate: z.number().min(0).max(0.5),
    /** Minimum retransmission timeout, ms (Linux: 200). */
    rtoMinMs: nonNeg.default(200),
    congestion,
    /** Server processing time between t1 and t2, ms: median and log sigma. */
    serverMedianMs: nonNeg,
    serverSigma: nonNeg.max(4),
  }),
  clock: z.strictObject({
    /** |offset| of the device clock from controller time, seconds (sign drawn at random). */
    offsetS: range,
    /** |initial frequency error|, parts per million (sign drawn at random). */
    driftPpm: range,
    /** Random walk of the frequency: standard deviation per sqrt(second), ppm. */
    driftWalkPpm: nonNeg.max(10),
    /** Step of the page's clock (performance.now() and rAF timestamps are floored to a
     *  multiple of it) and its weights across devices, ms (default: exact, 0). */
    timerResolutionMs: z
      .array(z.strictObject({ ms: nonNeg.max(1000), weight: nonNeg }))
      .min(1)
      .refine((xs) => xs.some((x) => x.weight > 0), { message: 'at least one weight must be positive' })
      .default([{ ms: 0, weight: 1 }]),
  }),
  eventLoop: z.strictObject({
    /** Poisson rate of event-loop pauses (garbage collection, long tasks). */
    pausesPerSecond: nonNeg.max(20),
    pauseMedianMs: nonNeg,
    pauseSigma: nonNeg.max(4),
    pauseMaxMs: nonNeg,
    /** Delay before a message handler runs (queued tasks), ms: median and log sigma. */
    handlerMedianMs: nonNeg,
    handlerSigma: nonNeg.max(4),
  }),
  display: z.strictObject({
    /** Refresh rates and their weights across devices. */
    refreshHz: z
      .array(z.strictObject({ hz: z.number().min(20).max(360), weight: nonNeg }))
      .min(1),
    /** Standard deviation of the rAF timestamp around the vsync instant, ms. */
    rafJitterMs: nonNeg.max(5),
    /** Probability that a frame misses its vsync and is shown one period late. */
    dropProbability: z.number().min(0).max(0.5),
    /** Vsyncs between a frame's callback and its presentation, and their weights across
     *  devices (default: always 1, what crowdlight's FrameClock assumes). */
    pipelineFrames: z
      .array(z.strictObject({ frames: z.number().int().min(1).max(4), weight: nonNeg }))
      .min(1)
      .default([{ frames: 1, weight: 1 }]),
  }),
});

export const mixProfileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Each device draws one member, by weight. A member is a built-in name or a profile. */
  mix: z
    .array(
      z.strictObject({
        weight: z.number().finite().positive(),
        profile: z.union([z.string().min(1), deviceProfileSchema]),
      }),
    )
    .min(1),
});

export const profileSchema = z.union([mixProfileSchema, deviceProfileSchema]);

export type DeviceProfile = z.output<typeof deviceProfileSchema>;
export type DeviceProfileInput = z.input<typeof deviceProfileSchema>;
export type MixProfile = z.output<typeof mixProfileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

/** A resolved profile: always a mix (a single profile is a mix of one). */
export interface ResolvedProfile {
  name: string;
  description: string;
  members: { weight: number; profile: DeviceProfile }[];
}

/** Raised for an unknown, unreadable or invalid profile. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly code: 'PROFILE_UNKNOWN' | 'PROFILE_UNREADABLE' | 'PROFILE_INVALID',
    message: string,
  ) {
    super(message);
  }
}

/** Validate a profile object; errors name the path of each bad field. */
export function parseProfile(
  input: unknown,
  builtins: Record<string, ResolvedProfile>,
  source = 'profile',
): ResolvedProfile {
  const result = profileSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      return `  ${path}: ${issue.message}`;
    });
    throw new ProfileError('PROFILE_INVALID', `${source} is invalid:\n${lines.join('\n')}`);
  }
  const p = result.data;
  if (!('mix' in p)) {
    return { name: p.name, description: p.description ?? '', members: [{ weight: 1, profile: p }] };
  }
  const members: ResolvedProfile['members'] = [];
  p.mix.forEach((m, i) => {
    if (typeof m.profile === 'string') {
      const b = builtins[m.profile];
      if (!b) {
        throw new ProfileError(
          'PROFILE_INVALID',
          `${source} is invalid:\n  mix.${i}.profile: unknown built-in profile "${m.profile}"`,
        );
      }
      let total = 0;
      for (const inner of b.members) total += inner.weight;
      for (const inner of b.members) {
        members.push({ weight: (m.weight * inner.weight) / total, profile: inner.profile });
      }
    } else {
      members.push({ weight: m.weight, profile: m.profile });
    }
  });
  return { name: p.name, description: p.description ?? '', members };
}
