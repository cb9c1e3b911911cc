/**
 * A scenario as a schedule in run-relative time (0 = the `start` instant every worker shares):
 * when devices connect, the measured window, when cues fire, when an edge is killed or the
 * network degrades, and the worker configurations that carry it out.
 */
import type { ResolvedProfile } from '../../profile-schema.ts';
import type { WorkerConfig } from '../types.ts';
import type { SimOptions } from './options.ts';
import { httpBaseOf } from './urls.ts';

export interface RunPlan {
  connectStartRelMs: number;
  connectSpreadMs: number;
  /** The measured part: edge CPU, cue firing and the report's duration cover it. */
  measureStartRelMs: number;
  measureEndRelMs: number;
  /** Devices stop and workers report. */
  endRelMs: number;
  /** Run-relative instants at which a live cue is fired. */
  cueAtRelMs: number[];
  killAtRelMs: number | null;
  degradeAtRelMs: number | null;
}

/** Time after the last cue is fired for it to be delivered and shown everywhere. */
const CUE_TAIL_MS = 1000;
/** Time after the measured part before the workers stop (late reconnections, last frames). */
const END_TAIL_MS = 1500;

export function planRun(o: SimOptions): RunPlan {
  const s = (x: number) => Math.round(x * 1000);
  let connectSpreadMs: number;
  let measureStartRelMs: number;
  switch (o.scenario) {
    case 'ramp':
      connectSpreadMs = s(o.rampS);
      measureStartRelMs = 0;
      break;
    case 'spike':
      connectSpreadMs = s(o.spikeS);
      measureStartRelMs = 0;
      break;
    default:
      connectSpreadMs = s(o.joinS);
      measureStartRelMs = s(o.joinS + o.settleS);
  }
  const measureEndRelMs = measureStartRelMs + s(o.durationS);
  const cueAtRelMs: number[] = [];
  const every = s(o.cueEveryS);
  for (let t = measureStartRelMs + Math.min(every, 1000); t <= measureEndRelMs - CUE_TAIL_MS; t += every) cueAtRelMs.push(t);
  return {
    connectStartRelMs: 0,
    connectSpreadMs,
    measureStartRelMs,
    measureEndRelMs,
    endRelMs: measureEndRelMs + END_TAIL_MS,
    cueAtRelMs,
    killAtRelMs: o.scenario === 'chaos' ? measureStartRelMs + s(o.killAtS) : null,
    degradeAtRelMs: o.scenario === 'degrade' ? measureStartRelMs + s(o.degradeAtS) : null,
  };
}

/**
 * A resolved profile as a self-contained profile document (every member spelled out, no
 * built-in names left to look up), which `parseProfile` reads back to the same profile.
 */
export function profileDocument(p: ResolvedProfile): { name: string; description: string; mix: Array<{ weight: number; profile: unknown }> } {
  return { name: p.name, description: p.description, mix: p.members.map((m) => ({ weight: m.weight, profile: m.profile })) };
}

/** One configuration per worker: devices split as evenly as possible, in index order. */
export function workerConfigs(o: SimOptions, plan: RunPlan): WorkerConfig[] {
  const out: WorkerConfig[] = [];
  const base = Math.floor(o.devices / o.workers);
  const extra = o.devices % o.workers;
  const pageUrl = httpBaseOf(o.urls[0]!);
  const profile = profileDocument(o.profile);
  const degrade = plan.degradeAtRelMs === null ? null : profileDocument(o.degradeTo);
  let first = 0;
  for (let w = 0; w < o.workers; w++) {
    const deviceCount = base + (w < extra ? 1 : 0);
    const c: WorkerConfig = {
      type: 'config',
      workerIndex: w,
      firstDevice: first,
      deviceCount,
      urls: [...o.urls],
      pageUrl,
      seed: o.seed,
      profile,
      profileName: o.profile.name,
      connectStartRelMs: plan.connectStartRelMs,
      connectSpreadMs: plan.connectSpreadMs,
      churnPerDevicePerMinute: o.churnPerMin,
      churnOfflineMs: [Math.round(o.churnOfflineS[0] * 1000), Math.round(o.churnOfflineS[1] * 1000)],
      fetchPackagePerDevice: o.fetchPackagePerDevice,
      endRelMs: plan.endRelMs,
    };
    if (degrade && plan.degradeAtRelMs !== null) {
      c.degradeProfile = degrade;
      c.degradeAtRelMs = plan.degradeAtRelMs;
    }
    out.push(c);
    first += deviceCount;
  }
  return out;
}
