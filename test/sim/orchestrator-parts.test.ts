import { expect, test } from 'bun:test';
import { parseProfile } from '../../src/sim/profile-schema.ts';
import { builtinProfile, builtinProfiles } from '../../src/sim/profiles.ts';
import {
  computeEdgeFigures,
  cueColor,
  httpBaseOf,
  planRun,
  profileDocument,
  resolveSimOptions,
  SimOptionError,
  spreadHosts,
  toWebSocketUrl,
  workerConfigs,
  type EdgeStatus,
} from '../../src/sim/live/orchestrator/index.ts';
import { ProgressBoard } from '../../src/sim/live/orchestrator/progress-board.ts';
import { formatProgress, progressWriter } from '../../src/sim/live/orchestrator/progress-line.ts';
import { LogHistogram } from '../../src/sim/histogram.ts';
import { serializeHistogram } from '../../src/sim/live/histogram-wire.ts';
import type { WorkerProgress } from '../../src/sim/live/types.ts';

const base = { urls: ['ws://127.0.0.1:9/ws'], token: 't' };

test('sim urls - page URLs become the /ws WebSocket URL, ws URLs keep their path', () => {
  expect(toWebSocketUrl('http://127.0.0.1:8080/')).toBe('ws://127.0.0.1:8080/ws');
  expect(toWebSocketUrl('https://show.example/join?x=1')).toBe('wss://show.example/ws');
  expect(toWebSocketUrl('ws://127.0.0.1:8080/ws')).toBe('ws://127.0.0.1:8080/ws');
  expect(toWebSocketUrl('ws://127.0.0.1:8080')).toBe('ws://127.0.0.1:8080/ws');
  expect(() => toWebSocketUrl('ftp://x/')).toThrow(SimOptionError);
  expect(() => toWebSocketUrl('not a url')).toThrow(SimOptionError);
  expect(httpBaseOf('wss://a.example:444/ws')).toBe('https://a.example:444/');
});

test('sim urls - --spread-hosts rewrites 127.0.0.1 into K loopback addresses and keeps others', () => {
  expect(spreadHosts(['ws://127.0.0.1:8080/ws', 'ws://10.0.0.5:8080/ws'], 3)).toEqual([
    'ws://127.0.0.1:8080/ws',
    'ws://127.0.0.2:8080/ws',
    'ws://127.0.0.3:8080/ws',
    'ws://10.0.0.5:8080/ws',
  ]);
  expect(() => spreadHosts(['ws://10.0.0.5:8080/ws'], 2)).toThrow(/127\.0\.0\.1/);
  expect(() => spreadHosts(['ws://127.0.0.1:8080/ws'], 0)).toThrow(SimOptionError);
});

test('sim options - workers default to one per 15,000 devices and a worker holds at most 18,000', () => {
  expect(resolveSimOptions({ ...base, devices: 100_000 }).workers).toBe(7);
  expect(resolveSimOptions({ ...base, devices: 300 }).workers).toBe(1);
  expect(() => resolveSimOptions({ ...base, devices: 100_000, workers: 5 })).toThrow(/--workers 6/);
  expect(() => resolveSimOptions({ ...base, devices: 3, workers: 4 })).toThrow(SimOptionError);
});

test('sim options - scenario knobs are checked against the duration', () => {
  expect(() => resolveSimOptions({ ...base, scenario: 'ramp', durationS: 10, rampS: 10 })).toThrow(/--ramp/);
  expect(() => resolveSimOptions({ ...base, scenario: 'spike', durationS: 4, spikeS: 5 })).toThrow(/--spike/);
  expect(() => resolveSimOptions({ ...base, scenario: 'chaos', durationS: 10, killAtS: 7 })).toThrow(/--kill-at/);
  expect(() => resolveSimOptions({ ...base, scenario: 'degrade', durationS: 10, degradeAtS: 10 })).toThrow(/--degrade-at/);
  expect(resolveSimOptions({ ...base, scenario: 'mixed' }).profile.name).toBe('stadium');
  expect(resolveSimOptions({ ...base, scenario: 'mixed' }).churnPerMin).toBeGreaterThan(0);
  expect(resolveSimOptions({ ...base }).churnPerMin).toBe(0);
});

