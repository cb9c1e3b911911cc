/**
 * createEdge: the WebSocket edge server of crowdlight (docs/edge.md). It answers phones'
 * clock-sync exchanges in controller time, fans out the controller's pre-built state frames
 * by topic publish, keeps and repeats the current state (keyframes), serves the phone page
 * and show packages over HTTP, enforces limits, and reports stats and metrics.
 */
import type { WebSocketHandler } from 'bun';
import { goneReport, Subjects, type Bus, type EdgeStats } from '../bus/index.ts';
import { CloseCode, MAX_EDGE_ID_BYTES } from '../core/protocol/index.ts';
import { requestPath, type StaticSite } from '../web/static-site.ts';
import { AudienceStats } from './audience-stats.ts';
import { EdgeCounters } from './edge-counters.ts';
import { publishFrame, type EdgeContext, type EdgeServer, type EdgeSocket } from './edge-context.ts';
import { resolveEdgeLimits, type EdgeLimits } from './edge-limits.ts';
import { EdgeError } from './errors.ts';
import { createFeedHandler } from './feed-handler.ts';
import { LoopLagMonitor } from './loop-lag.ts';
import { renderMetrics } from './metrics-text.ts';
import { ResumeTokens } from './resume-token.ts';
import { RetainedFrames } from './retained-frames.ts';
import { closeSocket, createSocketHandler } from './socket-handler.ts';
import { newSocketData, type EdgeSocketData } from './socket-data.ts';
import { TokenBucket } from './token-bucket.ts';

export interface EdgeOptions {
  bus: Bus;
  /** Name of this edge (welcome.edgeId, stats, metrics): at most 32 UTF-8 bytes. */
  edgeId: string;
  /** Controller time, ms. */
  now: () => number;
  /** Where show packages from the feed are added, and what HTTP requests are served from. */
  site: StaticSite;
  limits?: Partial<EdgeLimits>;
  /** Where the edge reports problems (bad feed ops, handler bugs); default console.error. */
  log?: (line: string) => void;
}

export interface Edge {
  readonly edgeId: string;
  readonly limits: Readonly<EdgeLimits>;
  /** Serves /ws (upgrade: returns undefined), /healthz, /metrics and the static site;
   *  null for a path the edge does not serve. */
  fetch(req: Request, server: EdgeServer): Response | undefined | null;
  /** The Bun websocket handler (limits included) to pass to Bun.serve. */
  readonly websocket: WebSocketHandler<EdgeSocketData>;
  /** Starts publishing to the server's topics and asks the controller for a replay. */
  attach(server: EdgeServer): void;
  stats(): EdgeStats;
  metricsText(): string;
  /** Stops timers, leaves the bus, closes every socket with 4020 draining. */
  close(): Promise<void>;
}

const enc = new TextEncoder();
const CLOSE_WAIT_MS = 1000;

