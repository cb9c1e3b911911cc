import { expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../src/cli/sync-eval.ts';
import { profileFromJson } from '../../../src/sim/index.ts';
import { capture } from './helpers.ts';

const small = ['--devices', '4', '--seconds', '30', '--workers', '1'];

test('sync-eval - --json prints one object with the documented shape', async () => {
  const r = await capture(() => run(['--profile', 'lan', ...small, '--json']));
  expect(r.code).toBe(0);
  const rep = JSON.parse(r.out);
  expect(rep.profile).toBe('lan');
  expect(rep.devices).toBe(4);
  expect(rep.seconds).toBe(30);
  expect(rep.seed).toBe(1);
  const names = Object.keys(rep.algorithms);
  expect(names).toContain('crowdlight');
  expect(names).toEqual(['crowdlight', 'cristian-best-of-n', 'timesync', 'ircam-sync', 'ntp-clock-filter']);
  for (const n of names) {
    const a = rep.algorithms[n];
    for (const k of ['p50', 'p95', 'p99', 'max']) {
      expect(typeof a.clockErrorMs[k]).toBe('number');
      expect(typeof a.visualErrorMs[k]).toBe('number');
    }
    expect(typeof a.convergeMs.p50).toBe('number');
    expect('p95' in a.convergeMs).toBe(true);
  }
});

test('sync-eval - same seed gives identical JSON, another seed differs', async () => {
  const args = ['--profile', 'stadium', ...small, '--json'];
  const a = await capture(() => run([...args, '--seed', '7']));
  const b = await capture(() => run([...args, '--seed', '7']));
  const c = await capture(() => run([...args, '--seed', '8']));
  expect(a.out).toBe(b.out);
  expect(a.out).not.toBe(c.out);
});

test('sync-eval - results do not depend on algorithm order or selection', async () => {
  const one = await capture(() => run(['--profile', '4g', ...small, '--json', '--algorithms', 'timesync']));
  const two = await capture(() => run(['--profile', '4g', ...small, '--json', '--algorithms', 'ntp-clock-filter,timesync']));
  expect(JSON.parse(one.out).algorithms.timesync).toEqual(JSON.parse(two.out).algorithms.timesync);
});

test('sync-eval - table output names every algorithm and the goal check', async () => {
  const r = await capture(() => run(['--profile', 'lan', ...small]));
  expect(r.code).toBe(0);
  for (const n of ['crowdlight', 'cristian-best-of-n', 'timesync', 'ircam-sync', 'ntp-clock-filter', 'naive-render', 'asymmetry floor']) {
    expect(r.out).toContain(n);
  }
  expect(r.out).toMatch(/crowdlight goals .*: (PASS|FAIL)/);
});

test('sync-eval - invalid arguments exit 2 with a clear message', async () => {
  for (const bad of [['--devices', '0'], ['--devices', 'ten'], ['--bogus'], ['--profile', 'mars'], ['--algorithms', 'foo'], ['--profile', 'lan', '--profile-file', 'x.json'], ['--seed']]) {
    const r = await capture(() => run(bad));
    expect(r.code).toBe(2);
    expect(r.err.length).toBeGreaterThan(10);
  }
});

test('sync-eval - a bad profile file is rejected with the path of the bad field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlight-sim-'));
  const file = join(dir, 'bad.json');
  const profile = {
    name: 'mine',
    mix: [
      { weight: 1, profile: '4g' },
      {
        weight: 1,
        profile: {
          name: 'broken',
          network: {
            baseRttMs: [10, 5],
            asymmetryMs: [0, 1],
            jitter: { kind: 'lognormal', medianMs: 1, sigma: 0.5, capMs: 100 },
            lossRate: 0.9,
            congestion: { episodesPerMinute: 0, peakMs: [0, 0], riseS: [1, 1], holdS: [1, 1], drainS: [1, 1], uplinkShare: 0.5 },
            serverMedianMs: 0.1,
            serverSigma: 0.1,
          },
          clock: { offsetS: [0, 1], driftPpm: [0, 1], driftWalkPpm: 0 },
          eventLoop: { pausesPerSecond: 0, pauseMedianMs: 1, pauseSigma: 0, pauseMaxMs: 1, handlerMedianMs: 0, handlerSigma: 0 },
          display: { refreshHz: [{ hz: 60, weight: 1 }], rafJitterMs: 0, dropProbability: 0 },
        },
      },
    ],
  };
  writeFileSync(file, JSON.stringify(profile));
  const r = await capture(() => run(['--profile-file', file, ...small]));
  expect(r.code).toBe(2);
  expect(r.err).toContain('mix.1.profile.network.baseRttMs');
  expect(r.err).toContain('mix.1.profile.network.lossRate');

  writeFileSync(file, '{ not json');
  const r2 = await capture(() => run(['--profile-file', file, ...small]));
  expect(r2.code).toBe(2);
  expect(r2.err).toContain('not valid JSON');
});

test('sync-eval - a valid profile file runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlight-sim-'));
  const file = join(dir, 'mix.json');
  writeFileSync(file, JSON.stringify({ name: 'half-and-half', mix: [{ weight: 1, profile: 'lan' }, { weight: 1, profile: '5g' }] }));
  const r = await capture(() => run(['--profile-file', file, ...small, '--json', '--algorithms', 'crowdlight']));
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out).profile).toBe('half-and-half');
});

test('sync-eval - splitting devices across worker threads does not change the report', async () => {
  const base = ['--profile', 'stadium', '--devices', '6', '--seconds', '30', '--json'];
  const one = await capture(() => run([...base, '--workers', '1']));
  const two = await capture(() => run([...base, '--workers', '2']));
  expect(two.code).toBe(0);
  expect(two.out).toBe(one.out);
});

test('sync-eval - the stress profiles shipped in bench/ stay valid', () => {
  const dir = new URL('../../../bench/sync-eval-profiles/', import.meta.url).pathname;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const f of files) {
    const p = profileFromJson(readFileSync(join(dir, f), 'utf8'), f);
    expect(p.name).toBe(f.replace(/\.json$/, ''));
    expect(p.members.length).toBe(1);
  }
});
