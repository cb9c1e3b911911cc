/**
 * The profile forms a worker accepts from the orchestrator: a built-in's name, a built-in
 * as its resolved JSON, a --profile-file document; anything else is a ProfileError.
 */
import { describe, expect, test } from 'bun:test';
import { resolveProfile } from '../../../src/sim/live/device/prepare.ts';
import { ProfileError } from '../../../src/sim/profile-schema.ts';
import { builtinProfiles } from '../../../src/sim/profiles.ts';

describe('device profile', () => {
  test('device profile - a name, a resolved built-in sent as JSON and a mix document resolve to the same members', () => {
    const byName = resolveProfile('stadium', 'stadium');
    const byJson = resolveProfile(JSON.parse(JSON.stringify(builtinProfiles.stadium)), 'stadium');
    expect(byJson).toEqual(byName);
    const doc = resolveProfile({ name: 'half', mix: [{ weight: 1, profile: 'lan' }, { weight: 1, profile: '5g' }] }, 'half');
    expect(doc.members.length).toBe(2);
    expect(doc.members[0]!.profile).toEqual(builtinProfiles.lan!.members[0]!.profile);
  });

  test('device profile - an unknown name or an invalid document throws ProfileError', () => {
    expect(() => resolveProfile('nope', 'nope')).toThrow(ProfileError);
    expect(() => resolveProfile({ name: 'x', network: 1 }, 'x')).toThrow(ProfileError);
    expect(() => resolveProfile({ name: 'x', members: [{ weight: 1, profile: { bad: true } }] }, 'x')).toThrow(ProfileError);
  });
});
