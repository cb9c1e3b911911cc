/**
 * One `crowdlight sim` run: check the server, make sure the show plays, start the workers,
 * share the start instant, fire live cues and (chaos) kill an edge on schedule, sample the
 * server's edges and the workers' progress each second, collect the results and build the
 * report. Every step has a deadline, so a run always ends.
 */
import { availableParallelism } from 'node:os';
import { buildReport } from '../report/index.ts';
import type { LoadReport, ReportInput, WorkerResult } from '../types.ts';
import { killEdge, checkChaosPossible, isLocalHost } from './chaos.ts';
import { computeEdgeFigures, sumConnections, unknownEdgeFigures, type EdgeSample } from './edge-figures.ts';
import { SimRunError } from './errors.ts';
import { cueColor, OperatorClient, type ServerStatus } from './operator-client.ts';
import type { SimOptions } from './options.ts';
import { planRun, workerConfigs, type RunPlan } from './plan.ts';
import { ProgressBoard } from './progress-board.ts';
import type { ProgressSnapshot, RunPhase } from './progress-line.ts';
import { EPHEMERAL_PORTS, httpBaseOf, maxConnectionsPerUrl } from './urls.ts';
import { spawnWorkerProcess, WorkerPool, type WorkerSpawner } from './worker-pool.ts';
import { waitWithin } from './wait-within.ts';

/** The host clock every process on this machine shares (the controller's timebase). */
const hostNow = (): number => performance.timeOrigin + performance.now();

/** How long a flash cue lasts, ms. */
const CUE_DURATION_MS = 400;
/** The start instant is this far ahead of the `start` message, so every worker has it in time. */
const START_AHEAD_MS = 500;
/** chaos: how long to wait for the server to list its edge processes. */
const EDGES_WAIT_MS = 8000;
const EDGES_SETTLED_MS = 2500;

export interface RunHooks {
  /** How workers are run (default: child processes running worker-main.ts). */
  spawner?: WorkerSpawner;
  /** Aborting (Ctrl-C) stops the workers and reports what ran. */
  signal?: AbortSignal;
  onProgress?: (s: ProgressSnapshot) => void;
  log?: (line: string) => void;
  /** Deadline for every worker to say ready, ms (default 30 s + 1 s per 1,000 devices). */
  readyTimeoutMs?: number;
  /** Deadline for the results after the end, ms (default 20 s + 1 s per 2,000 devices). */
  resultTimeoutMs?: number;
}

export interface SimOutcome {
  /** completed: the schedule ran to its end; interrupted: stopped by the signal; failed: a
   *  worker or a chaos step failed (the report holds what ran). */
  status: 'completed' | 'interrupted' | 'failed';
  failures: string[];
  report: LoadReport;
  input: ReportInput;
  plan: RunPlan;
}

