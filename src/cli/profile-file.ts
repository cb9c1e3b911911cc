/**
 * A network/device profile from a JSON file (docs/network-profiles.md), for the commands
 * that take `--profile-file`.
 */
import { readFileSync } from 'node:fs';
import { ProfileError, type ResolvedProfile } from '../sim/profile-schema.ts';
import { profileFromJson } from '../sim/profiles.ts';

/** Reads and checks the profile; throws ProfileError (PROFILE_UNREADABLE when the file
 *  cannot be read). */
export function readProfileFile(path: string): ResolvedProfile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ProfileError('PROFILE_UNREADABLE', `cannot read profile file ${path}: ${(err as Error).message}`);
  }
  return profileFromJson(text, path);
}
