export { startServer, controllerNow, ServeError, MAX_WORKERS } from './start-server.ts';
export type { ServerOptions, WorkerServerOptions, RunningServer } from './server-types.ts';
export { EdgeStartError } from './edge-workers.ts';
