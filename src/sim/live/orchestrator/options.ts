/**
 * The options of one `crowdlight sim` run, resolved and checked: the CLI builds them from
 * flags, tests build them directly. Every default lives here.
 */
import type { ResolvedProfile } from '../../profile-schema.ts';
import { builtinProfile } from '../../profiles.ts';
import type { ScenarioName } from '../types.ts';
import { SCENARIOS } from '../types.ts';
import { SimOptionError } from './errors.ts';

/** Open files per process on the machines crowdlight is load-tested on leave room for about
 *  this many sockets per worker process (the rest: stdio, IPC, the runtime's own files). */
const MAX_DEVICES_PER_WORKER = 18_000;
/** Devices per worker when --workers is not given. */
const DEFAULT_DEVICES_PER_WORKER = 15_000;
/** Above this many devices, each worker fetches the show package once for all its devices
 *  (unless told otherwise): the simulator's own HTTP load would otherwise dominate. */
const PER_DEVICE_FETCH_MAX = 2_000;

export interface SimOptions {
  /** Edge WebSocket URLs (ws://host:port/ws), already spread over loopback addresses. */
  urls: string[];
  /** Operator token (/api/status, /api/transport, /api/cues). */
  token: string;
  devices: number;
  scenario: ScenarioName;
  /** The measured part, seconds. */
  durationS: number;
  profile: ResolvedProfile;
  /** `degrade`: the profile the network turns into. */
  degradeTo: ResolvedProfile;
  workers: number;
  seed: number;
  /** A live cue every this many seconds during the measured part. */
  cueEveryS: number;
  /** steady, chaos, degrade, mixed: devices join over this many seconds before the measured part. */
  joinS: number;
  /** Seconds between the end of joining and the start of the measured part (devices sync). */
  settleS: number;
  /** ramp: 0 -> N over this many seconds, from the start of the measured part. */
  rampS: number;
  /** spike: every device connects within this many seconds, at the start of the measured part. */
  spikeS: number;
  /** chaos: seconds into the measured part at which one edge process is killed. */
  killAtS: number;
  /** degrade: seconds into the measured part at which the profile switches. */
  degradeAtS: number;
  /** Each connected device goes away at this rate (per device per minute) and comes back. */
  churnPerMin: number;
  churnOfflineS: [number, number];
  fetchPackagePerDevice: boolean;
  /** Scheduling priority (nice value, 0..19) of the worker processes: above 0 when the
   *  simulator shares a machine with the server under test, so the server is served first. */
  nice: number;
}

export type SimOptionsInput = Partial<Omit<SimOptions, 'urls' | 'token'>> & Pick<SimOptions, 'urls' | 'token'>;

function check(ok: boolean, message: string): void {
  if (!ok) throw new SimOptionError(message);
}

const isWhole = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;
const isSeconds = (v: number, min: number): boolean => Number.isFinite(v) && v >= min;

/** Fills the defaults (which depend on the scenario and the device count) and checks the
 *  combination; throws SimOptionError naming the option at fault. */
