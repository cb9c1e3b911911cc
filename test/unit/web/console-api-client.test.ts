import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { ApiClient } from '../../../src/web/console/api-client.ts';
import { ConsoleApiError } from '../../../src/web/console/api-error.ts';

/**
 * A real HTTP server that records each request and answers as the operator API would for a
 * token 'good': the client's requests are checked on the wire.
 */
interface Seen {
  method: string;
  path: string;
  auth: string | null;
  contentType: string | null;
  body: string;
}
let seen: Seen[] = [];
let server: ReturnType<typeof Bun.serve>;
let base = '';

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(req) {
      const url = new URL(req.url);
      seen.push({ method: req.method, path: url.pathname, auth: req.headers.get('authorization'), contentType: req.headers.get('content-type'), body: await req.text() });
      if (req.headers.get('authorization') !== 'Bearer good') {
        return Response.json({ error: 'unauthorized', message: 'missing or wrong token' }, { status: 401, headers: { 'www-authenticate': 'Bearer' } });
      }
      if (url.pathname === '/api/status') return Response.json({ controllerTimeMs: 1000, transport: { mode: 'paused', positionMs: 42 } });
      if (url.pathname === '/api/cues' && req.method === 'POST') return Response.json({ cueId: 9, startControllerMs: 1180 }, { status: 201 });
      if (url.pathname === '/api/shows') return Response.json([{ id: 'a b', name: 'A', venue: 'v', durationMs: 1000, version: 2 }]);
      if (url.pathname === '/api/transport') return Response.json({ error: 'invalid-request', message: 'seek needs positionMs' }, { status: 400 });
      return Response.json({ atControllerMs: 1180 });
    },
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => {
  server.stop(true);
});

describe('console api client', () => {
  test('api client - sends the bearer token and JSON bodies to the documented paths', async () => {
    seen = [];
    const api = new ApiClient({ baseUrl: `${base}/`, token: 'good' });
    const status = await api.status();
    expect(status.transport.positionMs).toBe(42);
    expect(await api.fireCue({ effect: { kind: 'solid', color: '#ff0000' }, target: { zones: ['north'] }, durationMs: null })).toEqual({ cueId: 9, startControllerMs: 1180 });
    await api.blackout(true);
    await api.cancelCue(9);
    await api.cancelAllCues();
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/status', 'POST /api/cues', 'POST /api/blackout', 'DELETE /api/cues/9', 'DELETE /api/cues']);
    expect(seen.every((s) => s.auth === 'Bearer good')).toBe(true);
    expect(seen[0]!.contentType).toBeNull();
    expect(seen[1]!.contentType).toBe('application/json');
    expect(JSON.parse(seen[1]!.body)).toEqual({ effect: { kind: 'solid', color: '#ff0000' }, target: { zones: ['north'] }, durationMs: null });
    expect(JSON.parse(seen[2]!.body)).toEqual({ on: true });
  });

  test('api client - lists shows and loads one by its escaped id', async () => {
    seen = [];
    const api = new ApiClient({ baseUrl: base, token: 'good' });
    expect(await api.listShows()).toEqual([{ id: 'a b', name: 'A', venue: 'v', durationMs: 1000, version: 2 }]);
    expect(await api.loadShow('a b')).toEqual({ atControllerMs: 1180 });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/shows', 'POST /api/shows/a%20b/load']);
  });

  test('api client - a wrong token rejects with an unauthorized error', async () => {
    const api = new ApiClient({ baseUrl: base, token: 'bad' });
    const err = await api.status().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsoleApiError);
    expect((err as ConsoleApiError).unauthorized).toBe(true);
    expect((err as ConsoleApiError).code).toBe('unauthorized');
  });

  test('api client - a refused request carries the server code and message', async () => {
    const api = new ApiClient({ baseUrl: base, token: 'good' });
    const err = (await api.transport({ action: 'seek' }).catch((e: unknown) => e)) as ConsoleApiError;
    expect(err.code).toBe('invalid-request');
    expect(err.status).toBe(400);
    expect(err.message).toBe('seek needs positionMs');
  });

  test('api client - an unreachable server is a network error', async () => {
    const closed = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('') });
    const url = `http://127.0.0.1:${closed.port}`;
    closed.stop(true);
    const api = new ApiClient({ baseUrl: url, token: 'good' });
    const err = (await api.status().catch((e: unknown) => e)) as ConsoleApiError;
    expect(err).toBeInstanceOf(ConsoleApiError);
    expect(err.code).toBe('network');
    expect(err.status).toBe(0);
  });
});
