/**
 * An edge process of `crowdlight serve --workers N`: one edge (src/edge) on the shared public
 * port (`reusePort`: the kernel spreads new connections over every edge process), fed by the
 * controller over the socket bus. Started by EdgeWorkers with an IPC channel; it waits for
 * its configuration and assets, then says "listening" (or "failed", with a code).
 *
 * - `/api/*` and `/metrics` go to the controller process (control-proxy.ts); everything else
 *   (the phone page, `/ws`, `/console`, show packages, `/healthz`) is this edge's.
 * - Every `metricsIntervalMs` it publishes its metrics page on the bus, for the aggregate.
 * - SIGTERM: phones are closed with 4020 draining, then the process exits.
 * - If the controller process goes away (the IPC channel closes, or the bus hub stays
 *   unreachable for BUS_LOST_MS), the process exits: an edge without a controller would keep
 *   phones on a frozen show.
 */
import type { Server } from 'bun';
import { SocketBusClient, Subjects } from '../bus/index.ts';
import { isApiPath } from '../control/api.ts';
import { createEdge, type Edge } from '../edge/index.ts';
import { requestPath, StaticSite } from '../web/static-site.ts';
import { forwardToControl } from './control-proxy.ts';
import { controllerNow } from './controller-clock.ts';
import { internalError, isAddressInUse, notFound } from './http-answers.ts';
import type { EdgeStartFailure, FromEdgeProcess, ToEdgeProcess } from './worker-messages.ts';

const BUS_LOST_MS = 5000;
const enc = new TextEncoder();

function tell(msg: FromEdgeProcess): void {
  try {
    process.send?.(msg);
  } catch {
    // The channel is gone; the disconnect handler ends the process.
  }
}

const log = (line: string) => tell({ type: 'log', line });

let shuttingDown: Promise<void> | null = null;
let stopEverything: () => Promise<void> = async () => {};

function exit(code: number): void {
  shuttingDown ??= stopEverything().finally(() => process.exit(code));
}

async function start(msg: ToEdgeProcess): Promise<void> {
  const { config, assets } = msg;
  const { edgeId } = config;
  const fail = (code: EdgeStartFailure, message: string) => {
    tell({ type: 'failed', edgeId, code, message });
    process.exit(1);
  };
  const site = new StaticSite();
  for (const a of assets) site.add(a);

  let bus: SocketBusClient;
  try {
    bus = await SocketBusClient.connect({
      path: config.busPath,
      log,
      // The hub may have sent feed ops while this edge was away: ask for the whole state again.
      onReconnect: () => bus.publish(Subjects.replay, enc.encode(edgeId)),
    });
  } catch (err) {
    return fail('bus-unavailable', err instanceof Error ? err.message : String(err));
  }

  let edge: Edge;
  try {
    edge = createEdge({ bus, edgeId, now: controllerNow, site, limits: config.limits, log });
  } catch (err) {
    return fail('bad-option', err instanceof Error ? err.message : String(err));
  }

  let server: Server<unknown>;
  try {
    server = Bun.serve({
      hostname: config.hostname,
      port: config.port,
      // Every edge process of this server listens on the same port; the kernel hashes each
      // new connection to one of them.
      reusePort: true,
      development: false,
      fetch(req, srv) {
        const path = requestPath(req.url);
        if (isApiPath(path) || path === '/metrics') return forwardToControl(req, config.controlPath);
        const res = edge.fetch(req, srv as Server<never>);
        if (res === undefined) return undefined;
        return res ?? notFound();
      },
      websocket: edge.websocket,
      error(err: Error) {
        log(`${edgeId}: internal error: ${err?.stack ?? err}`);
        return internalError();
      },
    } as Parameters<typeof Bun.serve>[0]) as Server<unknown>;
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return fail(isAddressInUse(err) ? 'port-in-use' : 'listen-failed', `cannot listen on ${config.hostname}:${config.port}: ${text}`);
  }
  edge.attach(server as Server<never>);

  const publishMetrics = () => bus.publish(Subjects.metrics, enc.encode(`${edgeId}\n${edge.metricsText()}`));
  publishMetrics();
  const timers = [
    setInterval(publishMetrics, config.metricsIntervalMs),
    setInterval(() => {
      if (bus.downForMs() > BUS_LOST_MS) {
        log(`${edgeId}: the bus hub has been unreachable for ${BUS_LOST_MS} ms; exiting`);
        exit(1);
      }
    }, 1000),
  ];

  stopEverything = async () => {
    for (const t of timers) clearInterval(t);
    server.stop(false).catch(() => {});
    await edge.close();
    await server.stop(true);
    await bus.close();
  };
  tell({ type: 'listening', edgeId, port: server.port!, pid: process.pid });
}

process.on('message', (m: unknown) => {
  const msg = m as ToEdgeProcess;
  if (msg?.type === 'start') {
    start(msg).catch((err) => {
      log(`edge process: start failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    });
  }
});
process.on('disconnect', () => exit(0));
process.on('SIGTERM', () => exit(0));
process.on('SIGINT', () => {
  // The controller process handles Ctrl-C and stops its edges with SIGTERM.
});
