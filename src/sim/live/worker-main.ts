/**
 * A load-simulator worker process: thousands of simulated phones in one Bun process, each
 * running the real page logic over its own WebSocket with a modelled network (device/).
 *
 * Started by `crowdlight sim` as `Bun.spawn([process.execPath, 'src/sim/live/worker-main.ts'],
 * { ipc })`. Protocol (src/sim/live/types.ts): the first message is `config`; the worker
 * learns the show's venue, builds its devices and answers `ready`; on `start` the devices
 * join on their schedule; `cue` messages say when the orchestrator fired a live cue; the
 * worker sends `progress` every second and `result` at the run's end (or on `stop`), then
 * exits 0. A failure is reported as `fatal` and the process exits 1.
 *
 * The same worker runs in the calling process too: `inProcessWorker` speaks the protocol
 * through plain calls (tests, small runs), `startWorker` is the direct API.
 */
import { Fleet } from './device/fleet.ts';
import { prepareFleet } from './device/prepare.ts';
import type { MainToWorker, WorkerConfig, WorkerResult, WorkerToMain } from './types.ts';

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

/** A worker driven by protocol messages, wherever it runs. */
export interface WorkerEndpoint {
  /** An orchestrator message (config, start, cue, stop). */
  send(m: MainToWorker): void;
  /** Ends the worker at once: no result, exit code 137. */
  kill(): void;
  /** The worker's exit code: 0 after its result (or a stop before it started), 1 after a
   *  fatal error, 137 when killed. */
  readonly exited: Promise<number>;
}

/** The worker protocol in this process: what the child process does, without one. */
export function inProcessWorker(onMessage: (m: WorkerToMain) => void): WorkerEndpoint {
  let workerIndex = -1;
  let handle: WorkerHandle | null = null;
  let started = false;
  let ended = false;
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  const end = (code: number): void => {
    if (ended) return;
    ended = true;
    resolveExit(code);
  };
  const fatal = (err: unknown): void => {
    if (ended) return;
    handle?.fleet.abort();
    onMessage({ type: 'fatal', workerIndex, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    end(1);
  };
  return {
    exited,
    kill() {
      handle?.fleet.abort();
      end(137);
    },
    send(m) {
      if (ended) return;
      switch (m.type) {
        case 'config':
          if (workerIndex >= 0) return fatal(new Error('a second config'));
          workerIndex = m.workerIndex;
          startWorker(m).then((h) => {
            if (ended) return h.fleet.abort();
            handle = h;
            onMessage({ type: 'ready', workerIndex });
          }, fatal);
          return;
        case 'start':
          if (handle === null || started) return fatal(new Error(started ? 'a second start' : 'start before the worker was ready'));
          started = true;
          try {
            handle.start(m.runStartMs, onMessage);
          } catch (err) {
            return fatal(err);
          }
          handle.done.then(() => end(0), fatal);
          return;
        case 'cue':
          handle?.send(m);
          return;
        case 'stop':
          if (handle !== null && started) handle.send(m);
          else {
            handle?.fleet.abort();
            end(0);
          }
          return;
      }
    },
  };
}

/** Time given to the last IPC message to leave before the process exits, ms. */
const EXIT_GRACE_MS = 200;

function childMain(): void {
  let workerIndex = -1;
  const worker = inProcessWorker((m) => process.send?.(m));
  const failed = (err: unknown): void => {
    process.send?.({ type: 'fatal', workerIndex, message: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerToMain);
    setTimeout(() => process.exit(1), EXIT_GRACE_MS);
  };
  process.on('uncaughtException', failed);
  process.on('unhandledRejection', failed);
  // The orchestrator is gone: nobody will read the result.
  process.on('disconnect', () => process.exit(1));
  process.on('message', (raw: unknown) => {
    const m = raw as MainToWorker;
    if (m.type === 'config') workerIndex = m.workerIndex;
    worker.send(m);
  });
  void worker.exited.then((code) => setTimeout(() => process.exit(code), EXIT_GRACE_MS));
}

if (import.meta.main) childMain();
