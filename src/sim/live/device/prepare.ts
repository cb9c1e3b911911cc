/**
 * Getting a worker ready before the run starts: the profiles parsed, the show's venue
 * learned from the edge the way a phone learns it (a page joins, is told the show, loads the
 * package), a seat drawn for every device from that venue, and the device models built.
 */
import { PhoneClient } from '../../../web/phone/phone-client.ts';
import { parseProfile, type ResolvedProfile } from '../../profile-schema.ts';
import { builtinProfile, builtinProfiles } from '../../profiles.ts';
import type { ProfileJson, WorkerConfig } from '../types.ts';
import { Fleet } from './fleet.ts';
import { SeatPicker } from './seats.ts';
import { fetchEachLoader, sharedPackageLoader } from './shared-package.ts';

/** How long the worker waits for the current show package before running without seats, ms. */
export const PROBE_TIMEOUT_MS = 15_000;

/** A profile as sent by the orchestrator: a profile document (a --profile-file's), a
 *  resolved profile (a built-in's, `builtinProfiles[name]`, as JSON), or a built-in's name.
 *  Every form is validated. */
export function resolveProfile(json: ProfileJson, name: string): ResolvedProfile {
  if (typeof json === 'string') return builtinProfile(json);
  const r = json as Partial<ResolvedProfile> | null;
  if (r !== null && typeof r === 'object' && Array.isArray(r.members)) {
    // A resolved profile is a mix of its members.
    const doc = { name: r.name, description: r.description, mix: r.members.map((m) => ({ weight: m.weight, profile: m.profile })) };
    return parseProfile(doc, builtinProfiles, `profile "${name}"`);
  }
  return parseProfile(json, builtinProfiles, `profile "${name}"`);
}

/** Builds the fleet for `config` (fetching the show package once for the venue). */
export async function prepareFleet(config: WorkerConfig, probeTimeoutMs = PROBE_TIMEOUT_MS): Promise<Fleet> {
  const profile = resolveProfile(config.profile, config.profileName);
  const degradeProfile = config.degradeProfile === undefined ? null : resolveProfile(config.degradeProfile, 'degrade');
  const shared = sharedPackageLoader();
  const venue = await probeVenue(config, shared, probeTimeoutMs);
  return new Fleet({
    config,
    profile,
    degradeProfile,
    seats: venue === null ? null : new SeatPicker(venue, config.seed),
    loadPackage: config.fetchPackagePerDevice ? fetchEachLoader(shared) : shared,
  });
}

/** Joins like a phone (no seat), waits for the announced show's package, and leaves: its
 *  venue, or null when no show is announced within the timeout. The shared loader keeps the
 *  package for the devices. */
async function probeVenue(config: WorkerConfig, load: ReturnType<typeof sharedPackageLoader>, timeoutMs: number) {
  const deviceId = new Uint8Array(16).fill(0xfe);
  new DataView(deviceId.buffer).setUint32(0, config.workerIndex >>> 0);
  const client = new PhoneClient({
    wsUrl: config.urls[0]!,
    pageUrl: config.pageUrl,
    deviceId,
    seat: null,
    now: () => performance.now(),
    timerResolutionMs: 0,
    seed: config.seed ^ 0x7e57,
    loadPackage: load,
  });
  client.start();
  try {
    const end = performance.now() + timeoutMs;
    while (client.pkg === null && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
    return client.pkg?.venue ?? null;
  } finally {
    client.stop();
  }
}