export function createEdge(opts: EdgeOptions): Edge {
  const { bus, edgeId, now, site } = opts;
  if (typeof edgeId !== 'string' || enc.encode(edgeId).length > MAX_EDGE_ID_BYTES) {
    throw new EdgeError('bad-option', `edgeId must be a string of at most ${MAX_EDGE_ID_BYTES} UTF-8 bytes`);
  }
  const limits = resolveEdgeLimits(opts.limits);
  const ctx: EdgeContext = {
    edgeId,
    now,
    limits,
    counters: new EdgeCounters(),
    audience: new AudienceStats(),
    retained: new RetainedFrames(),
    resumeTokens: new ResumeTokens(),
    sockets: new Set(),
    awaitingHello: new Set(),
    topics: null,
    connections: 0,
    lastSessionId: crypto.getRandomValues(new Uint32Array(1))[0]!,
    server: null,
    closed: false,
    log: opts.log ?? ((line) => console.error(line)),
  };
  const handler = createSocketHandler(ctx);
  // Upgrades accepted whose socket has not opened yet: with the open sockets (ctx.sockets,
  // each one a file descriptor) they make the count the admission check holds to the cap.
  let upgradesInFlight = 0;
  let refusedFull = 0;
  const websocket: WebSocketHandler<EdgeSocketData> = {
    ...handler,
    open(ws) {
      if (upgradesInFlight > 0) upgradesInFlight--;
      handler.open!(ws);
    },
  };
  const upgrades = new TokenBucket(limits.upgradeBurst, limits.upgradesPerSecond, performance.now());
  const lag = new LoopLagMonitor(limits.lagProbeMs);
  const onFeed = createFeedHandler(ctx, site);
  // The report sent on attach reaches nobody when the edge listens before its controller
  // exists (with --workers the edge processes start first). The controller feeds its edges
  // only once it takes reports, so the first feed op after attach is answered with a report.
  let reportedAfterFeed = false;
  const unsubscribeFeed = bus.subscribe(Subjects.feed, (data) => {
    onFeed(data);
    if (!reportedAfterFeed && ctx.server !== null && !ctx.closed) {
      reportedAfterFeed = true;
      publishStats();
    }
  });

  // ---------------------------------------------------------------- per-process timers
  const timers: ReturnType<typeof setInterval>[] = [];
  const every = (ms: number, fn: () => void) => {
    const t = setInterval(fn, ms);
    t.unref?.();
    timers.push(t);
  };

  // Hello timeout: one sweep over the sockets still waiting for hello.
  every(Math.max(10, Math.min(1000, limits.helloTimeoutMs / 4)), () => {
    // An accepted upgrade opens its socket within the same turn of the loop; one whose client
    // vanished first never does, so the in-flight count must not outlive a sweep period.
    upgradesInFlight = 0;
    const cutoff = now() - limits.helloTimeoutMs;
    for (const ws of ctx.awaitingHello) {
      if (ws.data.openedAtMs <= cutoff) {
        ctx.awaitingHello.delete(ws);
        closeSocket(ws, CloseCode.HelloTimeout);
      }
    }
  });

  // Socket sweep: close sockets that went quiet (4012) or cannot drain what they were sent
  // (4011, before Bun's hard backpressure limit drops them without a code).
  every(limits.sweepIntervalMs, () => {
    const idleCutoff = limits.idleTimeoutMs > 0 ? now() - limits.idleTimeoutMs : -Infinity;
    for (const ws of ctx.sockets) {
      if (ws.data.lastSeenMs < idleCutoff) closeSocket(ws, CloseCode.IdleTimeout);
      else if (ws.getBufferedAmount() > limits.softBackpressureBytes) closeSocket(ws, CloseCode.Backpressure);
    }
    ctx.counters.sweeps++;
  });

  // Keyframes: repeat the current state to every topic.
  every(limits.keyframeIntervalMs, () => {
    if (ctx.server === null) return;
    ctx.counters.keyframes++;
    for (const r of ctx.retained.values()) publishFrame(ctx, r.topic, r.frame);
  });

  const publishStats = () => bus.publish(Subjects.stats, enc.encode(JSON.stringify(stats())));
  every(limits.statsIntervalMs, () => {
    publishStats();
    lag.rollWindow();
  });
  lag.start();

  // ---------------------------------------------------------------- reports
  // Reading the resident size opens /proc: it fails when the process is out of descriptors
  // (a flood of connections), and a report must not throw then; the last reading stands.
  let lastRss = 0;
  const rssBytes = (): number => {
    try {
      lastRss = process.memoryUsage.rss();
    } catch {
      // keep the last value
    }
    return lastRss;
  };
  const cpuMicros = (): number => {
    const c = process.cpuUsage();
    return c.user + c.system;
  };

  function stats(): EdgeStats {
    const a = ctx.audience;
    return {
      edgeId,
      atMs: now(),
      connections: ctx.connections,
      ready: Object.fromEntries(a.ready),
      synced: a.synced,
      degraded: a.degraded,
      rttHistogram: a.rttHistogram.slice(),
      uncertaintyHistogram: a.uncertaintyHistogram.slice(),
      framesOut: ctx.counters.framesOutTotal,
      closesByCode: Object.fromEntries([...ctx.counters.closes].map(([code, n]) => [String(code), n])),
      pid: process.pid,
      rssBytes: rssBytes(),
      cpuMicros: cpuMicros(),
      loopLagMaxMs: lag.maxMs,
    };
  }

  function metricsText(): string {
    return renderMetrics({
      edgeId,
      pid: process.pid,
      connections: ctx.connections,
      socketsOpen: ctx.sockets.size,
      awaitingHello: ctx.awaitingHello.size,
      retainedFrames: ctx.retained.size,
      loopLagLastMs: lag.lastMs,
      loopLagMaxMs: lag.maxMs,
      upgradesRefusedFull: refusedFull,
      rssBytes: rssBytes(),
      cpuMicros: cpuMicros(),
      maxConnections: limits.maxConnections,
      counters: ctx.counters,
      audience: ctx.audience,
    });
  }

  // ---------------------------------------------------------------- HTTP
  function refuse(status: number, text: string): Response {
    const { retryAfterMinSec: lo, retryAfterMaxSec: hi } = limits;
    // Jittered, so a crowd refused together does not come back together.
    const retry = lo + Math.floor(Math.random() * (hi - lo + 1));
    return new Response(text + '\n', { status, headers: { 'retry-after': String(retry), 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }

  function upgrade(req: Request, server: EdgeServer): Response | undefined {
    if (req.headers.get('upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('expected a WebSocket upgrade\n', { status: 426, headers: { upgrade: 'websocket' } });
    }
    if (ctx.closed) {
      ctx.counters.upgradesRefused++;
      return refuse(503, 'edge draining');
    }
    if (limits.maxConnections > 0 && ctx.sockets.size + upgradesInFlight >= limits.maxConnections) {
      ctx.counters.upgradesRefused++;
      refusedFull++;
      return refuse(503, 'this server is full; retry shortly');
    }
    const t = performance.now();
    if (!upgrades.take(t)) {
      ctx.counters.upgradesRefused++;
      return refuse(503, 'too many connections right now; retry shortly');
    }
    // Counted before upgrading: Bun may open the socket within upgrade().
    upgradesInFlight++;
    if (!server.upgrade(req, { data: newSocketData(now(), limits.messageBurst) })) {
      upgradesInFlight--;
      return new Response('WebSocket upgrade failed\n', { status: 400 });
    }
    ctx.counters.upgradesAccepted++;
    return undefined;
  }

  function plain(req: Request, status: number, body: string, contentType: string): Response {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return new Response('method not allowed\n', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const bytes = enc.encode(body);
    const headers = { 'content-type': contentType, 'cache-control': 'no-store', 'content-length': String(bytes.length) };
    return new Response(req.method === 'HEAD' ? null : bytes, { status, headers });
  }

  function fetch(req: Request, server: EdgeServer): Response | undefined | null {
    const path = requestPath(req.url);
    switch (path) {
      case '/ws':
        return upgrade(req, server);
      case '/healthz':
        return plain(
          req,
          ctx.closed ? 503 : 200,
          JSON.stringify({ ok: !ctx.closed, edgeId, connections: ctx.connections }),
          'application/json',
        );
      case '/metrics':
        return plain(req, 200, metricsText(), 'text/plain; version=0.0.4; charset=utf-8');
      default:
        return site.respond(req, path);
    }
  }

  // ---------------------------------------------------------------- lifecycle
  function attach(server: EdgeServer): void {
    ctx.server = server;
    bus.publish(Subjects.replay, enc.encode(edgeId));
    // Report at once, so the controller lists this edge without waiting for the first interval.
    publishStats();
  }

  async function close(): Promise<void> {
    if (ctx.closed) return;
    ctx.closed = true;
    for (const t of timers) clearInterval(t);
    lag.stop();
    unsubscribeFeed();
    bus.publish(Subjects.stats, enc.encode(JSON.stringify(goneReport(edgeId, now(), process.pid))));
    for (const ws of [...ctx.sockets]) closeSocket(ws as EdgeSocket, CloseCode.Draining);
    // Wait (briefly) for Bun to report the closes, so the counts are final.
    const deadline = performance.now() + CLOSE_WAIT_MS;
    while (ctx.sockets.size > 0 && performance.now() < deadline) await Bun.sleep(5);
  }

  return { edgeId, limits, fetch, websocket, attach, stats, metricsText, close };
}
