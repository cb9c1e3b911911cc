/**
 * The sync-eval simulation: every device of the crowd, each algorithm on each device, over
 * the same per-device network process. Deterministic for a given seed: a device's realisation
 * depends only on (seed, device index), and each algorithm starts from fresh copies of the
 * device's random streams.
 */
import type { AlgorithmFactory } from './algorithm.ts';
import { SimDevice, type SimWindow } from './device.ts';
import { LogHistogram } from './histogram.ts';
import { AlgorithmMetrics, CONGESTED_JOIN_MS } from './metrics.ts';
import type { ResolvedProfile } from './profile-schema.ts';
import { runDevice } from './run-device.ts';
import { CueFrames } from './visual.ts';

export interface SimOptions {
  profile: ResolvedProfile;
  devices: number;
  seconds: number;
  seed: number;
  algorithms: readonly AlgorithmFactory[];
  /** Also measure the naive renderer for these algorithm names. */
  naiveRenderFor?: readonly string[];
  /** Simulate only devices [from, to) (for splitting a run across workers). */
  from?: number;
  to?: number;
}

export interface SimResult {
  metrics: Map<string, AlgorithmMetrics>;
  /** |base uplink - base downlink| / 2 per device: the clock error no two-way exchange can
   *  remove (path asymmetry is invisible to it), ms. */
  asymmetryFloor: LogHistogram;
  /** Devices per profile member name. */
  members: Record<string, number>;
  /** Devices that joined while a congestion queue of 20 ms or more stood on their path. */
  congestedAtJoin: number;
  /** The same metrics per algorithm, split by the profile member each device drew. */
  byMember: Map<string, Map<string, AlgorithmMetrics>>;
  /** Asymmetry floor per profile member. */
  floorByMember: Map<string, LogHistogram>;
}


export function simulationWindow(seconds: number): SimWindow {
  const durationMs = seconds * 1000;
  return { durationMs, joinSpreadMs: Math.min(60_000, durationMs / 4) };
}

export function simulate(o: SimOptions): SimResult {
  const window = simulationWindow(o.seconds);
  const byMember = new Map<string, Map<string, AlgorithmMetrics>>();
  for (const a of o.algorithms) byMember.set(a.name, new Map());
  const floorByMember = new Map<string, LogHistogram>();
  const naive = new Set(o.naiveRenderFor ?? []);
  const asymmetryFloor = new LogHistogram();
  const members: Record<string, number> = {};
  let congestedAtJoin = 0;
  const from = o.from ?? 0;
  const to = o.to ?? o.devices;
  const frames = new CueFrames();
  for (let i = from; i < to; i++) {
    const dev = new SimDevice(o.profile, o.seed, i, window);
    const member = dev.profile.name;
    const floor = Math.abs(dev.net.baseUpMs - dev.net.baseDownMs) / 2;
    asymmetryFloor.add(floor);
    let mf = floorByMember.get(member);
    if (!mf) floorByMember.set(member, (mf = new LogHistogram()));
    mf.add(floor);
    members[member] = (members[member] ?? 0) + 1;
    if (dev.net.queueMs(dev.joinMs) >= CONGESTED_JOIN_MS) congestedAtJoin++;
    frames.reset(dev);
    for (const a of o.algorithms) {
      const perMember = byMember.get(a.name)!;
      let m = perMember.get(member);
      if (!m) perMember.set(member, (m = new AlgorithmMetrics()));
      runDevice(dev, a, window.durationMs, naive.has(a.name), m, frames);
    }
  }
  return { metrics: overall(byMember), asymmetryFloor, members, congestedAtJoin, byMember, floorByMember };
}

/** Metrics per algorithm over all members (members merged in name order). */
export function overall(byMember: Map<string, Map<string, AlgorithmMetrics>>): Map<string, AlgorithmMetrics> {
  const out = new Map<string, AlgorithmMetrics>();
  for (const [alg, perMember] of byMember) {
    const m = new AlgorithmMetrics();
    for (const name of [...perMember.keys()].sort()) m.merge(perMember.get(name)!);
    out.set(alg, m);
  }
  return out;
}
