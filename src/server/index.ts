export { startServer, MAX_WORKERS } from './start-server.ts';
export { controllerNow } from './controller-clock.ts';
export { ServeError } from './serve-error.ts';
export type { ServerOptions, WorkerServerOptions, RunningServer } from './server-types.ts';
export { EdgeStartError } from './edge-workers.ts';
