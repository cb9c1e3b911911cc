/**
 * `crowdlight sim`: a simulated crowd of phones over real WebSockets against a running
 * server, with a scenario (steady, ramp, spike, chaos, degrade, mixed), live progress and a
 * report (terminal table, --json, --html). docs/simulator.md explains every option and field.
 */
import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ProfileError } from '../sim/profile-schema.ts';
import { builtinProfile, builtinProfileNames } from '../sim/profiles.ts';
import {
  killLiveWorkers,
  progressWriter,
  resolveSimOptions,
  runSim,
  SimOptionError,
  SimRunError,
  spreadHosts,
  toWebSocketUrl,
  type SimOptions,
  type SimOptionsInput,
} from '../sim/live/orchestrator/index.ts';
import { formatReportTable, renderHtml, reportToJson } from '../sim/live/report/index.ts';
import { SCENARIOS, type ScenarioName } from '../sim/live/types.ts';
import { readProfileFile } from './profile-file.ts';

const HELP = `usage: crowdlight sim [options]

Runs simulated phones over real WebSockets against a running crowdlight server: each device
syncs its clock with the real core/clock estimator through a modelled network and display,
and the run measures clock, visual and delivery errors exactly against the host clock.

server:
  --url URL             edge to connect to, repeatable: ws://host:port/ws or the page URL
                        http://host:port/ (default ws://127.0.0.1:8080/ws)
  --spread-hosts K      turn a 127.0.0.1 URL into 127.0.0.1..127.0.0.K (each address pair
                        has ~28,000 ephemeral ports; the server must listen on 0.0.0.0)
  --token T             operator token (default: CROWDLIGHT_TOKEN); needed to play the show,
                        fire cues and read /api/status

run:
  --scenario NAME       ${SCENARIOS.join(', ')} (default steady)
  --devices N           simulated phones (default 1000)
  --duration S          length of the measured part, seconds (default 30)
  --profile NAME        network/device profile: ${builtinProfileNames.join(', ')}
                        (default lan; stadium for mixed)
  --profile-file FILE   a JSON profile (docs/network-profiles.md)
  --workers W           simulator processes (default ceil(devices / 15000); at most 18,000
                        devices each)
  --nice N              run the simulator processes at this lower priority (0..19, default 0):
                        use 10 when they share the machine with the server under test
  --seed N              random seed (default 1)
  --cue-every S         a live cue (a short flash) every S seconds (default 5)
  --join S              steady/chaos/degrade/mixed: devices join over S seconds (default
                        max(2, devices / 2500))
  --settle S            pause between joining and the measured part (default 5)
  --package-fetch each|shared
                        each device fetches the show package, or one fetch per worker
                        (default: each up to 2,000 devices, shared above)

scenarios:
  --ramp S              ramp: 0 -> N devices over S seconds (default 2/3 of --duration)
  --spike S             spike: every device connects within S seconds (default 5)
  --kill-at S           chaos: kill one edge process S seconds into the measured part
                        (default 1/3 of --duration)
  --degrade-to NAME     degrade: the profile the network turns into (default congested-4g)
  --degrade-at S        degrade: when, seconds into the measured part (default 1/2 of --duration)
  --churn PER_MIN       each device leaves and comes back PER_MIN times a minute on average
                        (default 1 for mixed, else 0)

output:
  --json FILE           write the report as JSON
  --html FILE           write a self-contained HTML report with plots
  --no-progress         no live progress line
  -h, --help            this text

exit codes: 0 the run completed (failing targets are reported, not an error), 1 the run
failed (server unreachable, a worker died, ...), 2 bad options, 130 interrupted (Ctrl-C;
the report of what ran is still written)`;

export interface SimCliArgs {
  options: SimOptions;
  jsonFile: string | null;
  htmlFile: string | null;
  progress: boolean;
}

/** A report file's path, checked before the run: its directory exists and the path is not a
 *  directory itself (a run can take many minutes; a typo found only when the report is
 *  written would lose it). */
function reportPathArg(flag: string, raw: string): string {
  if (raw === '') throw new SimOptionError(`${flag} needs a file name`);
  const full = resolve(raw);
  const dir = dirname(full);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new SimOptionError(`${flag} ${raw}: the directory ${dir} does not exist`);
  if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) throw new SimOptionError(`${flag} ${raw} is a directory, not a file`);
  return raw;
}

function numberArg(flag: string, raw: string, whole: boolean): number {
  const ok = whole ? /^\d+$/.test(raw) : /^\d+(\.\d+)?$/.test(raw);
  if (!ok) throw new SimOptionError(`${flag} needs ${whole ? 'a whole number' : 'a number of seconds'}, got "${raw}"`);
  return Number(raw);
}

/** Parses the command line (and CROWDLIGHT_TOKEN from `env`). Throws SimOptionError or
 *  ProfileError; returns 'help' for -h/--help. */
