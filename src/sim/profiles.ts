/**
 * Built-in network and device profiles. Figures and their sources are in
 * docs/network-profiles.md; keep the two in step.
 */
import { parseProfile, ProfileError, type ProfileInput, type ResolvedProfile } from './profile-schema.ts';

const displayMix = {
  refreshHz: [
    { hz: 60, weight: 0.55 },
    { hz: 90, weight: 0.15 },
    { hz: 120, weight: 0.3 },
  ],
  rafJitterMs: 0.3,
  dropProbability: 0.01,
};

/** Step of performance.now() and rAF timestamps across phones: Chromium-based browsers on
 *  Android (Chrome, Samsung Internet, ...) floor to 100 us in a page that is not
 *  cross-origin isolated; every iOS browser is WebKit and floors to 1 ms, as Firefox does
 *  by default. The shares (40 % iOS or Firefox) are an assumption between iOS's world share
 *  and its share in the US; docs/network-profiles.md gives the sources. */
const phoneTimers = [
  { ms: 0.1, weight: 0.6 },
  { ms: 1, weight: 0.4 },
];

const lan: ProfileInput = {
  name: 'lan',
  description: 'Wi-Fi or wired LAN to an edge in the same building, idle network',
  network: {
    baseRttMs: [1, 4],
    asymmetryMs: [-0.3, 0.3],
    jitter: { kind: 'lognormal', medianMs: 0.2, sigma: 0.8, capMs: 30 },
    lossRate: 0.0005,
    rtoMinMs: 200,
    congestion: { episodesPerMinute: 0.1, peakMs: [5, 30], riseS: [0.5, 2], holdS: [0, 1], drainS: [0.5, 2], uplinkShare: 0.5 },
    serverMedianMs: 0.05,
    serverSigma: 0.5,
  },
  clock: { offsetS: [0, 10], driftPpm: [0, 50], driftWalkPpm: 0.05, timerResolutionMs: phoneTimers },
  eventLoop: { pausesPerSecond: 0.05, pauseMedianMs: 3, pauseSigma: 0.6, pauseMaxMs: 40, handlerMedianMs: 0.1, handlerSigma: 0.5 },
  display: { ...displayMix, rafJitterMs: 0.2, dropProbability: 0.002 },
};

const fiveG: ProfileInput = {
  name: '5g',
  description: '5G (non-standalone) in a normally loaded cell',
  network: {
    baseRttMs: [18, 35],
    asymmetryMs: [-2, 4],
    jitter: { kind: 'lognormal', medianMs: 1.5, sigma: 0.8, capMs: 300 },
    lossRate: 0.002,
    rtoMinMs: 200,
    congestion: { episodesPerMinute: 0.3, peakMs: [30, 200], riseS: [1, 4], holdS: [0, 3], drainS: [1, 4], uplinkShare: 0.3 },
    serverMedianMs: 0.2,
    serverSigma: 0.6,
  },
  clock: { offsetS: [0, 60], driftPpm: [0, 80], driftWalkPpm: 0.1, timerResolutionMs: phoneTimers },
  eventLoop: { pausesPerSecond: 0.2, pauseMedianMs: 4, pauseSigma: 0.8, pauseMaxMs: 80, handlerMedianMs: 0.3, handlerSigma: 0.7 },
  display: displayMix,
};

const fourG: ProfileInput = {
  name: '4g',
  description: 'LTE in a normally loaded cell',
  network: {
    baseRttMs: [35, 65],
    asymmetryMs: [-4, 10],
    jitter: { kind: 'lognormal', medianMs: 4, sigma: 0.9, capMs: 600 },
    lossRate: 0.005,
    rtoMinMs: 200,
    congestion: { episodesPerMinute: 0.5, peakMs: [50, 300], riseS: [1, 5], holdS: [0, 5], drainS: [2, 6], uplinkShare: 0.3 },
    serverMedianMs: 0.2,
    serverSigma: 0.6,
  },
  clock: { offsetS: [0, 600], driftPpm: [0, 100], driftWalkPpm: 0.2, timerResolutionMs: phoneTimers },
  eventLoop: { pausesPerSecond: 0.3, pauseMedianMs: 5, pauseSigma: 0.9, pauseMaxMs: 150, handlerMedianMs: 0.5, handlerSigma: 0.8 },
  display: displayMix,
};