test('sim plan - steady joins, settles, then measures with cues inside the window', () => {
  const o = resolveSimOptions({ ...base, devices: 100, joinS: 2, settleS: 3, durationS: 10, cueEveryS: 2 });
  const p = planRun(o);
  expect(p.connectSpreadMs).toBe(2000);
  expect(p.measureStartRelMs).toBe(5000);
  expect(p.measureEndRelMs).toBe(15_000);
  expect(p.endRelMs).toBeGreaterThan(p.measureEndRelMs);
  expect(p.cueAtRelMs.length).toBeGreaterThanOrEqual(4);
  for (const t of p.cueAtRelMs) {
    expect(t).toBeGreaterThan(p.measureStartRelMs);
    expect(t).toBeLessThan(p.measureEndRelMs);
  }
  expect(p.killAtRelMs).toBeNull();
  expect(p.degradeAtRelMs).toBeNull();
});

test('sim plan - ramp and spike connect from the start of the measured part; chaos and degrade are scheduled inside it', () => {
  const ramp = planRun(resolveSimOptions({ ...base, scenario: 'ramp', durationS: 20, rampS: 12 }));
  expect([ramp.measureStartRelMs, ramp.connectSpreadMs]).toEqual([0, 12_000]);
  const spike = planRun(resolveSimOptions({ ...base, scenario: 'spike', durationS: 20, spikeS: 3 }));
  expect([spike.measureStartRelMs, spike.connectSpreadMs]).toEqual([0, 3000]);
  const chaos = planRun(resolveSimOptions({ ...base, scenario: 'chaos', durationS: 20, killAtS: 6, joinS: 1, settleS: 1 }));
  expect(chaos.killAtRelMs).toBe(8000);
  const degrade = planRun(resolveSimOptions({ ...base, scenario: 'degrade', durationS: 20, degradeAtS: 4, joinS: 1, settleS: 1 }));
  expect(degrade.degradeAtRelMs).toBe(6000);
});

test('sim plan - worker configs split the devices without gaps and carry the schedule', () => {
  const o = resolveSimOptions({ ...base, scenario: 'degrade', urls: ['ws://127.0.0.1:9/ws', 'ws://127.0.0.2:9/ws'], devices: 10, workers: 3, durationS: 10 });
  const plan = planRun(o);
  const cs = workerConfigs(o, plan);
  expect(cs.map((c) => [c.firstDevice, c.deviceCount])).toEqual([[0, 4], [4, 3], [7, 3]]);
  for (const c of cs) {
    expect(c.urls).toEqual(o.urls);
    expect(c.pageUrl).toBe('http://127.0.0.1:9/');
    expect(c.endRelMs).toBe(plan.endRelMs);
    expect(c.degradeAtRelMs).toBe(plan.degradeAtRelMs!);
    expect(c.degradeProfile).toBeDefined();
  }
});

test('sim plan - a profile document reads back to the same profile, mixes included', () => {
  for (const name of ['lan', 'stadium']) {
    const p = builtinProfile(name);
    const back = parseProfile(JSON.parse(JSON.stringify(profileDocument(p))), builtinProfiles);
    expect(back).toEqual(p);
  }
});

