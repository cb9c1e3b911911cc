/**
 * A load-simulator worker process: thousands of simulated phones in one Bun process, each
 * running the real page logic over its own WebSocket with a modelled network (device/).
 *
 * Started by `crowdlight sim` as `Bun.spawn([process.execPath, 'src/sim/live/worker-main.ts'],
 * { ipc })`. Protocol (src/sim/live/types.ts): the first message is `config`; the worker
 * learns the show's venue, builds its devices and answers `ready`; on `start` the devices
 * join on their schedule; `cue` messages say when the orchestrator fired a live cue; the
 * worker sends `progress` every second and `result` at the run's end (or on `stop`), then
 * exits. A failure is reported as `fatal` and the process exits non-zero.
 *
 * `startWorker` runs the same thing in the calling process (tests, small runs).
 */
import { Fleet } from './device/fleet.ts';
import { prepareFleet } from './device/prepare.ts';
import type { MainToWorker, WorkerConfig, WorkerResult, WorkerToMain } from './types.ts';

/** This file's absolute path: what the orchestrator spawns, from any working directory. */
export const WORKER_ENTRY: string = new URL(import.meta.url).pathname;

export interface WorkerHandle {
  /** The devices, built and ready to start. */
  readonly fleet: Fleet;
  /** Starts the run (run-relative 0 at controller time `runStartMs`); progress and the
   *  result go to `onMessage`. */
  start(runStartMs: number, onMessage: (m: WorkerToMain) => void): void;
  /** A `cue` or `stop` message. */
  send(m: MainToWorker): void;
  /** The result, once the run has ended. */
  readonly done: Promise<WorkerResult>;
}

/** Prepares a worker in this process (learns the venue, builds the devices). */
export async function startWorker(config: WorkerConfig, probeTimeoutMs?: number): Promise<WorkerHandle> {
  const fleet = await prepareFleet(config, probeTimeoutMs);
  return {
    fleet,
    start: (runStartMs, onMessage) => fleet.start(runStartMs, onMessage),
    send: (m) => fleet.handle(m),
    done: fleet.done,
  };
}

/** Prepares and runs a worker in this process: the result when the run ends. */
export async function runWorker(config: WorkerConfig, runStartMs: number, onMessage: (m: WorkerToMain) => void): Promise<WorkerResult> {
  const w = await startWorker(config);
  w.start(runStartMs, onMessage);
  return w.done;
}

/** Time given to the last IPC message to leave before the process exits, ms. */
const EXIT_GRACE_MS = 200;

function childMain(): void {
  let workerIndex = -1;
  let worker: WorkerHandle | null = null;
  let started = false;
  const send = (m: WorkerToMain): void => {
    process.send?.(m);
  };
  const fatal = (err: unknown): void => {
    send({ type: 'fatal', workerIndex, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    setTimeout(() => process.exit(1), EXIT_GRACE_MS);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  // The orchestrator is gone: nobody will read the result.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (raw: unknown) => {
    const m = raw as MainToWorker;
    switch (m.type) {
      case 'config':
        workerIndex = m.workerIndex;
        startWorker(m).then((w) => {
          worker = w;
          send({ type: 'ready', workerIndex });
        }, fatal);
        return;
      case 'start':
        if (worker === null) return fatal(new Error('start before the worker was ready'));
        started = true;
        worker.start(m.runStartMs, send);
        worker.done.then(() => setTimeout(() => process.exit(0), EXIT_GRACE_MS), fatal);
        return;
      case 'cue':
        worker?.send(m);
        return;
      case 'stop':
        if (worker !== null && started) worker.send(m);
        else process.exit(0);
        return;
    }
  });
}

if (import.meta.main) childMain();
