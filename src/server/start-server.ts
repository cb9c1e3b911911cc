/**
 * Starting crowdlight on this machine. The embedded default: controller, in-process bus and
 * edge in one process, on one port; `/api/*` goes to the operator API, everything else (the
 * phone page, `/ws`, `/console`, show packages, `/healthz`, `/metrics`) to the edge. With
 * `workers: N` the edges run as N processes instead (start-with-workers.ts).
 */
import type { Server } from 'bun';
import { InProcessBus } from '../bus/index.ts';
import { isApiPath, type Api, type Controller } from '../control/index.ts';
import { connectionCapacity, openFileLimit } from '../cli/open-file-limit.ts';
import { createEdge, resolveEdgeLimits, type Edge, type EdgeLimits } from '../edge/index.ts';
import { Store } from '../store/index.ts';
import { buildConsoleAssets } from '../web/console/build.ts';
import { buildPhoneAssets } from '../web/phone/build.ts';
import { requestPath, StaticSite, type StaticAsset } from '../web/static-site.ts';
import { checkPublicUrl, setUpControl } from './control-setup.ts';
import { controllerNow } from './controller-clock.ts';
import { internalError, listenError, notFound, unavailable } from './http-answers.ts';
import { ServeError } from './serve-error.ts';
import type { RunningServer, ServerOptions, WorkerServerOptions } from './server-types.ts';
import { startWithWorkers } from './start-with-workers.ts';

export const MAX_WORKERS = 64;

/** The edge limits of every edge: the options, with `maxConnections` from the open-file limit
 *  unless given (every edge process inherits this process's limit). Checked here, so a bad
 *  limit fails before anything starts. */
function edgeLimitsFor(opts: ServerOptions): Partial<EdgeLimits> {
  const limits: Partial<EdgeLimits> = { ...opts.edgeLimits };
  limits.maxConnections ??= connectionCapacity(openFileLimit());
  try {
    resolveEdgeLimits(limits);
  } catch (err) {
    throw new ServeError('bad-option', err instanceof Error ? err.message : String(err));
  }
  return limits;
}

/**
 * Starts the server. Nothing in the data directory changes until the port is bound, so a
 * start that fails (port taken, bad address) leaves the stored state as it was; a start that
 * fails later closes everything it opened before throwing.
 */
export function startServer(opts: WorkerServerOptions): Promise<RunningServer<Edge | null>>;
export function startServer(opts: ServerOptions): Promise<RunningServer>;
export async function startServer(opts: ServerOptions & { workers?: number }): Promise<RunningServer<Edge | null>> {
  const workers = opts.workers ?? 0;
  if (!Number.isInteger(workers) || workers < 0 || workers > MAX_WORKERS) {
    throw new ServeError('bad-option', `workers must be an integer 0..${MAX_WORKERS}, got ${workers}`);
  }
  const publicUrl = opts.publicUrl === undefined ? null : checkPublicUrl(opts.publicUrl);
  const limits = edgeLimitsFor(opts);
  // The bundles first: building them has no side effects.
  const assets = [...(await buildPhoneAssets()), ...(await buildConsoleAssets())];
  if (workers > 0) return startWithWorkers(opts, { workers, publicUrl, limits, assets });
  return startInProcess(opts, publicUrl, limits, assets);
}

async function startInProcess(opts: ServerOptions, publicUrl: string | null, limits: Partial<EdgeLimits>, assets: StaticAsset[]): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const portWanted = opts.port ?? 8080;
  const log = opts.log ?? ((line: string) => console.log(line));
  const store = new Store(opts.dataDir);
  const bus = new InProcessBus();
  const site = new StaticSite();
  for (const a of assets) site.add(a);

  // Until everything is up, requests get 503. From the moment stop() begins, API requests get
  // 503 (one refused while stopping changes nothing) and the edge answers the rest as a
  // draining edge does (/healthz 503, /ws 503 with Retry-After).
  let phase: 'starting' | 'running' | 'stopping' = 'starting';
  let api: Api | null = null;
  let edge: Edge | null = null;
  let controller: Controller | null = null;
  let server: Server<unknown> | null = null;
  // The one shutdown sequence, for stop() and for a start that fails part-way: no new
  // connections; the phones already connected are told to go elsewhere (4020); the state is
  // saved; then the port, the bus and the store are released.
  const shutdown = async (): Promise<void> => {
    server?.stop(false).catch(() => {});
    await edge?.close();
    controller?.stop();
    await server?.stop(true);
    await bus.close();
    store.close();
  };

  try {
    edge = createEdge({ bus, edgeId: opts.edgeId ?? 'edge-0', now: controllerNow, site, limits });
    const e = edge;
    try {
      server = Bun.serve({
        hostname: host,
        port: portWanted,
        fetch(req, srv) {
          if (phase === 'starting') return unavailable('starting');
          if (phase === 'stopping') {
            if (isApiPath(requestPath(req.url))) return unavailable('shutting down');
          } else {
            const fromApi = api!.handle(req);
            if (fromApi) return fromApi;
          }
          const res = e.fetch(req, srv as Server<never>);
          if (res === undefined) return undefined;
          return res ?? notFound();
        },
        websocket: e.websocket,
        // Production behaviour whatever NODE_ENV says: an unexpected error is logged and
        // answered with a plain 500, never with the runtime's debug page (source and stack).
        development: false,
        // Never share the port with another process: a second server on it must fail to start
        // (Bun 1.4 otherwise reuses the port in production mode, and the kernel would split the
        // phones between two unrelated controllers).
        reusePort: false,
        error(err: Error) {
          log(`server: internal error: ${err?.stack ?? err}`);
          return internalError();
        },
      } as Parameters<typeof Bun.serve>[0]) as Server<unknown>;
    } catch (err) {
      throw listenError(err, host, portWanted);
    }

    const srv = server;
    const port = srv.port!;
    const setup = setUpControl({
      bus, store, host, port, publicUrl, token: opts.token, showFile: opts.showFile, venueFile: opts.venueFile, lead: opts.lead, log,
      onController: (c) => (controller = c),
    });
    api = setup.api;
    phase = 'running';
    e.attach(srv as Server<never>);

    let stopped: Promise<void> | null = null;
    return {
      url: setup.url, joinUrl: setup.joinUrl, host, port, token: setup.token, tokenGenerated: setup.tokenGenerated,
      controller: setup.controller, edge: e, server: srv, workers: 0, edgeProcesses: () => [],
      connectionCapacity: e.limits.maxConnections,
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
