/**
 * The edge process's forwarding of `/api/*` and `/metrics` to the controller process
 * (control-proxy.ts), against a real upstream HTTP server on a Unix socket.
 */
import { afterEach, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'bun';
import { forwardToControl } from '../../src/server/control-proxy.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function rig(upstreamFetch: (req: Request) => Response | Promise<Response>): { front: Server<unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlight-proxy-'));
  const socketPath = join(dir, 'control.sock');
  const upstream = Bun.serve({ unix: socketPath, fetch: upstreamFetch } as Parameters<typeof Bun.serve>[0]) as Server<unknown>;
  const front = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (req) => forwardToControl(req, socketPath) }) as Server<unknown>;
  cleanups.push(() => {
    front.stop(true);
    upstream.stop(true);
    rmSync(dir, { recursive: true, force: true });
  });
  return { front };
}

test('control proxy - a client that gives up cancels its request to the controller process', async () => {
  let arrived!: () => void;
  const arrivedP = new Promise<void>((r) => (arrived = r));
  let upstreamAborted!: () => void;
  const abortedP = new Promise<string>((r) => (upstreamAborted = () => r('aborted')));
  // A controller too slow to answer: the request stays open until it is cancelled.
  const { front } = rig((req) => {
    req.signal.addEventListener('abort', () => upstreamAborted());
    arrived();
    return new Promise<Response>(() => {});
  });
  const ac = new AbortController();
  const client = fetch(`http://127.0.0.1:${front.port}/api/status`, { signal: ac.signal }).catch((e: Error) => e.name);
  await arrivedP;
  ac.abort();
  expect(await client).toBe('AbortError');
  // Without the cancellation the controller's request (and its socket) stays open for good.
  expect(await Promise.race([abortedP, Bun.sleep(3000).then(() => 'still open')])).toBe('aborted');
}, 10_000);

test('control proxy - method, path, query, token and body go through; status, headers and body come back', async () => {
  const { front } = rig(async (req) => {
    const body = await req.text();
    return new Response(`${req.method} ${new URL(req.url).pathname}${new URL(req.url).search} ${req.headers.get('authorization')} ${body}`, {
      status: 409,
      headers: { 'x-answer': 'yes', 'content-type': 'text/plain' },
    });
  });
  const res = await fetch(`http://127.0.0.1:${front.port}/api/shows/a?x=1`, { method: 'PUT', headers: { authorization: 'Bearer t' }, body: 'hello' });
  expect(res.status).toBe(409);
  expect(res.headers.get('x-answer')).toBe('yes');
  expect(await res.text()).toBe('PUT /api/shows/a?x=1 Bearer t hello');
});
