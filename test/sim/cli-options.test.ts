import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSimArgs } from '../../src/cli/sim.ts';
import { ProfileError } from '../../src/sim/profile-schema.ts';
import { SimOptionError } from '../../src/sim/live/orchestrator/index.ts';

const env = { CROWDLIGHT_TOKEN: 'secret' };
const parse = (...argv: string[]) => {
  const r = parseSimArgs(argv, env);
  if (r === 'help') throw new Error('unexpected help');
  return r;
};

function cli(args: string[], extraEnv: Record<string, string> = {}): { code: number; stderr: string; stdout: string } {
  const envVars: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CROWDLIGHT_TOKEN') envVars[k] = v;
  const p = Bun.spawnSync({ cmd: [process.execPath, 'src/cli/main.ts', 'sim', ...args], env: { ...envVars, ...extraEnv }, stdout: 'pipe', stderr: 'pipe' });
  return { code: p.exitCode ?? -1, stderr: p.stderr.toString(), stdout: p.stdout.toString() };
}

test('sim cli - defaults: the local serve URL, steady, lan, token from CROWDLIGHT_TOKEN', () => {
  const a = parse();
  expect(a.options.urls).toEqual(['ws://127.0.0.1:8080/ws']);
  expect(a.options.scenario).toBe('steady');
  expect(a.options.profile.name).toBe('lan');
  expect(a.options.token).toBe('secret');
  expect(a.progress).toBe(true);
  expect([a.jsonFile, a.htmlFile]).toEqual([null, null]);
});

test('sim cli - options reach the run options (repeatable --url, page URLs, --spread-hosts, knobs)', () => {
  const a = parse(
    '--url', 'http://127.0.0.1:9000/', '--url=ws://127.0.0.1:9001/ws', '--spread-hosts', '2', '--devices', '40000', '--scenario', 'chaos',
    '--duration', '60', '--kill-at', '20', '--cue-every', '2.5', '--seed', '9', '--token', 'tok', '--no-progress', '--json', 'r.json', '--html', 'r.html',
    '--profile', '4g', '--package-fetch', 'each',
  );
  expect(a.options.urls).toEqual(['ws://127.0.0.1:9000/ws', 'ws://127.0.0.2:9000/ws', 'ws://127.0.0.1:9001/ws', 'ws://127.0.0.2:9001/ws']);
  expect(a.options.devices).toBe(40_000);
  expect(a.options.workers).toBe(3);
  expect(a.options.killAtS).toBe(20);
  expect(a.options.cueEveryS).toBe(2.5);
  expect(a.options.seed).toBe(9);
  expect(a.options.token).toBe('tok');
  expect(a.options.profile.name).toBe('4g');
  expect(a.options.fetchPackagePerDevice).toBe(true);
  expect([a.jsonFile, a.htmlFile, a.progress]).toEqual(['r.json', 'r.html', false]);
  const d = parse('--scenario', 'degrade', '--degrade-to', 'hostile', '--degrade-at', '3', '--duration', '10');
  expect([d.options.degradeTo.name, d.options.degradeAtS]).toEqual(['hostile', 3]);
  expect(parse('--scenario', 'mixed', '--churn', '4').options.churnPerMin).toBe(4);
});

test('sim cli - bad options throw errors that name the option', () => {
  const bad: Array<[string[], RegExp]> = [
    [['--devices', 'many'], /--devices/],
    [['--devices', '0'], /--devices/],
    [['--scenario', 'party'], /--scenario/],
    [['--duration'], /--duration needs a value/],
    [['--frobnicate'], /unknown option/],
    [['--url', 'gopher://x/'], /--url/],
    [['--spread-hosts', '3', '--url', 'ws://10.1.1.1:1/ws'], /--spread-hosts/],
    [['--profile', 'lan', '--profile-file', 'x.json'], /either --profile or --profile-file/],
    [['--package-fetch', 'sometimes'], /--package-fetch/],
    [['--workers', '1', '--devices', '20000'], /18000/],
    [['--scenario', 'ramp', '--ramp', '40', '--duration', '30'], /--ramp/],
  ];
  for (const [argv, re] of bad) expect(() => parseSimArgs(argv, env)).toThrow(re);
  expect(() => parseSimArgs([], {})).toThrow(/token/);
  expect(() => parseSimArgs(['--profile', 'moon'], env)).toThrow(ProfileError);
  expect(() => parseSimArgs(['--devices', '-3'], env)).toThrow(SimOptionError);
  expect(parseSimArgs(['--help'], {})).toBe('help');
});

test('sim cli - a bad profile file is refused with the path of the bad field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlight-sim-cli-'));
  try {
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ name: 'x', mix: [{ weight: 1, profile: 'lan' }, { weight: -1, profile: 'lan' }] }));
    expect(() => parseSimArgs(['--profile-file', file], env)).toThrow(/mix\.1\.weight/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sim cli - option errors exit with code 2 and say what is wrong; --help exits 0', () => {
  const r = cli(['--devices', 'lots'], { CROWDLIGHT_TOKEN: 'x' });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('--devices');
  const t = cli([]);
  expect(t.code).toBe(2);
  expect(t.stderr).toContain('token');
  const h = cli(['--help']);
  expect(h.code).toBe(0);
  expect(h.stdout).toContain('--scenario');
});

test('sim cli - a server that is not there fails the run with exit code 1', () => {
  // Port 9 on loopback: nothing listens there.
  const r = cli(['--url', 'ws://127.0.0.1:9/ws', '--devices', '2', '--no-progress'], { CROWDLIGHT_TOKEN: 'x' });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('server-unreachable');
});

test('sim cli - --nice sets the workers\' priority (0..19) and a worker process runs at it', async () => {
  expect(parse().options.nice).toBe(0);
  expect(parse('--nice', '10').options.nice).toBe(10);
  expect(() => parse('--nice', '20')).toThrow(SimOptionError);
  const { spawnWorkerProcess } = await import('../../src/sim/live/orchestrator/index.ts');
  const { getPriority } = await import('node:os');
  const link = spawnWorkerProcess(0, () => {}, 10);
  try {
    // The worker waits for its config: read its priority while it waits (by its own pid:
    // other simulator runs on the machine have worker processes too).
    expect(link.pid).toBeGreaterThan(0);
    expect(getPriority(link.pid!)).toBe(10);
  } finally {
    link.kill();
    await link.exited;
  }
});

test('sim cli - a report path whose directory does not exist is refused before the run, not after it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlight-sim-cli-'));
  try {
    expect(() => parseSimArgs(['--json', join(dir, 'no-such-dir', 'r.json')], env)).toThrow(/--json .*does not exist/);
    expect(() => parseSimArgs(['--html', join(dir, 'missing', 'r.html')], env)).toThrow(SimOptionError);
    expect(() => parseSimArgs(['--html', dir], env)).toThrow(/is a directory/);
    expect(() => parseSimArgs(['--json='], env)).toThrow(/--json needs a file name/);
    const ok = parse('--json', join(dir, 'r.json'), '--html', join(dir, 'r.html'));
    expect([ok.jsonFile, ok.htmlFile]).toEqual([join(dir, 'r.json'), join(dir, 'r.html')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