test('sim cues - colours are valid and differ from one cue to the next', () => {
  const seen = new Set<string>();
  for (let k = 0; k < 20; k++) {
    const c = cueColor(k);
    expect(c).toMatch(/^#[0-9a-f]{6}$/);
    seen.add(c);
  }
  expect(seen.size).toBe(20);
});

const edge = (edgeId: string, connections: number, rssMB: number, cpuMs: number, framesOut: number, lag = 1): EdgeStatus => ({
  edgeId, pid: 1, connections, rssBytes: rssMB * 1024 * 1024, cpuMicros: cpuMs * 1000, framesOut, loopLagMaxMs: lag, atMs: 0,
});

test('sim edge figures - memory per connection from the baseline, CPU and frames over the window', () => {
  const baseline = { atRelMs: -500, edges: [edge('a', 0, 50, 0, 0), edge('b', 0, 50, 0, 0)] };
  const samples = [
    { atRelMs: 1000, edges: [edge('a', 500, 52, 100, 1000), edge('b', 500, 52, 100, 1000)] },
    { atRelMs: 2000, edges: [edge('a', 1000, 54, 200, 2000, 7), edge('b', 1000, 54, 300, 2000)] },
    { atRelMs: 3000, edges: [edge('a', 1000, 54, 400, 4000), edge('b', 1000, 54, 500, 4000)] },
  ];
  const f = computeEdgeFigures(samples, baseline, 1000, 3000, 2);
  expect(f.edges).toBe(2);
  expect(f.peakConnections).toBe(2000);
  expect(f.rssPerConnectionKB).toBeCloseTo((8 * 1024) / 2000, 6);
  // 700 ms of CPU over 2 s on 2 cores.
  expect(f.cpuPercent).toBeCloseTo(17.5, 6);
  expect(f.cpuMicrosPerDeliveredFrame).toBeCloseTo(700_000 / 6000, 6);
  expect(f.eventLoopLagMs).toBe(7);
});

test('sim edge figures - an edge killed mid-window counts up to its last sample; no samples gives nulls', () => {
  const samples = [
    { atRelMs: 0, edges: [edge('a', 10, 10, 0, 0), edge('b', 10, 10, 0, 0)] },
    { atRelMs: 1000, edges: [edge('a', 10, 10, 100, 10), edge('b', 10, 10, 100, 10)] },
    { atRelMs: 2000, edges: [edge('a', 20, 10, 300, 30)] },
  ];
  const f = computeEdgeFigures(samples, null, 0, 2000, 1);
  expect(f.cpuMicrosPerDeliveredFrame).toBeCloseTo(400_000 / 40, 6);
  const none = computeEdgeFigures([], null, 0, 1000, 2);
  expect([none.rssPerConnectionKB, none.cpuPercent, none.cpuMicrosPerDeliveredFrame, none.eventLoopLagMs]).toEqual([null, null, null, null]);
});

function progress(workerIndex: number, connected: number, errors: number, clockSamples: number[]): WorkerProgress {
  const h = new LogHistogram();
  for (const v of clockSamples) h.add(v);
  return { type: 'progress', workerIndex, atRelMs: 1000, connected, synced: connected, ready: connected, reconnecting: 0, errors, clockError: serializeHistogram(h), rssBytes: 1e6 };
}

test('sim progress - the timeline sums the workers\' latest counts and takes the clock p95 of the last second only', () => {
  const b = new ProgressBoard(2);
  b.onProgress(progress(0, 10, 1, [1, 1, 1]));
  b.onProgress(progress(1, 5, 0, [2]));
  b.onProgress(progress(0, 12, 1, [3]));
  const p1 = b.point(1000, 17);
  expect([p1.connected, p1.synced, p1.errors, p1.edgeConnections]).toEqual([17, 17, 1, 17]);
  expect(p1.clockP95Ms!).toBeGreaterThan(2.9);
  const p2 = b.point(2000, null);
  expect(p2.connected).toBe(17);
  expect(p2.clockP95Ms).toBeNull();
  expect(b.timeline.length).toBe(2);
  expect(b.workersRssBytes()).toBe(2e6);
});

test('sim progress - a terminal gets one rewritten line, a log gets plain lines', () => {
  const snap = { point: { tRelMs: 3000, connected: 5, synced: 4, ready: 3, reconnecting: 1, errors: 0, clockP95Ms: 0.5, edgeConnections: 5 }, phase: 'measuring' as const, devices: 10, cuesFired: 2 };
  expect(formatProgress(snap)).toContain('connected 5/10');
  let tty = '';
  const w = progressWriter({ isTTY: true, write: (s: string) => (tty += s) });
  w.update(snap);
  w.done();
  expect(tty.startsWith('\r')).toBe(true);
  expect(tty.endsWith('\n')).toBe(true);
  let plain = '';
  const p = progressWriter({ isTTY: false, write: (s: string) => (plain += s) }, 5);
  p.update(snap);
  p.update({ ...snap, point: { ...snap.point, tRelMs: 4000 } });
  expect(plain.split('\n').filter(Boolean).length).toBe(1);
  expect(plain).not.toContain('\r');
});

test('sim edge figures - a restarted edge (same id, new pid, counters from zero) adds its own work, never a negative delta', () => {
  const e2 = (pid: number, cpuMs: number, framesOut: number): EdgeStatus => ({ ...edge('a', 10, 10, cpuMs, framesOut), pid });
  const samples = [
    { atRelMs: 0, edges: [e2(100, 1000, 5000)] },
    { atRelMs: 1000, edges: [e2(100, 1100, 5100)] },
    { atRelMs: 2000, edges: [e2(200, 10, 10)] },
    { atRelMs: 3000, edges: [e2(200, 60, 60)] },
  ];
  const f = computeEdgeFigures(samples, null, 0, 3000, 1);
  expect(f.edges).toBe(1);
  expect(f.cpuMicrosPerDeliveredFrame).toBeCloseTo(150_000 / 150, 6);
});

test('sim progress - clock-error samples of the measured window are kept per worker, warm-up seconds left out', () => {
  const b = new ProgressBoard(2, { startRelMs: 2000, endRelMs: 4000 });
  const at = (p: WorkerProgress, atRelMs: number): WorkerProgress => ({ ...p, atRelMs });
  b.onProgress(at(progress(0, 1, 0, [50, 60]), 1000));
  b.onProgress(at(progress(0, 1, 0, [40]), 1999));
  b.onProgress(at(progress(0, 1, 0, [1, 2]), 2000));
  b.onProgress(at(progress(0, 1, 0, [3]), 3999));
  b.onProgress(at(progress(0, 1, 0, [70]), 4000));
  const w = b.windowClockError(0)!;
  expect(w.count).toBe(3);
  expect(w.max).toBe(3);
  expect(b.windowClockError(1)).toBeNull();
});

test('sim progress - a progress message\'s clock samples are taken at its instant: a window with a fractional start keeps the ticks inside it', () => {
  // Workers tick half a second off the run's whole seconds (their interval starts with the
  // `start` message, 500 ms before run-relative 0): a window [3300, 7300) holds the ticks at
  // 3500 ... 6500, not the one at 7500 (after the end) nor the one at 2500 (warm-up).
  const b = new ProgressBoard(1, { startRelMs: 3300, endRelMs: 7300 });
  const at = (p: WorkerProgress, atRelMs: number): WorkerProgress => ({ ...p, atRelMs });
  b.onProgress(at(progress(0, 1, 0, [50]), 2500));
  b.onProgress(at(progress(0, 1, 0, [1]), 3500));
  b.onProgress(at(progress(0, 1, 0, [2]), 6500));
  b.onProgress(at(progress(0, 1, 0, [70]), 7500));
  const w = b.windowClockError(0)!;
  expect(w.count).toBe(2);
  expect(w.max).toBe(2);
});

test('sim edge figures - CPU share is taken over the edges\' own report times, not the instants /api/status was sampled', () => {
  // One edge busy half of one core, reporting once a second at 100 ms past each second
  // (report time = controller time, here host ms). The sample at 0 carries the report of
  // -900; a slow sample at 4150 carries the report of 4100: 5 s of CPU reports in 4.15 s of samples.
  const report = (atMs: number): EdgeStatus => ({ ...edge('a', 10, 10, atMs / 2, atMs), atMs });
  const samples = [
    { atRelMs: 0, edges: [report(-900)] },
    { atRelMs: 1000, edges: [report(100)] },
    { atRelMs: 2000, edges: [report(1100)] },
    { atRelMs: 4150, edges: [report(4100)] },
  ];
  const f = computeEdgeFigures(samples, null, 0, 5000, 1);
  expect(f.cpuPercent).toBeCloseTo(50, 6);
  // Two edges on two cores, one of them killed half-way: 50 % + 25 % of one core over 2 cores.
  const two = [
    { atRelMs: 0, edges: [{ ...report(-900), edgeId: 'a' }, { ...report(-900), edgeId: 'b', pid: 2 }] },
    { atRelMs: 2000, edges: [{ ...report(1100), edgeId: 'a' }, { ...report(1100), edgeId: 'b', pid: 2 }] },
    { atRelMs: 4000, edges: [{ ...report(3100), edgeId: 'a' }] },
  ];
  expect(computeEdgeFigures(two, null, 0, 4000, 2).cpuPercent).toBeCloseTo(37.5, 6);
});

test('sim worker pool - waiting for the workers to end leaves no timer behind: a finished wait lets the process exit', () => {
  // A pool with no workers has drained at once; the wait's 10-minute bound must not keep the
  // process alive (a script or test calling runSim would otherwise hang on after the run).
  const script =
    "import { WorkerPool } from './src/sim/live/orchestrator/worker-pool.ts';" +
    'await new WorkerPool([], () => { throw new Error("no spawn"); }, () => {}).drained(600_000);' +
    "console.log('drained');";
  const p = Bun.spawnSync({ cmd: [process.execPath, '-e', script], cwd: `${import.meta.dir}/../..`, stdout: 'pipe', stderr: 'pipe', timeout: 60_000 });
  expect(p.stdout.toString()).toContain('drained');
  expect(p.exitCode).toBe(0);
});

test('sim wait-within - resolves when the promise settles either way, or at the bound', async () => {
  const { waitWithin } = await import('../../src/sim/live/orchestrator/wait-within.ts');
  const order: string[] = [];
  await waitWithin(Promise.reject(new Error('x')), 600_000).then(() => order.push('rejected'));
  await waitWithin(new Promise(() => {}), 5).then(() => order.push('bound'));
  await waitWithin(Promise.resolve(1), 600_000).then(() => order.push('resolved'));
  expect(order).toEqual(['rejected', 'bound', 'resolved']);
});
