/**
 * Supervision of the edge processes of `crowdlight serve --workers N`: spawns them (the Bun
 * running this process, on edge-process.ts), waits until each one listens, restarts one that
 * exits unexpectedly, and stops them all.
 *
 * - Start-up: the first edge binds the port (a port of 0 is chosen by the kernel there), then
 *   the others bind the same one. A failure names the edge and why (port in use, ...).
 * - Restart: after an unexpected exit, with a jittered backoff from RESTART_BASE_MS doubling
 *   to RESTART_MAX_MS per consecutive failure (reset once an edge has stayed up for
 *   STABLE_AFTER_MS), so a crash loop does not spin.
 * - Stop: SIGTERM (the edge closes its phones with 4020 draining and exits); an edge still
 *   running after STOP_GRACE_MS is killed.
 */
import type { Subprocess } from 'bun';
import { fileURLToPath } from 'node:url';
import type { StaticAsset } from '../web/static-site.ts';
import type { EdgeProcessConfig, EdgeStartFailure, FromEdgeProcess, ToEdgeProcess } from './worker-messages.ts';

const RESTART_BASE_MS = 250;
const RESTART_MAX_MS = 10_000;
const STABLE_AFTER_MS = 30_000;
const STOP_GRACE_MS = 3000;
const START_TIMEOUT_MS = 30_000;

const ENTRY = fileURLToPath(new URL('./edge-process.ts', import.meta.url));

export interface EdgeWorkersOptions {
  count: number;
  /** Everything of an edge's configuration but its id and port. */
  config: Omit<EdgeProcessConfig, 'edgeId' | 'port'>;
  port: number;
  assets: StaticAsset[];
  log: (line: string) => void;
  /** Called when an edge process has exited (expectedly or not). */
  onExit?: (edgeId: string, pid: number) => void;
}

export class EdgeStartError extends Error {
  constructor(
    readonly code: EdgeStartFailure | 'exited' | 'timeout',
    readonly edgeId: string,
    message: string,
  ) {
    super(message);
    this.name = 'EdgeStartError';
  }
}

interface Slot {
  readonly edgeId: string;
  proc: Subprocess | null;
  pid: number;
  listening: boolean;
  startedAt: number;
  /** Consecutive exits without a stable run. */
  failures: number;
  restartTimer: ReturnType<typeof setTimeout> | null;
}

export class EdgeWorkers {
  private readonly slots: Slot[];
  private stopping = false;
  private _port: number;
  /** Restarts after unexpected exits, since start. */
  restarts = 0;

  private constructor(private readonly opts: EdgeWorkersOptions) {
    this._port = opts.port;
    this.slots = Array.from({ length: opts.count }, (_, i) => ({
      edgeId: `edge-${i + 1}`, proc: null, pid: 0, listening: false, startedAt: 0, failures: 0, restartTimer: null,
    }));
  }

  /** Spawns every edge and resolves once all listen; on a failure stops the others and
   *  rejects with EdgeStartError naming the edge. */
  static async start(opts: EdgeWorkersOptions): Promise<EdgeWorkers> {
    const w = new EdgeWorkers(opts);
    try {
      const [first, ...rest] = w.slots;
      w._port = await w.spawn(first!);
      await Promise.all(rest.map((s) => w.spawn(s)));
    } catch (err) {
      await w.stop();
      throw err;
    }
    return w;
  }

  /** The public port every edge listens on. */
  get port(): number {
    return this._port;
  }

  /** The edge processes running now. */
  list(): Array<{ edgeId: string; pid: number }> {
    return this.slots.filter((s) => s.proc !== null && s.listening).map((s) => ({ edgeId: s.edgeId, pid: s.pid }));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.slots.map(async (s) => {
        if (s.restartTimer) clearTimeout(s.restartTimer);
        s.restartTimer = null;
        const p = s.proc;
        if (!p) return;
        p.kill('SIGTERM');
        const exited = await Promise.race([p.exited.then(() => true), Bun.sleep(STOP_GRACE_MS).then(() => false)]);
        if (!exited) {
          this.opts.log(`${s.edgeId} (pid ${p.pid}) did not exit within ${STOP_GRACE_MS} ms of SIGTERM; killing it`);
          p.kill('SIGKILL');
          await p.exited;
        }
      }),
    );
  }

  // ------------------------------------------------------------------ internals

  /** Starts the slot's process; resolves with the port it listens on. */
  private spawn(slot: Slot): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let settled = false;
      const settle = (err: EdgeStartError | null, port = 0) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(port);
      };
      const proc = Bun.spawn([process.execPath, ENTRY], {
        stdin: 'ignore',
        stdout: 'inherit',
        stderr: 'inherit',
        serialization: 'advanced',
        ipc: (m: FromEdgeProcess) => {
          if (m.type === 'log') this.opts.log(m.line);
          else if (m.type === 'listening') {
            slot.listening = true;
            settle(null, m.port);
          } else if (m.type === 'failed') settle(new EdgeStartError(m.code, slot.edgeId, m.message));
        },
        onExit: (_p, exitCode, signalCode) => {
          const how = signalCode ? `signal ${signalCode}` : `code ${exitCode}`;
          settle(new EdgeStartError('exited', slot.edgeId, `${slot.edgeId} exited during start-up (${how})`));
          this.onExit(slot, proc, how);
        },
      });
      slot.proc = proc;
      slot.pid = proc.pid;
      slot.listening = false;
      slot.startedAt = performance.now();
      const timer = setTimeout(() => {
        settle(new EdgeStartError('timeout', slot.edgeId, `${slot.edgeId} did not start listening within ${START_TIMEOUT_MS} ms`));
        proc.kill('SIGKILL');
      }, START_TIMEOUT_MS);
      const start: ToEdgeProcess = { type: 'start', config: { ...this.opts.config, edgeId: slot.edgeId, port: this._port }, assets: this.opts.assets };
      proc.send(start);
    });
  }

  private onExit(slot: Slot, proc: Subprocess, how: string): void {
    if (slot.proc !== proc) return;
    const wasListening = slot.listening;
    slot.proc = null;
    slot.listening = false;
    this.opts.onExit?.(slot.edgeId, proc.pid);
    if (this.stopping || !wasListening) return;
    if (performance.now() - slot.startedAt >= STABLE_AFTER_MS) slot.failures = 0;
    this.scheduleRestart(slot, `${slot.edgeId} (pid ${proc.pid}) exited unexpectedly (${how})`);
  }

  private scheduleRestart(slot: Slot, why: string): void {
    const base = Math.min(RESTART_MAX_MS, RESTART_BASE_MS * 2 ** slot.failures);
    // Jitter in [base/2, base]: edges that fail together do not come back together.
    const delay = Math.round(base * (0.5 + Math.random() * 0.5));
    slot.failures++;
    this.opts.log(`${why}; restarting in ${delay} ms`);
    slot.restartTimer = setTimeout(() => {
      slot.restartTimer = null;
      if (this.stopping) return;
      this.restarts++;
      this.spawn(slot).then(
        () => this.opts.log(`${slot.edgeId} restarted (pid ${slot.pid})`),
        (err: EdgeStartError) => {
          // spawn's exit handler does not restart a process that never listened: do it here.
          if (slot.proc) slot.proc.kill('SIGKILL');
          slot.proc = null;
          if (!this.stopping) this.scheduleRestart(slot, `${slot.edgeId} failed to restart: ${err.message}`);
        },
      );
    }, delay);
  }
}
