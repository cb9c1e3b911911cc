/** Plain answers shared by the public server and the controller's private one. */
import { ServeError } from './serve-error.ts';

export const notFound = (): Response => new Response('not found\n', { status: 404, headers: { 'content-type': 'text/plain' } });

export const unavailable = (text: string): Response =>
  new Response(`${text}\n`, { status: 503, headers: { 'content-type': 'text/plain', 'retry-after': '1', 'cache-control': 'no-store' } });

export const internalError = (): Response =>
  new Response('internal server error\n', { status: 500, headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });

/** Maps a failure to bind the public port to a ServeError. */
export function listenError(err: unknown, host: string, port: number): ServeError {
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string })?.code;
  if (code === 'EADDRINUSE' || /in use|EADDRINUSE/i.test(msg)) {
    return new ServeError('port-in-use', `port ${port} on ${host} is already in use; stop the other process or choose another with --port`);
  }
  return new ServeError('listen-failed', `cannot listen on ${host}:${port}: ${msg}`);
}
