import { describe, expect, test } from 'bun:test';
import { ClockSession } from '../../../src/core/clock/index.ts';
import { crowdlight } from '../../../src/sim/algorithms/index.ts';
import {
  AlgorithmMetrics,
  builtinProfiles,
  parseProfile,
  ProfileError,
  runDevice,
  SimDevice,
  simulationWindow,
  type AlgorithmFactory,
  type ResolvedProfile,
} from '../../../src/sim/index.ts';
import { CueFrames } from '../../../src/sim/visual.ts';
import { lanWith } from './helpers.ts';

const lanClock = builtinProfiles.lan.members[0].profile.clock;

function lanTimers(timerResolutionMs: { ms: number; weight: number }[], network = {}): ResolvedProfile {
  return lanWith(network, { clock: { ...lanClock, timerResolutionMs } });
}

/** crowdlight's session as a page that never measured its clock's step would run it. */
const untold: AlgorithmFactory = {
  name: 'crowdlight-untold',
  description: 'crowdlight without timerResolutionMs',
  create(random) {
    const s = new ClockSession({ random });
    return {
      start: (load) => s.start(load.localMs, load.serverMs),
      nextTimerLocal: () => s.nextTimerLocal(),
      onTimer: (l) => s.onTimer(l),
      onResponse: (t0, t1, t2, t3) => s.onResponse(t0, t1, t2, t3),
      now: (l) => s.now(l),
    };
  },
};

/** Mean signed clock error (ms) of `factory` over a few devices of `profile`. */
function meanSignedError(profile: ResolvedProfile, factory: AlgorithmFactory): number {
  const window = simulationWindow(60);
  const m = new AlgorithmMetrics();
  const frames = new CueFrames();
  for (let i = 0; i < 6; i++) {
    const dev = new SimDevice(profile, 7, i, window);
    frames.reset(dev);
    runDevice(dev, factory, window.durationMs, false, m, frames);
  }
  return m.signedSumUs / 1000 / m.clock.count;
}

describe('timer resolution in sync-eval', () => {
  test('profile - timerResolutionMs defaults to an exact clock; a bad entry is rejected with its path', () => {
    const { timerResolutionMs: _drop, ...withoutField } = lanClock;
    const base = builtinProfiles.lan.members[0].profile;
    const p = parseProfile({ ...base, name: 't', clock: withoutField }, builtinProfiles);
    expect(p.members[0].profile.clock.timerResolutionMs).toEqual([{ ms: 0, weight: 1 }]);
    expect(new SimDevice(p, 1, 0, simulationWindow(10)).timerResolutionMs).toBe(0);
    const bad = (v: unknown) => () => parseProfile({ ...base, name: 't', clock: { ...lanClock, timerResolutionMs: v } }, builtinProfiles);
    expect(bad([{ ms: -1, weight: 1 }])).toThrow(ProfileError);
    expect(bad([{ ms: -1, weight: 1 }])).toThrow('clock.timerResolutionMs.0.ms');
    expect(bad([{ ms: 1, weight: 0 }])).toThrow('clock.timerResolutionMs');
    expect(bad([])).toThrow('clock.timerResolutionMs');
  });

  test('device - the step is drawn per device by weight, deterministically, without moving any other draw', () => {
    const window = simulationWindow(60);
    const mixed = builtinProfiles.lan;
    const exact = lanTimers([{ ms: 0, weight: 1 }]);
    let coarse = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const a = new SimDevice(mixed, 11, i, window);
      const again = new SimDevice(mixed, 11, i, window);
      expect(again.timerResolutionMs).toBe(a.timerResolutionMs);
      expect([0.1, 1]).toContain(a.timerResolutionMs);
      if (a.timerResolutionMs === 1) coarse++;
      if (i < 200) {
        const b = new SimDevice(exact, 11, i, window);
        expect(b.joinMs).toBe(a.joinMs);
        expect(b.clock.localOf(30_000)).toBe(a.clock.localOf(30_000));
        expect(b.net.baseUpMs).toBe(a.net.baseUpMs);
        expect(b.display.rafLocal(1000)).toBe(a.display.rafLocal(1000));
      }
    }
    // Built-in share of 1 ms clocks: 40 %.
    expect(coarse / n).toBeGreaterThan(0.37);
    expect(coarse / n).toBeLessThan(0.43);
  });

  test('device - pageReading floors to the step and never reads ahead of the clock', () => {
    const dev = new SimDevice(lanTimers([{ ms: 0.1, weight: 1 }]), 2, 0, simulationWindow(10));
    for (const t of [0, 1234.5678, 99_999.99, -5.05]) {
      const r = dev.pageNow(t);
      const exact = dev.clock.localOf(t);
      expect(r).toBeLessThanOrEqual(exact);
      expect(exact - r).toBeLessThan(0.1 + 1e-9);
      expect(Math.abs(r / 0.1 - Math.round(r / 0.1))).toBeLessThan(1e-6);
    }
  });

  test('crowdlight adapter - told the 1 ms step, the offset has no half-step bias; untold, it has', () => {
    // Symmetric, quiet LAN paths: the step is the largest error left.
    const profile = lanTimers([{ ms: 1, weight: 1 }], {
      asymmetryMs: [0, 0],
      jitter: { kind: 'lognormal', medianMs: 0.02, sigma: 0.3, capMs: 1 },
      lossRate: 0,
    });
    const told = meanSignedError(profile, crowdlight);
    const naive = meanSignedError(profile, untold);
    expect(Math.abs(told)).toBeLessThan(0.15);
    expect(naive).toBeGreaterThan(0.3);
  });
});
