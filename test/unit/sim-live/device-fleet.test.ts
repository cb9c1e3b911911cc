/**
 * Fleet bookkeeping without sockets: which phones a cue expects, given their churn (the
 * device away on purpose at the cue's instant is not expected to show it).
 */
import { describe, expect, test } from 'bun:test';
import { Fleet } from '../../../src/sim/live/device/fleet.ts';
import type { ConnectionLedger } from '../../../src/sim/live/device/connection-ledger.ts';
import type { SimPhone } from '../../../src/sim/live/device/sim-phone.ts';
import type { WorkerConfig } from '../../../src/sim/live/types.ts';
import { builtinProfile } from '../../../src/sim/profiles.ts';

const RUN = 1_800_000_000_000;

function fleet(n: number): Fleet {
  const config: WorkerConfig = {
    type: 'config',
    workerIndex: 0,
    firstDevice: 0,
    deviceCount: n,
    urls: ['ws://127.0.0.1:9/ws'],
    pageUrl: 'http://127.0.0.1:9/',
    seed: 5,
    profile: 'lan',
    profileName: 'lan',
    connectStartRelMs: 0,
    connectSpreadMs: 1000,
    churnPerDevicePerMinute: 1,
    churnOfflineMs: [500, 2000],
    fetchPackagePerDevice: false,
    endRelMs: 60_000,
  };
  const f = new Fleet({ config, profile: builtinProfile('lan'), degradeProfile: null, seats: null, loadPackage: undefined });
  f.runStartMs = RUN;
  return f;
}

describe('device fleet', () => {
  test('device fleet - a phone away at a cue instant is not expected, even when it went away again before the cue was evaluated', () => {
    const f = fleet(1);
    const ledger = f['ledger'] as ConnectionLedger;
    const phone = (f['phones'] as SimPhone[])[0]!;
    ledger.welcomed(0, RUN + 1000, -Infinity);
    // Away 5-7 s, back, away again from 7.5 s: a cue at 6 s is evaluated at 9 s.
    phone.goOffline(RUN + 5000, RUN + 7000);
    phone.goOffline(RUN + 7500, RUN + 9000);
    expect(f.expectedAt(0, RUN + 6000, 'all', 0)).toBe(false);
    expect(f.expectedAt(0, RUN + 7200, 'all', 0)).toBe(true);
    expect(f.expectedAt(0, RUN + 8000, 'all', 0)).toBe(false);
    expect(f.expectedAt(0, RUN + 4000, 'all', 0)).toBe(true);
    expect(f.expectedAt(0, RUN + 500, 'all', 0)).toBe(false); // not welcomed yet
  });
});
