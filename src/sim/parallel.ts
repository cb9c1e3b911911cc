/**
 * Runs a simulation split across worker threads (devices are independent, so each worker
 * takes a contiguous range of device indices) and merges the results in worker order. The
 * result does not depend on the number of workers: every device's realisation depends only
 * on (seed, device index), and histograms merge by adding counts.
 */
import { algorithmByName } from './algorithms/index.ts';
import { LogHistogram } from './histogram.ts';
import { AlgorithmMetrics } from './metrics.ts';
import type { ResolvedProfile } from './profile-schema.ts';
import { overall, simulate, type SimResult } from './simulate.ts';

export interface ParallelOptions {
  profile: ResolvedProfile;
  devices: number;
  seconds: number;
  seed: number;
  algorithms: readonly string[];
  naiveRenderFor: readonly string[];
  workers: number;
}

/** What a worker is asked to do. */
export interface WorkerJob extends Omit<ParallelOptions, 'workers'> {
  from: number;
  to: number;
}

type Plain = Record<string, unknown>;

function histToPlain(h: LogHistogram): Plain {
  return { counts: h.counts, count: h.count, infinite: h.infinite, max: h.max, sumUs: h.sumUs };
}

function histFromPlain(p: Plain): LogHistogram {
  const h = new LogHistogram();
  h.counts.set(p.counts as Float64Array);
  h.count = p.count as number;
  h.infinite = p.infinite as number;
  h.max = p.max as number;
  h.sumUs = p.sumUs as number;
  return h;
}

/** Every field of AlgorithmMetrics is a histogram or a number: both cross threads as is. */
function metricsToPlain(m: AlgorithmMetrics): Plain {
  const out: Plain = {};
  for (const [key, value] of Object.entries(m)) out[key] = value instanceof LogHistogram ? histToPlain(value) : value;
  return out;
}

function metricsFromPlain(raw: Plain): AlgorithmMetrics {
  const m = new AlgorithmMetrics();
  const fields = m as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof LogHistogram) value.merge(histFromPlain(raw[key] as Plain));
    else fields[key] = raw[key];
  }
  return m;
}

export function resultToPlain(r: SimResult): Plain {
  const byMember: Plain = {};
  for (const [alg, perMember] of r.byMember) {
    const x: Plain = {};
    for (const [member, m] of perMember) x[member] = metricsToPlain(m);
    byMember[alg] = x;
  }
  const floorByMember: Plain = {};
  for (const [member, h] of r.floorByMember) floorByMember[member] = histToPlain(h);
  return {
    byMember,
    floorByMember,
    asymmetryFloor: histToPlain(r.asymmetryFloor),
    members: r.members,
    congestedAtJoin: r.congestedAtJoin,
  };
}

export function resultFromPlain(p: Plain): SimResult {
  const byMember = new Map<string, Map<string, AlgorithmMetrics>>();
  for (const [alg, raw] of Object.entries(p.byMember as Record<string, Record<string, Plain>>)) {
    const perMember = new Map<string, AlgorithmMetrics>();
    for (const [member, m] of Object.entries(raw)) perMember.set(member, metricsFromPlain(m));
    byMember.set(alg, perMember);
  }
  const floorByMember = new Map<string, LogHistogram>();
  for (const [member, h] of Object.entries(p.floorByMember as Record<string, Plain>)) floorByMember.set(member, histFromPlain(h));
  return {
    metrics: overall(byMember),
    byMember,
    floorByMember,
    asymmetryFloor: histFromPlain(p.asymmetryFloor as Plain),
    members: p.members as Record<string, number>,
    congestedAtJoin: p.congestedAtJoin as number,
  };
}

export function mergeResults(parts: SimResult[]): SimResult {
  const byMember = new Map<string, Map<string, AlgorithmMetrics>>();
  const floorByMember = new Map<string, LogHistogram>();
  const asymmetryFloor = new LogHistogram();
  const members: Record<string, number> = {};
  let congestedAtJoin = 0;
  for (const part of parts) {
    for (const [alg, perMember] of part.byMember) {
      let acc = byMember.get(alg);
      if (!acc) byMember.set(alg, (acc = new Map()));
      for (const [member, m] of perMember) {
        let a = acc.get(member);
        if (!a) acc.set(member, (a = new AlgorithmMetrics()));
        a.merge(m);
      }
    }
    for (const [member, h] of part.floorByMember) {
      let a = floorByMember.get(member);
      if (!a) floorByMember.set(member, (a = new LogHistogram()));
      a.merge(h);
    }
    asymmetryFloor.merge(part.asymmetryFloor);
    congestedAtJoin += part.congestedAtJoin;
    for (const [k, v] of Object.entries(part.members)) members[k] = (members[k] ?? 0) + v;
  }
  return { metrics: overall(byMember), byMember, floorByMember, asymmetryFloor, members, congestedAtJoin };
}

export function runJob(job: WorkerJob): SimResult {
  return simulate({ ...job, algorithms: job.algorithms.map(algorithmByName) });
}

/** Simulate on `workers` threads (1: in this thread). */
export async function simulateParallel(o: ParallelOptions): Promise<SimResult> {
  const n = Math.max(1, Math.min(o.workers, o.devices));
  const jobs: WorkerJob[] = [];
  for (let w = 0; w < n; w++) {
    const { workers: _w, ...rest } = o;
    jobs.push({ ...rest, from: Math.floor((o.devices * w) / n), to: Math.floor((o.devices * (w + 1)) / n) });
  }
  if (n === 1) return mergeResults([runJob(jobs[0])]);
  const parts = await Promise.all(
    jobs.map(
      (job) =>
        new Promise<SimResult>((resolve, reject) => {
          const worker = new Worker(new URL('./sim-worker.ts', import.meta.url).href);
          worker.onmessage = (ev: MessageEvent) => {
            worker.terminate();
            const data = ev.data as { ok: boolean; result?: Plain; error?: string };
            if (data.ok && data.result) resolve(resultFromPlain(data.result));
            else reject(new Error(data.error ?? 'simulation worker failed'));
          };
          worker.onerror = (ev: ErrorEvent) => {
            worker.terminate();
            reject(new Error(ev.message));
          };
          worker.postMessage(job);
        }),
    ),
  );
  return mergeResults(parts);
}
