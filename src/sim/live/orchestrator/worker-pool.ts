/**
 * The simulator's worker processes: spawned with an IPC channel, configured, started, and
 * collected. Every wait has a deadline; a worker that misses one, reports a fatal error or
 * exits before its result is a failure of the run, and is killed.
 */
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MainToWorker, WorkerConfig, WorkerProgress, WorkerResult, WorkerToMain } from '../types.ts';
import { SimRunError } from './errors.ts';
import { waitWithin } from './wait-within.ts';

/** One worker as the pool sees it, whatever runs it (a child process, or in-process in tests). */
export interface WorkerLink {
  send(message: MainToWorker): void;
  /** Ends the worker at once (SIGKILL for a process). */
  kill(): void;
  /** Resolves when the worker has ended. */
  readonly exited: Promise<unknown>;
  /** The worker's process id, when it runs in a process of its own. */
  readonly pid?: number;
}

/** `nice`: the child's scheduling priority (0 = the orchestrator's own). */
export type WorkerSpawner = (workerIndex: number, onMessage: (message: WorkerToMain) => void, nice?: number) => WorkerLink;

const WORKER_ENTRY = fileURLToPath(new URL('../worker-main.ts', import.meta.url));

/** Worker processes alive in this process, for killLiveWorkers. */
const live = new Set<WorkerLink>();

/**
 * Kills every worker process still running (an operator's second Ctrl-C, or this process
 * exiting): workers run in their own process group, so nothing else would end them early.
 */
export function killLiveWorkers(): void {
  for (const w of live) w.kill();
}

process.on('exit', killLiveWorkers);

/**
 * A Bun child process running src/sim/live/worker-main.ts, speaking over IPC. It runs in its
 * own process group, so a Ctrl-C at the terminal reaches only the orchestrator, which then
 * stops the workers and still collects what they measured.
 */
export const spawnWorkerProcess: WorkerSpawner = (_workerIndex, onMessage, nice = 0) => {
  const proc = Bun.spawn({
    cmd: [process.execPath, WORKER_ENTRY],
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
    ipc(message) {
      onMessage(message as WorkerToMain);
    },
  });
  if (nice > 0) setPriority(proc.pid, nice);
  const link: WorkerLink = {
    send(message) {
      try {
        proc.send(message);
      } catch {
        // The worker has gone; its exit is reported through `exited`.
      }
    },
    kill() {
      try {
        proc.kill('SIGKILL');
      } catch {
        // already gone
      }
    },
    exited: proc.exited,
    pid: proc.pid,
  };
  live.add(link);
  void proc.exited.finally(() => live.delete(link));
  return link;
};

interface Slot {
  link: WorkerLink;
  ready: boolean;
  result: WorkerResult | null;
  ended: boolean;
  /** Killed by the pool (its failure, if any, is already recorded). */
  killed: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  /** Failures so far, one line each ("worker 2: ..."). */
  readonly failures: string[] = [];
  private wake: (() => void) | null = null;

  constructor(
    private readonly configs: readonly WorkerConfig[],
    private readonly spawner: WorkerSpawner,
    private readonly onProgress: (p: WorkerProgress) => void,
    private readonly nice = 0,
  ) {}

  /** Spawns every worker and sends its configuration. */
  start(): void {
    for (const config of this.configs) {
      const i = config.workerIndex;
      let link: WorkerLink;
      try {
        link = this.spawner(i, (m) => this.onMessage(i, m), this.nice);
      } catch (err) {
        this.killAll();
        throw new SimRunError('worker-failed', `worker ${i} could not be started: ${err instanceof Error ? err.message : String(err)}`);
      }
      const slot: Slot = { link, ready: false, result: null, ended: false, killed: false };
      this.slots[i] = slot;
      link.exited.then(
        () => this.onExit(i),
        () => this.onExit(i),
      );
      link.send(config);
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private onMessage(i: number, m: WorkerToMain): void {
    const slot = this.slots[i];
    if (!slot) return;
    switch (m.type) {
      case 'ready':
        slot.ready = true;
        break;
      case 'progress':
        this.onProgress(m);
        break;
      case 'result':
        slot.result = m;
        break;
      case 'fatal':
        this.failures.push(`worker ${i}: ${m.message}`);
        break;
    }
    this.notify();
  }

  private onExit(i: number): void {
    const slot = this.slots[i]!;
    slot.ended = true;
    if (!slot.result && !slot.killed) this.failures.push(`worker ${i} exited before sending its result`);
    this.notify();
  }

  /** Resolves after the next message or exit, or after `ms`. */
  private settle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, Math.max(0, ms));
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /** Waits until every worker said `ready`. Throws (after killing every worker) on a failure
   *  or when `timeoutMs` passes; `abort` ends the wait early with an error too. */
  async waitReady(timeoutMs: number, abort?: AbortSignal): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (this.failures.length > 0) {
        this.killAll();
        throw new SimRunError('worker-failed', this.failures.join('; '));
      }
      if (this.slots.every((s) => s.ready)) return;
      if (abort?.aborted) {
        this.killAll();
        throw new SimRunError('worker-failed', 'interrupted while the workers were starting');
      }
      const left = deadline - performance.now();
      if (left <= 0) {
        const late = this.slots.flatMap((s, i) => (s.ready ? [] : [i]));
        this.killAll();
        throw new SimRunError('worker-timeout', `worker(s) ${late.join(', ')} not ready after ${Math.round(timeoutMs / 1000)} s`);
      }
      await this.settle(Math.min(left, 250));
    }
  }

  broadcast(message: MainToWorker): void {
    for (const s of this.slots) if (!s.ended) s.link.send(message);
  }

  /** Waits for every worker's result until `timeoutMs`; workers still without one are killed
   *  (and named in `failures`). Returns the results received, in worker order. */
  async collect(timeoutMs: number): Promise<WorkerResult[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (this.slots.every((s) => s.result !== null || s.ended)) break;
      const left = deadline - performance.now();
      if (left <= 0) {
        this.slots.forEach((s, i) => {
          if (s.result === null && !s.ended) this.failures.push(`worker ${i} sent no result within ${Math.round(timeoutMs / 1000)} s and was killed`);
        });
        break;
      }
      await this.settle(Math.min(left, 250));
    }
    const results = this.slots.flatMap((s) => (s.result ? [s.result] : []));
    this.killAll();
    return results;
  }

  /** Kills every worker that has not ended. */
  killAll(): void {
    for (const s of this.slots) {
      if (s && !s.ended) {
        s.killed = true;
        try {
          s.link.kill();
        } catch {
          // already gone
        }
      }
    }
  }

  /** Resolves when every worker has ended, or after `timeoutMs`. */
  async drained(timeoutMs: number): Promise<void> {
    await waitWithin(Promise.all(this.slots.map((s) => s.link.exited)), timeoutMs);
  }
}
