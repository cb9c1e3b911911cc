/**
 * A loopback TCP proxy that adds a fixed one-way delay to every chunk, in each direction,
 * keeping the byte order: what a long network path looks like to a browser, without
 * touching the code under test. One proxy per simulated phone (each its own delay). The
 * page is loaded through it, so its HTTP requests and its WebSocket take the same path.
 */
import type { Socket, TCPSocketListener } from 'bun';

export interface DelayProxyOptions {
  /** Where to forward to. */
  targetHost: string;
  targetPort: number;
  /** Added to every chunk in each direction, ms (round trip gains twice this). */
  delayMs: number;
}

export interface DelayProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly delayMs: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Cuts every open connection at once (both sides see the TCP connection end), as a
   *  network drop would; the proxy keeps accepting new ones. */
  dropConnections(): void;
  /** Offline: drops every connection and refuses new ones (they are cut as they open) until
   *  set back online. */
  setOffline(offline: boolean): void;
  close(): void;
}

/** One direction of one connection: chunks wait out the delay in arrival order, then are
 *  written to the destination as fast as it takes them. */
class DelayedPipe {
  private readonly queue: Array<{ due: number; data: Uint8Array | null }> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private out: Uint8Array[] = [];
  private ended = false;
  private endRequested = false;
  dest: Socket<unknown> | null = null;

  constructor(private readonly delayMs: number) {}

  push(data: Uint8Array): void {
    this.queue.push({ due: performance.now() + this.delayMs, data: data.slice() });
    this.arm();
  }

  /** The source closed: end the destination once everything before has been delivered. */
  end(): void {
    this.queue.push({ due: performance.now() + this.delayMs, data: null });
    this.arm();
  }

  /** The destination is connected or drained: write what is waiting. */
  flush(): void {
    const dest = this.dest;
    if (dest === null || this.ended) return;
    while (this.out.length > 0) {
      const chunk = this.out[0]!;
      const n = dest.write(chunk);
      if (n < chunk.length) {
        this.out[0] = chunk.subarray(Math.max(0, n));
        return; // wait for drain
      }
      this.out.shift();
    }
    if (this.endRequested) {
      this.ended = true;
      dest.end();
    }
  }

  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
    this.out = [];
  }

  private arm(): void {
    if (this.timer !== null || this.queue.length === 0) return;
    const wait = Math.max(0, this.queue[0]!.due - performance.now());
    this.timer = setTimeout(() => this.release(), wait);
  }

  private release(): void {
    this.timer = null;
    const now = performance.now();
    while (this.queue.length > 0 && this.queue[0]!.due <= now + 0.5) {
      const item = this.queue.shift()!;
      if (item.data === null) this.endRequested = true;
      else this.out.push(item.data);
    }
    this.flush();
    this.arm();
  }
}

interface ConnState {
  up: DelayedPipe;
  down: DelayedPipe;
  upstream: Socket<unknown> | null;
}

export async function startDelayProxy(opts: DelayProxyOptions): Promise<DelayProxy> {
  let connections = 0;
  let offline = false;
  const open = new Set<Socket<ConnState>>();
  const listener: TCPSocketListener<ConnState> = Bun.listen<ConnState>({
    hostname: '127.0.0.1',
    port: 0,
    socket: {
      open(client) {
        if (offline) {
          client.terminate();
          return;
        }
        connections++;
        open.add(client);
        const st: ConnState = { up: new DelayedPipe(opts.delayMs), down: new DelayedPipe(opts.delayMs), upstream: null };
        st.down.dest = client as Socket<unknown>;
        client.data = st;
        Bun.connect({
          hostname: opts.targetHost,
          port: opts.targetPort,
          socket: {
            open(up) {
              st.upstream = up as Socket<unknown>;
              st.up.dest = up as Socket<unknown>;
              st.up.flush();
            },
            data(_up, chunk) {
              st.down.push(chunk);
            },
            drain() {
              st.up.flush();
            },
            close() {
              st.down.end();
            },
            error() {
              st.down.end();
            },
          },
        }).catch(() => {
          st.down.end();
        });
      },
      data(client, chunk) {
        client.data?.up.push(chunk);
      },
      drain(client) {
        client.data?.down.flush();
      },
      close(client) {
        open.delete(client);
        client.data?.up.end();
      },
      error(client) {
        client.data?.up.end();
      },
    },
  });
  /** Discards what is queued on every open connection and closes both of its sockets:
   *  `terminate` cuts them at once (a network drop), `end` closes them in order. */
  const closeAll = (how: 'terminate' | 'end') => {
    for (const c of open) {
      c.data?.up.cancel();
      c.data?.down.cancel();
      c.data?.upstream?.[how]();
      c[how]();
    }
  };
  const proxy: DelayProxy = {
    port: listener.port,
    url: `http://127.0.0.1:${listener.port}`,
    delayMs: opts.delayMs,
    get connections() {
      return connections;
    },
    dropConnections() {
      closeAll('terminate');
      open.clear();
    },
    setOffline(value: boolean) {
      offline = value;
      if (value) proxy.dropConnections();
    },
    close() {
      closeAll('end');
      listener.stop(true);
    },
  };
  return proxy;
}