export async function runSim(o: SimOptions, hooks: RunHooks = {}): Promise<SimOutcome> {
  const log = hooks.log ?? (() => {});
  const signal = hooks.signal;
  const cores = availableParallelism();
  const client = new OperatorClient(httpBaseOf(o.urls[0]!), o.token);
  const notes: string[] = [];

  let status0 = await client.ensurePlaying();
  if (o.scenario === 'chaos') {
    // Edges report about once a second: a server that has just started may not list them all
    // yet. A list that stays short for a few report periods is what the server has.
    const t0 = performance.now();
    const listed = (): number => status0.edges?.length ?? 0;
    while (listed() < 2 && !signal?.aborted) {
      const waited = performance.now() - t0;
      if (waited >= EDGES_WAIT_MS || (listed() > 0 && waited >= EDGES_SETTLED_MS)) break;
      await Bun.sleep(250);
      status0 = await client.status();
    }
    checkChaosPossible(status0, o.urls);
  }
  if (!o.urls.every((u) => isLocalHost(new URL(u).hostname))) {
    notes.push('the server is not on this machine: clock and visual errors are measured against this host\'s clock, so they include the offset between the two hosts');
  }
  const perUrl = maxConnectionsPerUrl(o.devices, o.urls.length);
  if (perUrl > EPHEMERAL_PORTS * 0.95) {
    const msg = `${perUrl} devices per URL is near the ${EPHEMERAL_PORTS} ephemeral ports of one address pair: connections may fail for want of ports (add --spread-hosts or more --url)`;
    notes.push(msg);
    log(`warning: ${msg}`);
  }
  if (o.scenario === 'degrade') notes.push(`network profile switched from ${o.profile.name} to ${o.degradeTo.name} ${o.degradeAtS} s into the measured part`);
  if (o.churnPerMin > 0) notes.push(`churn: each device leaves ${o.churnPerMin} time(s) a minute on average and returns after ${o.churnOfflineS[0]}-${o.churnOfflineS[1]} s`);

  const plan = planRun(o);
  const board = new ProgressBoard(o.workers, { startRelMs: plan.measureStartRelMs, endRelMs: plan.measureEndRelMs });
  const pool = new WorkerPool(workerConfigs(o, plan), hooks.spawner ?? spawnWorkerProcess, (p) => board.onProgress(p), o.nice);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();

  log(`starting ${o.workers} worker(s) for ${o.devices} devices (${o.scenario}, profile ${o.profile.name})`);
  pool.start();
  await pool.waitReady(hooks.readyTimeoutMs ?? 30_000 + o.devices, signal);

  // The edges before any device connects: the memory baseline.
  const samples: EdgeSample[] = [];
  let baseline: EdgeSample | null = null;
  const first = await client.status().catch(() => status0);
  if (first.edges) baseline = { atRelMs: -START_AHEAD_MS, edges: first.edges };

  const runStartMs = hostNow() + START_AHEAD_MS;
  pool.broadcast({ type: 'start', runStartMs });
  const rel = (): number => hostNow() - runStartMs;

  let cuesFired = 0;
  let statusFailures = 0;
  let lastEdgeConnections: number | null = null;
  let sampling: Promise<void> | null = null;
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>): void => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };
  const takeSample = (): void => {
    if (sampling) return;
    sampling = client
      .status()
      .then((s: ServerStatus) => {
        if (s.edges) {
          samples.push({ atRelMs: rel(), edges: s.edges });
          lastEdgeConnections = sumConnections(s.edges);
        } else {
          lastEdgeConnections = s.audience?.connections ?? null;
        }
      })
      .catch(() => {
        statusFailures++;
      })
      .finally(() => {
        sampling = null;
      });
  };
  const fireCue = (k: number): void => {
    track(
      (async () => {
        const issuedAtMs = hostNow();
        try {
          const cue = await client.fireCue(cueColor(k), CUE_DURATION_MS);
          cuesFired++;
          pool.broadcast({ type: 'cue', cueId: cue.cueId, issuedAtMs, startControllerMs: cue.startControllerMs });
        } catch (err) {
          notes.push(`cue ${k + 1} could not be fired: ${err instanceof Error ? err.message : String(err)}`);
        }
      })(),
    );
  };

  let outcome: SimOutcome['status'] = 'completed';
  const failures: string[] = [];
  let nextTick = 1000;
  let nextCue = 0;
  let killed = plan.killAtRelMs === null;
  const phaseAt = (t: number): RunPhase => (t < plan.measureStartRelMs ? 'joining' : t < plan.measureEndRelMs ? 'measuring' : 'finishing');

  for (;;) {
    const t = rel();
    if (signal?.aborted) {
      outcome = 'interrupted';
      break;
    }
    if (pool.failures.length > 0) {
      outcome = 'failed';
      break;
    }
    if (t >= plan.endRelMs) break;
    while (nextCue < plan.cueAtRelMs.length && plan.cueAtRelMs[nextCue]! <= t) fireCue(nextCue++);
    if (!killed && t >= plan.killAtRelMs!) {
      killed = true;
      try {
        const victim = killEdge(await client.status(), o.urls);
        const msg = `chaos: edge ${victim.edgeId} (pid ${victim.pid}, ${victim.connections} connections) killed ${((rel() - plan.measureStartRelMs) / 1000).toFixed(1)} s into the measured part`;
        notes.push(msg);
        log(msg);
      } catch (err) {
        failures.push(err instanceof SimRunError ? `${err.code}: ${err.message}` : String(err));
        outcome = 'failed';
        break;
      }
    }
    if (t >= nextTick) {
      const tick = Math.floor(t / 1000) * 1000;
      const point = board.point(tick, lastEdgeConnections);
      hooks.onProgress?.({ point, phase: phaseAt(tick), devices: o.devices, cuesFired });
      takeSample();
      nextTick = tick + 1000;
    }
    const nextAt = Math.min(nextTick, plan.cueAtRelMs[nextCue] ?? Infinity, killed ? Infinity : plan.killAtRelMs!, plan.endRelMs);
    await Bun.sleep(Math.max(1, Math.min(100, nextAt - rel())));
  }
  const endRel = rel();

  if (outcome !== 'completed') pool.broadcast({ type: 'stop' });
  const collected: WorkerResult[] = await pool.collect(outcome === 'completed' ? (hooks.resultTimeoutMs ?? 20_000 + o.devices / 2) : 10_000);
  // Clock error is judged on the measured part: before it, devices are still joining and
  // settling (for ramp and spike the measured part starts at 0, so nothing is left out).
  const results = collected.map((r) => {
    const inWindow = board.windowClockError(r.workerIndex);
    return inWindow ? { ...r, clockError: inWindow } : r;
  });
  if (plan.measureStartRelMs > 0 && results.some((r, i) => r !== collected[i])) {
    notes.push(`clock error counts the samples of the measured part; the ${(plan.measureStartRelMs / 1000).toFixed(1)} s of joining and settling before it are warm-up`);
  }
  // A cue request still waiting on a saturated server: its answer is noted (fired or not).
  await waitWithin(Promise.all([...pending]), outcome === 'completed' ? 31_000 : 2000);
  await waitWithin(sampling ?? Promise.resolve(), 11_000);
  await pool.drained(2000);
  failures.push(...pool.failures);
  if (failures.length > 0 && outcome === 'completed') outcome = 'failed';
  if (outcome === 'interrupted') notes.push(`interrupted ${(endRel / 1000).toFixed(1)} s into the run: the report covers what ran`);
  for (const f of failures) notes.push(`failure: ${f}`);
  if (results.length < o.workers) notes.push(`${o.workers - results.length} of ${o.workers} worker(s) sent no result: their devices are missing from the figures`);
  if (statusFailures > 0) notes.push(`/api/status did not answer ${statusFailures} time(s) during the run`);

  const windowEnd = Math.min(plan.measureEndRelMs, endRel);
  const peakFromTimeline = board.timeline.reduce((m, p) => Math.max(m, p.edgeConnections ?? 0), 0);
  const edge = samples.length > 0 ? computeEdgeFigures(samples, baseline, plan.measureStartRelMs, windowEnd, cores) : unknownEdgeFigures(peakFromTimeline);
  if (samples.length === 0) notes.push('the server does not list its edge processes in /api/status: edge memory, CPU and loop lag are unknown');

  const cpu = process.cpuUsage(cpu0);
  const input: ReportInput = {
    scenario: o.scenario,
    profile: o.profile.name,
    devices: o.devices,
    startedAt: new Date(runStartMs).toISOString(),
    durationMs: Math.max(0, windowEnd - plan.measureStartRelMs),
    urls: o.urls,
    seed: o.seed,
    results,
    timeline: board.timeline,
    edge,
    cuesFired,
    simCpuMicros: cpu.user + cpu.system + results.reduce((n, r) => n + r.cpuMicros, 0),
    wallMs: performance.now() - wall0,
    cores,
    notes,
  };
  return { status: outcome, failures, report: buildReport(input), input, plan };
}
