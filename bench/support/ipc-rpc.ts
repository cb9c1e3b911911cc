/**
 * Request/reply over Bun's IPC channel for crowdlight's multi-process benchmarks: the parent
 * asks a child (`call`), the child answers each request by its id (`serveRpc`). Every call
 * has a deadline, so a stuck child fails the bench instead of hanging it.
 */
import type { Subprocess } from 'bun';

export interface RpcRequest {
  id: number;
  cmd: string;
  args?: unknown;
}

export interface RpcReply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** The parent's side of one child: `call(cmd, args)` resolves with the child's answer. */
export interface RpcChild {
  readonly proc: Subprocess;
  call<T>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  kill(): Promise<void>;
}

/** Spawns `bun <script> ...argv` with an IPC channel and returns its RPC handle. */
export function spawnRpcChild(script: string, argv: string[]): RpcChild {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const proc = Bun.spawn([process.execPath, script, ...argv], {
    stdout: 'inherit',
    stderr: 'inherit',
    ipc(message) {
      const r = message as RpcReply;
      const p = pending.get(r.id);
      if (!p) return;
      pending.delete(r.id);
      if (r.ok) p.resolve(r.value);
      else p.reject(new Error(r.error ?? 'child error'));
    },
  });
  void proc.exited.then((code) => {
    for (const p of pending.values()) p.reject(new Error(`child ${script} exited (${code})`));
    pending.clear();
  });
  return {
    proc,
    call<T>(cmd: string, args?: unknown, timeoutMs = 120_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${cmd}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        proc.send({ id, cmd, args } satisfies RpcRequest);
      });
    },
    async kill() {
      proc.kill();
      await proc.exited;
    },
  };
}

/** The child's side: answers every request with `handler(cmd, args)`. */
export function serveRpc(handler: (cmd: string, args: unknown) => unknown | Promise<unknown>): void {
  process.on('message', async (message: unknown) => {
    const req = message as RpcRequest;
    try {
      const value = await handler(req.cmd, req.args);
      process.send!({ id: req.id, ok: true, value } satisfies RpcReply);
    } catch (err) {
      process.send!({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies RpcReply);
    }
  });
}
