/** Plain answers shared by the public server and the controller's private one. */
import { ServeError } from './serve-error.ts';

export const notFound = (): Response => new Response('not found\n', { status: 404, headers: { 'content-type': 'text/plain' } });

export const unavailable = (text: string): Response =>
  new Response(`${text}\n`, { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '1', 'cache-control': 'no-store' } });

export const internalError = (): Response =>
  new Response('internal server error\n', { status: 500, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });

/** True when a failure to bind a port says another socket holds it. */
export function isAddressInUse(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return (err as { code?: string })?.code === 'EADDRINUSE' || /in use|EADDRINUSE/i.test(msg);
}

/** Maps a failure to bind the public port to a ServeError. */
export function listenError(err: unknown, host: string, port: number): ServeError {
  const msg = err instanceof Error ? err.message : String(err);
  if (isAddressInUse(err)) {
    return new ServeError('port-in-use', `port ${port} on ${host} is already in use; stop the other process or choose another with --port`);
  }
  return new ServeError('listen-failed', `cannot listen on ${host}:${port}: ${msg}`);
}
