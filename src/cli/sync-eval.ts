/**
 * `crowdlight sync-eval`: simulate many phones syncing their clocks over modelled networks,
 * in virtual time, with crowdlight's estimator and published methods on the same traffic.
 */
import { allAlgorithms, algorithmByName, extraAlgorithms } from '../sim/algorithms/index.ts';
import { AlgorithmError } from '../sim/algorithm.ts';
import { simulateParallel } from '../sim/parallel.ts';
import { ProfileError, type ResolvedProfile } from '../sim/profile-schema.ts';
import { builtinProfile, builtinProfileNames } from '../sim/profiles.ts';
import { formatTable, summarize, type EvalReport } from '../sim/report.ts';
import { readProfileFile } from './profile-file.ts';

const HELP = `usage: crowdlight sync-eval [options]

Simulates N phones joining a show and syncing to the controller clock over a modelled
network, in virtual time (deterministic for a seed), running crowdlight's real core/clock
estimator and published baselines on the same per-device network process.

options:
  --profile NAME        built-in profile: ${builtinProfileNames.join(', ')}, or "all" (default stadium)
  --profile-file FILE   JSON profile (see docs/network-profiles.md)
  --devices N           simulated phones (default 10000)
  --seconds S           simulated session length (default 600)
  --seed N              random seed, 0..4294967295 (default 1)
  --algorithms a,b,...  any of: ${allAlgorithms.map((a) => a.name).join(', ')} (default: these),
                        or the variants (by name only) ${extraAlgorithms.map((a) => a.name).join(', ')}
  --workers N           worker threads (default: up to 2, fewer for small runs)
  --json                print one JSON object instead of the table
  --help                this text

exit codes: 0 ok (whether or not goals pass), 2 invalid arguments or profile`;

class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code = 'SYNC_EVAL_USAGE';
}

interface Args {
  profiles: ResolvedProfile[];
  devices: number;
  seconds: number;
  seed: number;
  algorithms: string[];
  workers: number | null;
  json: boolean;
  help: boolean;
}

function intArg(flag: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw new UsageError(`${flag} needs a whole number, got ${raw === undefined ? 'nothing' : `"${raw}"`}`);
  const v = Number(raw);
  if (v < min || v > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${v}`);
  return v;
}

export function parseArgs(argv: string[]): Args {
  const a: Args = { profiles: [], devices: 10_000, seconds: 600, seed: 1, algorithms: allAlgorithms.map((x) => x.name), workers: null, json: false, help: false };
  let profile: string | null = null;
  let file: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let value: string | undefined;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    const take = (): string | undefined => value ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        a.help = true;
        break;
      case '--json':
        a.json = true;
        break;
      case '--profile':
        profile = take() ?? '';
        if (!profile) throw new UsageError('--profile needs a name');
        break;
      case '--profile-file':
        file = take() ?? '';
        if (!file) throw new UsageError('--profile-file needs a path');
        break;
      case '--devices':
        a.devices = intArg(flag, take(), 1, 1_000_000);
        break;
      case '--seconds':
        a.seconds = intArg(flag, take(), 1, 86_400);
        break;
      case '--seed':
        a.seed = intArg(flag, take(), 0, 4_294_967_295);
        break;
      case '--workers':
        a.workers = intArg(flag, take(), 1, 64);
        break;
      case '--algorithms': {
        const list = (take() ?? '').split(',').map((s) => s.trim()).filter(Boolean);
        if (list.length === 0) throw new UsageError('--algorithms needs a comma-separated list');
        for (const n of list) algorithmByName(n);
        a.algorithms = [...new Set(list)];
        break;
      }
      default:
        throw new UsageError(`unknown option "${argv[i]}"`);
    }
  }
  if (profile !== null && file !== null) throw new UsageError('use either --profile or --profile-file, not both');
  if (file !== null) {
    a.profiles = [readProfileFile(file)];
  } else if (profile === 'all') {
    a.profiles = builtinProfileNames.map(builtinProfile);
  } else {
    a.profiles = [builtinProfile(profile ?? 'stadium')];
  }
  return a;
}

function defaultWorkers(devices: number): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
  return devices < 400 ? 1 : Math.max(1, Math.min(2, cores));
}

export async function run(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ProfileError || err instanceof AlgorithmError) {
      console.error(`crowdlight sync-eval: ${err.message}\n(run with --help for usage)`);
      return 2;
    }
    throw err;
  }
  if (args.help) {
    console.log(HELP);
    return 0;
  }
  const reports: EvalReport[] = [];
  for (const profile of args.profiles) {
    const started = performance.now();
    const result = await simulateParallel({
      profile,
      devices: args.devices,
      seconds: args.seconds,
      seed: args.seed,
      algorithms: args.algorithms,
      naiveRenderFor: args.algorithms.includes('crowdlight') ? ['crowdlight'] : [],
      workers: args.workers ?? defaultWorkers(args.devices),
    });
    const rep = summarize(result, { profile: profile.name, devices: args.devices, seconds: args.seconds, seed: args.seed });
    reports.push(rep);
    if (!args.json) {
      console.log(formatTable(rep));
      console.log(`(simulated in ${((performance.now() - started) / 1000).toFixed(1)} s wall time)\n`);
    }
  }
  if (args.json) {
    console.log(JSON.stringify(reports.length === 1 ? reports[0] : { runs: reports }));
  }
  return 0;
}