export function parseSimArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): SimCliArgs | 'help' {
  const urls: string[] = [];
  let spread: number | null = null;
  let token: string | undefined = env.CROWDLIGHT_TOKEN || undefined;
  let profileName: string | null = null;
  let profileFile: string | null = null;
  let degradeTo: string | null = null;
  let jsonFile: string | null = null;
  let htmlFile: string | null = null;
  let progress = true;
  const input: Partial<SimOptionsInput> = {};
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i]!;
    let inline: string | undefined;
    const eq = flag.indexOf('=');
    if (flag.startsWith('--') && eq > 0) {
      inline = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new SimOptionError(`${flag} needs a value`);
      return v;
    };
    const whole = (): number => numberArg(flag, value(), true);
    const seconds = (): number => numberArg(flag, value(), false);
    switch (flag) {
      case '-h':
      case '--help':
        return 'help';
      case '--url':
        urls.push(toWebSocketUrl(value()));
        break;
      case '--spread-hosts':
        spread = whole();
        break;
      case '--token':
        token = value();
        break;
      case '--scenario': {
        const s = value();
        if (!SCENARIOS.includes(s as ScenarioName)) throw new SimOptionError(`--scenario must be one of ${SCENARIOS.join(', ')}, got "${s}"`);
        input.scenario = s as ScenarioName;
        break;
      }
      case '--devices':
        input.devices = whole();
        break;
      case '--duration':
        input.durationS = seconds();
        break;
      case '--profile':
        profileName = value();
        break;
      case '--profile-file':
        profileFile = value();
        break;
      case '--nice':
        input.nice = whole();
        break;
      case '--workers':
        input.workers = whole();
        break;
      case '--seed':
        input.seed = whole();
        break;
      case '--cue-every':
        input.cueEveryS = seconds();
        break;
      case '--join':
        input.joinS = seconds();
        break;
      case '--settle':
        input.settleS = seconds();
        break;
      case '--package-fetch': {
        const v = value();
        if (v !== 'each' && v !== 'shared') throw new SimOptionError(`--package-fetch must be "each" or "shared", got "${v}"`);
        input.fetchPackagePerDevice = v === 'each';
        break;
      }
      case '--ramp':
        input.rampS = seconds();
        break;
      case '--spike':
        input.spikeS = seconds();
        break;
      case '--kill-at':
        input.killAtS = seconds();
        break;
      case '--degrade-to':
        degradeTo = value();
        break;
      case '--degrade-at':
        input.degradeAtS = seconds();
        break;
      case '--churn':
        input.churnPerMin = seconds();
        break;
      case '--json':
        jsonFile = reportPathArg(flag, value());
        break;
      case '--html':
        htmlFile = reportPathArg(flag, value());
        break;
      case '--no-progress':
        progress = false;
        break;
      default:
        throw new SimOptionError(`unknown option "${argv[i]}"`);
    }
  }
  if (profileName !== null && profileFile !== null) throw new SimOptionError('use either --profile or --profile-file, not both');
  if (!token) throw new SimOptionError('the operator token is needed: --token T or CROWDLIGHT_TOKEN (crowdlight serve prints it)');
  let wsUrls = urls.length > 0 ? urls : ['ws://127.0.0.1:8080/ws'];
  if (spread !== null) wsUrls = spreadHosts(wsUrls, spread);
  if (profileName !== null) input.profile = builtinProfile(profileName);
  if (profileFile !== null) input.profile = readProfileFile(profileFile);
  if (degradeTo !== null) input.degradeTo = builtinProfile(degradeTo);
  const options = resolveSimOptions({ ...input, urls: wsUrls, token });
  return { options, jsonFile, htmlFile, progress };
}

export async function run(argv: string[]): Promise<number> {
  let args: SimCliArgs | 'help';
  try {
    args = parseSimArgs(argv);
  } catch (err) {
    if (err instanceof SimOptionError || err instanceof ProfileError) {
      console.error(`crowdlight sim: ${err.message}\n(run with --help for usage)`);
      return 2;
    }
    throw err;
  }
  if (args === 'help') {
    console.log(HELP);
    return 0;
  }
  const o = args.options;
  const abort = new AbortController();
  let signals = 0;
  const onSignal = (): void => {
    signals++;
    if (signals === 1) {
      console.error('\ncrowdlight sim: stopping the devices and writing the report of what ran… (Ctrl-C again to exit at once)');
      abort.abort();
    } else {
      killLiveWorkers();
      process.exit(130);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const writer = progressWriter(process.stdout);
  try {
    const outcome = await runSim(o, {
      signal: abort.signal,
      log: (line) => {
        writer.done();
        console.log(line);
      },
      onProgress: args.progress ? (s) => writer.update(s) : undefined,
    });
    writer.done();
    console.log(formatReportTable(outcome.report));
    if (args.jsonFile) {
      writeFileSync(args.jsonFile, reportToJson(outcome.report));
      console.log(`report: ${args.jsonFile}`);
    }
    if (args.htmlFile) {
      writeFileSync(args.htmlFile, renderHtml(outcome.report));
      console.log(`html report: ${args.htmlFile}`);
    }
    for (const f of outcome.failures) console.error(`crowdlight sim: ${f}`);
    return outcome.status === 'completed' ? 0 : outcome.status === 'interrupted' ? 130 : 1;
  } catch (err) {
    writer.done();
    if (err instanceof SimRunError) {
      console.error(`crowdlight sim: ${err.message} [${err.code}]`);
      // Stopped before the devices started: nothing ran, so there is no report to write.
      return abort.signal.aborted ? 130 : 1;
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