const congested4g: ProfileInput = {
  name: 'congested-4g',
  description: 'LTE in an overloaded cell (a full stadium): bufferbloat episodes, loss, heavy tail',
  network: {
    baseRttMs: [50, 110],
    asymmetryMs: [-4, 12],
    jitter: { kind: 'pareto', scaleMs: 5, alpha: 1.5, capMs: 2000 },
    lossRate: 0.02,
    rtoMinMs: 200,
    congestion: { episodesPerMinute: 1, peakMs: [300, 1000], riseS: [2, 8], holdS: [1, 10], drainS: [2, 8], uplinkShare: 0.4 },
    serverMedianMs: 0.3,
    serverSigma: 0.8,
  },
  clock: { offsetS: [0, 3600], driftPpm: [0, 100], driftWalkPpm: 0.2, timerResolutionMs: phoneTimers },
  eventLoop: { pausesPerSecond: 0.5, pauseMedianMs: 8, pauseSigma: 1, pauseMaxMs: 300, handlerMedianMs: 1, handlerSigma: 1 },
  display: { ...displayMix, dropProbability: 0.02 },
};

const stadiumWifi: ProfileInput = {
  name: 'stadium-wifi',
  description: 'High-density venue Wi-Fi: contention and retries give a heavy tail, uplink queues',
  network: {
    baseRttMs: [6, 16],
    asymmetryMs: [-2, 3],
    jitter: { kind: 'pareto', scaleMs: 2, alpha: 1.3, capMs: 1500 },
    lossRate: 0.01,
    rtoMinMs: 200,
    congestion: { episodesPerMinute: 1.5, peakMs: [100, 600], riseS: [1, 4], holdS: [0, 4], drainS: [1, 5], uplinkShare: 0.6 },
    serverMedianMs: 0.3,
    serverSigma: 0.8,
  },
  clock: { offsetS: [0, 600], driftPpm: [0, 100], driftWalkPpm: 0.2, timerResolutionMs: phoneTimers },
  eventLoop: { pausesPerSecond: 0.3, pauseMedianMs: 5, pauseSigma: 0.9, pauseMaxMs: 150, handlerMedianMs: 0.5, handlerSigma: 0.8 },
  display: displayMix,
};

const hostile: ProfileInput = {
  name: 'hostile',
  description: 'Worst case: 300 ms one-way base latency, heavy loss, long congestion, big GC pauses',
  network: {
    baseRttMs: [550, 650],
    asymmetryMs: [-60, 100],
    jitter: { kind: 'pareto', scaleMs: 10, alpha: 1.2, capMs: 3000 },
    lossRate: 0.05,
    rtoMinMs: 200,
    congestion: { episodesPerMinute: 3, peakMs: [500, 1000], riseS: [3, 10], holdS: [5, 20], drainS: [3, 10], uplinkShare: 0.5 },
    serverMedianMs: 1,
    serverSigma: 1,
  },
  clock: { offsetS: [60, 3600], driftPpm: [50, 100], driftWalkPpm: 0.5, timerResolutionMs: phoneTimers },
  eventLoop: { pausesPerSecond: 1, pauseMedianMs: 30, pauseSigma: 1, pauseMaxMs: 800, handlerMedianMs: 2, handlerSigma: 1 },
  display: { ...displayMix, rafJitterMs: 1, dropProbability: 0.05 },
};

const stadium: ProfileInput = {
  name: 'stadium',
  description: 'A realistic crowd in a full stadium: each phone draws one of the access profiles',
  mix: [
    { weight: 0.3, profile: '4g' },
    { weight: 0.3, profile: 'congested-4g' },
    { weight: 0.15, profile: '5g' },
    { weight: 0.25, profile: 'stadium-wifi' },
  ],
};

const order: ProfileInput[] = [lan, fiveG, fourG, congested4g, stadiumWifi, stadium, hostile];

function build(): Record<string, ResolvedProfile> {
  const out: Record<string, ResolvedProfile> = {};
  for (const p of order) out[p.name] = parseProfile(p, out, `built-in profile "${p.name}"`);
  return out;
}

/** Built-in profiles by name, in documentation order. */
export const builtinProfiles: Readonly<Record<string, ResolvedProfile>> = build();

export const builtinProfileNames: readonly string[] = order.map((p) => p.name);

export function builtinProfile(name: string): ResolvedProfile {
  const p = builtinProfiles[name];
  if (!p) {
    throw new ProfileError(
      'PROFILE_UNKNOWN',
      `unknown profile "${name}" (built-in: ${builtinProfileNames.join(', ')})`,
    );
  }
  return p;
}

/** Parse a profile from JSON text (the contents of a --profile-file). */
export function profileFromJson(text: string, source: string): ResolvedProfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ProfileError('PROFILE_UNREADABLE', `${source}: not valid JSON (${(err as Error).message})`);
  }
  return parseProfile(data, builtinProfiles, source);
}
