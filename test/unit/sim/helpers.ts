import { builtinProfiles, parseProfile, type DeviceProfile, type ResolvedProfile } from '../../../src/sim/index.ts';

/** The built-in lan device profile with some network fields replaced. */
export function lanWith(network: Partial<DeviceProfile['network']>, extra: Partial<DeviceProfile> = {}): ResolvedProfile {
  const base = builtinProfiles.lan.members[0].profile;
  return parseProfile({ ...base, ...extra, name: 'test', network: { ...base.network, ...network } }, builtinProfiles);
}

/** Capture what `fn` prints with console.log / console.error. */
export async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void out.push(a.map(String).join(' '));
  console.error = (...a: unknown[]) => void err.push(a.map(String).join(' '));
  try {
    const code = await fn();
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
  }
}
