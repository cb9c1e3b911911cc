export { startServer, controllerNow, ServeError, type ServerOptions, type RunningServer } from './start-server.ts';
