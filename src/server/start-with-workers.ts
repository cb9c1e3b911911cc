/**
 * `crowdlight serve --workers N`: the controller, the store, the operator API and the bus
 * hub stay in this process; N edge processes (edge-process.ts) share the public port with
 * `reusePort` and are fed over the socket bus. This process accepts no phone connections:
 * it listens only on two Unix sockets in a private temporary directory, the bus hub and a
 * private HTTP server to which the edges forward `/api/*` and `/metrics`.
 *
 * Edges stamp controller time with the same host clock as the controller (controller-clock.ts).
 */
import type { Server } from 'bun';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goneReport, SocketBusHub, Subjects } from '../bus/index.ts';
import { isApiPath, type Api, type Controller } from '../control/index.ts';
import type { Edge, EdgeLimits } from '../edge/index.ts';
import { Store } from '../store/index.ts';
import { requestPath, type StaticAsset } from '../web/static-site.ts';
import { setUpControl } from './control-setup.ts';
import { controllerNow } from './controller-clock.ts';
import { EdgeMetricsBoard } from './edge-metrics-board.ts';
import { EdgeStartError, EdgeWorkers } from './edge-workers.ts';
import { ServeError } from './serve-error.ts';
import type { RunningServer, ServerOptions } from './server-types.ts';
import { internalError, listenError, notFound, unavailable } from './http-answers.ts';

/** How often each edge publishes its metrics page (the aggregate's staleness). */
const METRICS_INTERVAL_MS = 1000;

export interface WorkerPlan {
  workers: number;
  publicUrl: string | null;
  limits: Partial<EdgeLimits>;
  assets: StaticAsset[];
}

/** Fails with port-in-use when another process holds the port (with or without reusePort),
 *  before any edge tries to share it. Port 0 needs no check. */
function checkPortFree(host: string, port: number): void {
  if (port === 0) return;
  let probe: Server<unknown>;
  try {
    probe = Bun.serve({ hostname: host, port, reusePort: false, fetch: () => new Response(null, { status: 503 }) } as Parameters<typeof Bun.serve>[0]) as Server<unknown>;
  } catch (err) {
    throw listenError(err, host, port);
  }
  probe.stop(true);
}

function supervisorMetrics(workers: EdgeWorkers | null, configured: number): string {
  return [
    '# HELP crowdlight_edge_processes Edge processes running now.',
    '# TYPE crowdlight_edge_processes gauge',
    `crowdlight_edge_processes ${workers?.list().length ?? 0}`,
    '# HELP crowdlight_edge_processes_configured Edge processes this server runs (--workers).',
    '# TYPE crowdlight_edge_processes_configured gauge',
    `crowdlight_edge_processes_configured ${configured}`,
    '# HELP crowdlight_edge_process_restarts_total Edge processes restarted after an unexpected exit.',
    '# TYPE crowdlight_edge_process_restarts_total counter',
    `crowdlight_edge_process_restarts_total ${workers?.restarts ?? 0}`,
    '',
  ].join('\n');
}

export async function startWithWorkers(opts: ServerOptions, plan: WorkerPlan): Promise<RunningServer<Edge | null>> {
  const host = opts.host ?? '127.0.0.1';
  const portWanted = opts.port ?? 8080;
  const log = opts.log ?? ((line: string) => console.log(line));
  checkPortFree(host, portWanted);

  const runDir = mkdtempSync(join(tmpdir(), 'crowdlight-'));
  const busPath = join(runDir, 'bus.sock');
  const controlPath = join(runDir, 'control.sock');
  const store = new Store(opts.dataDir);
  let phase: 'starting' | 'running' | 'stopping' = 'starting';
  let api: Api | null = null;
  let controller: Controller | null = null;
  let workers: EdgeWorkers | null = null;
  let control: Server<unknown> | null = null;
  let hub: SocketBusHub | null = null;
  let board: EdgeMetricsBoard | null = null;

  // Edges first (they drain their phones), then the controller saves its state, then the rest.
  const shutdown = async (): Promise<void> => {
    await workers?.stop();
    controller?.stop();
    board?.close();
    await control?.stop(true);
    await hub?.close();
    store.close();
    rmSync(runDir, { recursive: true, force: true });
  };

  try {
    const h = (hub = new SocketBusHub({ path: busPath, log }));
    const b = (board = new EdgeMetricsBoard(hub, METRICS_INTERVAL_MS * 5));
    control = Bun.serve({
      unix: controlPath,
      development: false,
      fetch(req) {
        const path = requestPath(req.url);
        if (path === '/metrics') {
          if (req.method !== 'GET' && req.method !== 'HEAD') return new Response('method not allowed\n', { status: 405, headers: { allow: 'GET, HEAD' } });
          const text = b.text(supervisorMetrics(workers, plan.workers));
          return new Response(req.method === 'HEAD' ? null : text, {
            headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' },
          });
        }
        if (!isApiPath(path)) return notFound();
        if (phase !== 'running') return unavailable(phase === 'starting' ? 'starting' : 'shutting down');
        return api!.handle(req) ?? notFound();
      },
      error(err: Error) {
        log(`server: internal error: ${err?.stack ?? err}`);
        return internalError();
      },
    } as Parameters<typeof Bun.serve>[0]) as Server<unknown>;

    try {
      workers = await EdgeWorkers.start({
        count: plan.workers,
        port: portWanted,
        config: { hostname: host, busPath, controlPath, limits: plan.limits, metricsIntervalMs: METRICS_INTERVAL_MS },
        assets: plan.assets,
        log,
        onExit: (edgeId, pid) => {
          // The edge may not have said goodbye (killed, crashed): say it for it.
          b.forget(edgeId);
          h.publish(Subjects.stats, new TextEncoder().encode(JSON.stringify(goneReport(edgeId, controllerNow(), pid))));
        },
      });
    } catch (err) {
      if (!(err instanceof EdgeStartError)) throw err;
      if (err.code === 'port-in-use') throw new ServeError('port-in-use', `${err.edgeId}: port ${portWanted} on ${host} is already in use; stop the other process or choose another with --port`);
      throw new ServeError('edge-failed', `edge process ${err.edgeId} failed to start: ${err.message}`);
    }
    const w = workers;
    const port = w.port;
    const setup = setUpControl({
      bus: hub, store, host, port, publicUrl: plan.publicUrl, token: opts.token, showFile: opts.showFile, venueFile: opts.venueFile, lead: opts.lead, log,
      onController: (c) => (controller = c),
    });
    api = setup.api;
    phase = 'running';
    const perProcess = plan.limits.maxConnections ?? 0;

    let stopped: Promise<void> | null = null;
    return {
      url: setup.url, joinUrl: setup.joinUrl, host, port, token: setup.token, tokenGenerated: setup.tokenGenerated,
      controller: setup.controller, edge: null, server: control, workers: plan.workers,
      edgeProcesses: () => w.list(),
      connectionCapacity: perProcess * plan.workers,
      stop() {
        phase = 'stopping';
        stopped ??= shutdown();
        return stopped;
      },
    };
  } catch (err) {
    await shutdown();
    throw err;
  }
}
