import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { RunningServer } from '../../src/server/index.ts';
import { parseProfile } from '../../src/sim/profile-schema.ts';
import { builtinProfiles } from '../../src/sim/profiles.ts';
import { resolveSimOptions, runSim, SimRunError, spawnWorkerProcess, type WorkerLink, type WorkerSpawner } from '../../src/sim/live/orchestrator/index.ts';
import { startScratchServer } from '../e2e/support/scratch-server.ts';
import { runSmall, total, wsUrlOf } from './support.ts';
import type { SimOutcome } from '../../src/sim/live/orchestrator/index.ts';

let server: RunningServer;

beforeAll(async () => {
  server = await startScratchServer('crowdlight-sim-scenarios-');
});

afterAll(async () => {
  await server?.stop();
});

/** What every scenario must show: the run completed, every device connected, every device
 *  connected and synced at the end, none lost, every expected cue seen. */
function expectHealthy(out: SimOutcome, devices: number): void {
  expect(out.failures).toEqual([]);
  expect(out.status).toBe('completed');
  const r = out.report;
  expect(out.input.results.length).toBe(2);
  expect(total(out, (w) => w.devices)).toBe(devices);
  expect(r.connectSuccessRate).toBe(1);
  expect(total(out, (w) => w.connectedAtEnd)).toBe(devices);
  expect(r.devicesLost).toBe(0);
  expect(r.cues.fired).toBeGreaterThanOrEqual(2);
  expect(r.cues.expected).toBeGreaterThan(0);
  expect(r.cues.seen).toBe(r.cues.expected);
  expect(Number.isFinite(r.clockErrorMs.p95)).toBe(true);
  expect(Number.isFinite(r.visualErrorMs.p95)).toBe(true);
  expect(r.timeline.length).toBeGreaterThan(3);
}

describe('sim scenarios (embedded server)', () => {
  test('sim steady - every device synced, every cue seen by every device, none lost', async () => {
    const out = await runSmall(server, { scenario: 'steady' });
    expectHealthy(out, 200);
    // Every device was connected before the first cue, so each cue is expected everywhere.
    expect(out.report.cues.expected).toBe(out.report.cues.fired * 200);
    expect(out.report.scenario).toBe('steady');
    expect(out.report.profile).toBe('lan');
  }, 60_000);

  test('sim ramp - devices arriving through the measured part all sync and see the cues after their arrival', async () => {
    const out = await runSmall(server, { scenario: 'ramp', durationS: 5, rampS: 3 });
    expectHealthy(out, 200);
    // Devices that had not arrived yet were not expected to show the early cues.
    expect(out.report.cues.expected).toBeLessThan(out.report.cues.fired * 200);
    const connected = out.report.timeline.map((p) => p.connected);
    expect(Math.min(...connected)).toBeLessThan(200);
    expect(connected[connected.length - 1]).toBe(200);
  }, 60_000);

  test('sim spike - every device connecting within a second all sync', async () => {
    const out = await runSmall(server, { scenario: 'spike', durationS: 5, spikeS: 1 });
    expectHealthy(out, 200);
  }, 60_000);

  test('sim degrade - devices stay synced and keep seeing cues after the network turns congested', async () => {
    const out = await runSmall(server, { scenario: 'degrade', durationS: 5, degradeAtS: 1 });
    expectHealthy(out, 200);
    expect(out.report.notes.join('\n')).toContain('congested-4g');
    // Cues fired after the switch were seen too (every cue reached every device).
    expect(out.report.cues.expected).toBe(out.report.cues.fired * 200);
  }, 60_000);

  test('sim mixed - a crowd mix with churn: every device joins, devices that went away come back', async () => {
    // The stadium mix takes longer to sync than a test should wait: a mix of lan and 5g
    // devices still gives different networks, refresh rates and slow devices.
    const mix = parseProfile({ name: 'lan-5g', mix: [{ weight: 1, profile: 'lan' }, { weight: 1, profile: '5g' }] }, builtinProfiles);
    const out = await runSmall(server, { scenario: 'mixed', durationS: 6, churnPerMin: 6, churnOfflineS: [0.01, 0.05], profile: mix });
    expect(out.failures).toEqual([]);
    expect(out.status).toBe('completed');
    expect(out.report.profile).toBe('lan-5g');
    expect(out.report.connectSuccessRate).toBe(1);
    expect(out.report.cues.seen).toBeGreaterThan(0);
    // Devices went away and came back. Churn stops for the last third of a run; a page whose
    // reconnect attempt met no network waits 1-10 s before the next (as after a refused
    // upgrade), which can outlast this short run's quiet tail, so a few devices (measured:
    // 0 to 2 of 200 over seeds) may still be on their way back at the end.
    expect(out.report.reconnectMs.count).toBeGreaterThan(50);
    expect(out.report.devicesLost).toBeLessThanOrEqual(4);
    expect(total(out, (w) => w.connectedAtEnd)).toBeGreaterThanOrEqual(196);
  }, 60_000);

  test('sim chaos - refused with a clear error when the server has a single in-process edge', async () => {
    const err = await runSmall(server, { scenario: 'chaos', durationS: 6, killAtS: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimRunError);
    expect((err as SimRunError).code).toBe('chaos-no-edges');
  }, 30_000);

  test('sim run - stopped mid-run (Ctrl-C): the workers still send what they measured and the report is built', async () => {
    const abort = new AbortController();
    const o = resolveSimOptions({ urls: [wsUrlOf(server)], token: server.token, devices: 60, workers: 2, durationS: 20, joinS: 0.5, settleS: 1 });
    const run = runSim(o, { signal: abort.signal, onProgress: (s) => { if (s.point.synced === 60) abort.abort(); } });
    const out = await run;
    expect(out.status).toBe('interrupted');
    expect(out.input.results.length).toBe(2);
    expect(out.report.connectSuccessRate).toBe(1);
    expect(out.report.notes.some((n) => n.startsWith('interrupted'))).toBe(true);
    expect(out.report.durationMs).toBeLessThan(20_000);
  }, 30_000);

  test('sim run - a worker process that dies mid-run fails the run at once; the other worker\'s devices are still reported', async () => {
    let victim: WorkerLink | null = null;
    const spawner: WorkerSpawner = (i, onMessage, nice) => {
      const link = spawnWorkerProcess(
        i,
        (m) => {
          // Worker 1 dies (SIGKILL) once its devices have started joining.
          if (i === 1 && m.type === 'progress' && m.connected > 0 && victim) {
            victim.kill();
            victim = null;
          }
          onMessage(m);
        },
        nice,
      );
      if (i === 1) victim = link;
      return link;
    };
    const o = resolveSimOptions({ urls: [wsUrlOf(server)], token: server.token, devices: 60, workers: 2, durationS: 30, joinS: 0.5, settleS: 1, seed: 3 });
    const out = await runSim(o, { spawner, readyTimeoutMs: 20_000, resultTimeoutMs: 15_000 });
    expect(out.status).toBe('failed');
    expect(out.failures.some((f) => f.startsWith('worker 1 exited before sending its result'))).toBe(true);
    expect(out.input.results.map((r) => r.workerIndex)).toEqual([0]);
    expect(out.report.notes.some((n) => n.includes('1 of 2 worker(s) sent no result'))).toBe(true);
    // Stopped long before the 30 s measured part ended.
    expect(out.report.durationMs).toBeLessThan(30_000);
  }, 30_000);

  test('sim run - a wrong operator token stops the run before any worker starts', async () => {
    const err = await runSmall(server, { token: 'not-the-token' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SimRunError);
    expect((err as SimRunError).code).toBe('unauthorized');
  });
});
