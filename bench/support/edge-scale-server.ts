/**
 * The server side of bench/edge-scale.bench.ts, run as its own process so that its RSS and
 * CPU time are its own: either crowdlight's edge (`createEdge` on `Bun.serve`, fed over an
 * in-process bus like `crowdlight serve`'s) or a bare `Bun.serve` WebSocket server that
 * keeps nothing per socket (the floor Bun itself costs), in a few variants.
 *
 *   bun bench/support/edge-scale-server.ts <kind>      (driven over IPC by the bench)
 *
 * Kinds: edge; bare (no ws.data, one topic); bare-topics (bare + the same topics a phone of
 * the demo stadium joins); bare-data (bare + an object as ws.data shaped like the edge's);
 * bare-deflate (bare with perMessageDeflate); bare-limits (bare with the edge's
 * backpressure limit, idle timeout and pings off).
 */
import type { Server, WebSocketHandler } from 'bun';
import {
  CLOCK_RESPONSE_BYTES,
  MessageType,
  encodeClockResponseInto,
  newClockRequest,
  readClockRequest,
} from '../../src/core/protocol/index.ts';
import { demoStadiumSpec } from '../../src/core/venue/runtime.ts';
import { controllerNow as now } from '../../src/server/controller-clock.ts';
import { heapStats } from 'bun:jsc';
import { DEFAULT_EDGE_LIMITS } from '../../src/edge/index.ts';
// The edge's own constructor of a socket's data (the bare-data variant holds the same object).
import { newSocketData } from '../../src/edge/socket-data.ts';
import { serveBenchEdge } from './bench-edge.ts';
import { serveRpc } from './ipc-rpc.ts';
import { SHOW_FRAMES, benchSeatTopics } from './edge-scale-show.ts';

export type ServerKind = 'edge' | 'bare' | 'bare-topics' | 'bare-data' | 'bare-deflate' | 'bare-limits';
export const SERVER_KINDS: readonly ServerKind[] = ['edge', 'bare', 'bare-topics', 'bare-data', 'bare-deflate', 'bare-limits'];

/** What the server reports on `sample`. */
export interface ServerSample {
  rss: number;
  heapUsed: number;
  /** User + system CPU time of the process since it started, µs. */
  cpuMicros: number;
  /** Open sockets (the edge: sockets that said hello). */
  connections: number;
  /** Frames handed to Bun: one per subscriber of a publish, one per direct send. */
  framesOut: number;
  /** JS heap objects by type (asked for with `types`). */
  objectTypeCounts?: Record<string, number>;
}

interface Running {
  server: Server<unknown>;
  connections(): number;
  framesOut(): number;
  /** Starts the show: the retained state repeated every keyframe and a live frame every `liveMs`. */
  startShow(keyframeMs: number, liveMs: number): void;
}

function startEdge(keyframeMs: number): Running {
  // The bench connects thousands of phones per second, from one address range.
  const { edge, server, feed } = serveBenchEdge('0.0.0.0', { upgradeBurst: 1e6, upgradesPerSecond: 1e6, keyframeIntervalMs: keyframeMs, helloTimeoutMs: 60_000 });
  feed({ op: 'venue', json: JSON.stringify(demoStadiumSpec()) });
  return {
    server: server as Server<unknown>,
    connections: () => edge.stats().connections,
    framesOut: () => edge.stats().framesOut,
    startShow(_keyframeMs, liveMs) {
      SHOW_FRAMES.retained.forEach((r, i) => feed({ op: 'retain', key: `k${i}`, topic: r.topic, frame: r.frame }));
      let n = 0;
      setInterval(() => feed({ op: 'send', topic: 'all', frame: SHOW_FRAMES.live[n++ % SHOW_FRAMES.live.length]! }), liveMs);
    },
  };
}

function startBare(kind: ServerKind): Running {
  // The venue lookups exist before the first phone, as in the edge (not counted per phone).
  if (kind === 'bare-topics') benchSeatTopics(null);
  let open = 0;
  let framesOut = 0;
  const req = newClockRequest();
  const out = new Uint8Array(CLOCK_RESPONSE_BYTES);
  const handler: WebSocketHandler<unknown> = {
    perMessageDeflate: kind === 'bare-deflate',
    open(ws) {
      open++;
      ws.subscribe('all');
    },
    message(ws, m) {
      const t1 = now();
      if (typeof m === 'string' || m.length === 0) return;
      if (m[0] === MessageType.ClockRequest) {
        readClockRequest(m, req);
        encodeClockResponseInto(out, req.seq, req.t0, t1, now());
        ws.send(out);
        framesOut++;
      } else if (m[0] === MessageType.Hello) {
        if (kind === 'bare-topics') for (const t of benchSeatTopics(m)) ws.subscribe(t);
        ws.send(SHOW_FRAMES.welcome);
        framesOut++;
      }
    },
    close() {
      open--;
    },
  };
  if (kind === 'bare-limits') {
    handler.backpressureLimit = 64 * 1024;
    handler.closeOnBackpressureLimit = true;
    handler.idleTimeout = 120;
    handler.sendPings = false;
    handler.maxPayloadLength = 256;
  }
  const server = Bun.serve({
    hostname: '0.0.0.0',
    port: 0,
    fetch: (r, srv) => (srv.upgrade(r, { data: kind === 'bare-data' ? newSocketData(now(), DEFAULT_EDGE_LIMITS.messageBurst) : undefined }) ? undefined : new Response('no', { status: 400 })),
    websocket: handler,
  });
  const publish = (frame: Uint8Array) => {
    const n = server.subscriberCount('all');
    server.publish('all', frame);
    framesOut += n;
  };
  return {
    server,
    connections: () => open,
    framesOut: () => framesOut,
    startShow(keyframeMs, liveMs) {
      // The same frames and rates as the edge's show, all on the one topic.
      setInterval(() => {
        for (const r of SHOW_FRAMES.retained) publish(r.frame);
      }, keyframeMs);
      let n = 0;
      setInterval(() => publish(SHOW_FRAMES.live[n++ % SHOW_FRAMES.live.length]!), liveMs);
    },
  };
}

if (import.meta.main) {
  const kind = process.argv[2] as ServerKind;
  if (!SERVER_KINDS.includes(kind)) throw new Error(`unknown server kind ${kind}`);
  const keyframeMs = Number(process.argv[3] ?? 5000);
  const running = kind === 'edge' ? startEdge(keyframeMs) : startBare(kind);
  serveRpc(async (cmd, args) => {
    switch (cmd) {
      case 'port':
        return running.server.port;
      case 'show': {
        const { liveMs } = args as { liveMs: number };
        running.startShow(keyframeMs, liveMs);
        return true;
      }
      case 'sample': {
        const a = args as { gc?: boolean; types?: boolean } | undefined;
        if (a?.gc) {
          Bun.gc(true);
          await Bun.sleep(50);
          Bun.gc(true);
        }
        const m = process.memoryUsage();
        const cpu = process.cpuUsage();
        return {
          rss: m.rss,
          heapUsed: m.heapUsed,
          cpuMicros: cpu.user + cpu.system,
          connections: running.connections(),
          framesOut: running.framesOut(),
          objectTypeCounts: a?.types ? heapStats().objectTypeCounts : undefined,
        } satisfies ServerSample;
      }
      default:
        throw new Error(`unknown command ${cmd}`);
    }
  });
}