export function resolveSimOptions(input: SimOptionsInput): SimOptions {
  const scenario = input.scenario ?? 'steady';
  check(SCENARIOS.includes(scenario), `--scenario must be one of ${SCENARIOS.join(', ')}, got "${scenario}"`);
  const devices = input.devices ?? 1000;
  check(isWhole(devices, 1) && devices <= 1_000_000, `--devices must be a whole number 1..1000000, got ${devices}`);
  check(input.urls.length > 0, 'at least one --url is needed (the server\'s page or ws URL)');
  const durationS = input.durationS ?? 30;
  check(isSeconds(durationS, 1), `--duration must be at least 1 s, got ${durationS}`);
  const workers = input.workers ?? Math.max(1, Math.ceil(devices / DEFAULT_DEVICES_PER_WORKER));
  check(isWhole(workers, 1) && workers <= 64, `--workers must be a whole number 1..64, got ${workers}`);
  check(workers <= devices, `--workers (${workers}) cannot exceed --devices (${devices})`);
  const nice = input.nice ?? 0;
  check(isWhole(nice, 0) && nice <= 19, `--nice must be a whole number 0..19, got ${nice}`);
  check(
    Math.ceil(devices / workers) <= MAX_DEVICES_PER_WORKER,
    `${devices} devices on ${workers} worker(s) is ${Math.ceil(devices / workers)} per worker; at most ${MAX_DEVICES_PER_WORKER} fit in one process's open files: use --workers ${Math.ceil(devices / MAX_DEVICES_PER_WORKER)} or more`,
  );
  const seed = input.seed ?? 1;
  check(isWhole(seed, 0) && seed <= 0xffff_ffff, `--seed must be a whole number 0..4294967295, got ${seed}`);
  const cueEveryS = input.cueEveryS ?? 5;
  check(isSeconds(cueEveryS, 0.2), `--cue-every must be at least 0.2 s, got ${cueEveryS}`);
  const joinS = input.joinS ?? Math.max(2, Math.ceil(devices / 2500));
  check(isSeconds(joinS, 0), `--join must be >= 0 s, got ${joinS}`);
  const settleS = input.settleS ?? 5;
  check(isSeconds(settleS, 0), `--settle must be >= 0 s, got ${settleS}`);
  const rampS = input.rampS ?? Math.max(1, Math.round((durationS * 2) / 3));
  const spikeS = input.spikeS ?? 5;
  const killAtS = input.killAtS ?? Math.floor(durationS / 3);
  const degradeAtS = input.degradeAtS ?? Math.floor(durationS / 2);
  const churnPerMin = input.churnPerMin ?? (scenario === 'mixed' ? 1 : 0);
  const churnOfflineS = input.churnOfflineS ?? [1, 4];
  check(isSeconds(churnPerMin, 0) && churnPerMin <= 60, `--churn must be 0..60 per device per minute, got ${churnPerMin}`);
  check(
    isSeconds(churnOfflineS[0], 0) && churnOfflineS[1] >= churnOfflineS[0],
    `churn offline time must be an increasing pair of seconds, got ${churnOfflineS.join('..')}`,
  );
  if (scenario === 'ramp') {
    check(isSeconds(rampS, 0.1), `--ramp must be > 0 s, got ${rampS}`);
    check(rampS < durationS, `--ramp (${rampS} s) must be shorter than --duration (${durationS} s): the measured part covers the ramp and what follows`);
  }
  if (scenario === 'spike') {
    check(isSeconds(spikeS, 0), `--spike must be >= 0 s, got ${spikeS}`);
    check(spikeS < durationS, `--spike (${spikeS} s) must be shorter than --duration (${durationS} s)`);
  }
  if (scenario === 'chaos') {
    check(isSeconds(killAtS, 0), `--kill-at must be >= 0 s, got ${killAtS}`);
    check(
      durationS - killAtS >= 5,
      `--kill-at (${killAtS} s) must leave at least 5 s of the measured part (--duration ${durationS} s) for devices to reconnect`,
    );
  }
  if (scenario === 'degrade') {
    check(isSeconds(degradeAtS, 0) && degradeAtS < durationS, `--degrade-at must be in [0, --duration), got ${degradeAtS}`);
  }
  const profile = input.profile ?? builtinProfile(scenario === 'mixed' ? 'stadium' : 'lan');
  return {
    urls: [...input.urls],
    token: input.token,
    devices,
    scenario,
    durationS,
    profile,
    degradeTo: input.degradeTo ?? builtinProfile('congested-4g'),
    workers,
    nice,
    seed,
    cueEveryS,
    joinS,
    settleS,
    rampS,
    spikeS,
    killAtS,
    degradeAtS,
    churnPerMin,
    churnOfflineS,
    fetchPackagePerDevice: input.fetchPackagePerDevice ?? devices <= PER_DEVICE_FETCH_MAX,
  };
}
