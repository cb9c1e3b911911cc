import { afterEach, expect, test } from 'bun:test';
import { requestPath, StaticSite } from '../../src/web/static-site.ts';

// Served over a real Bun.serve, so what is checked is what a browser or a CDN receives.
let server: ReturnType<typeof Bun.serve> | null = null;
afterEach(async () => {
  await server?.stop(true);
  server = null;
});

function serve(site: StaticSite): string {
  server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: (req) => site.respond(req, new URL(req.url).pathname) ?? new Response('no', { status: 404 }) });
  return `http://127.0.0.1:${server.port}`;
}

const page = new TextEncoder().encode(`<!doctype html><title>x</title>${'<p>crowdlight</p>'.repeat(100)}`);

test('static site - gzip for clients that accept it, with the length of the bytes sent', async () => {
  const site = new StaticSite();
  site.add({ path: '/', body: page, contentType: 'text/html; charset=utf-8', cache: 'no-cache' });
  const url = serve(site);
  const gz = await fetch(`${url}/`, { headers: { 'accept-encoding': 'gzip' }, decompress: false } as RequestInit);
  const gzBytes = new Uint8Array(await gz.arrayBuffer());
  expect(gz.headers.get('content-encoding')).toBe('gzip');
  expect(Number(gz.headers.get('content-length'))).toBe(gzBytes.length);
  expect(Bun.gunzipSync(gzBytes)).toEqual(page);
  const plain = await fetch(`${url}/`, { headers: { 'accept-encoding': 'identity' } });
  expect(plain.headers.get('content-encoding')).toBeNull();
  expect(Number(plain.headers.get('content-length'))).toBe(page.length);
  expect(plain.headers.get('vary')).toBe('accept-encoding');
  expect(plain.headers.get('cache-control')).toBe('no-cache');
});

test('static site - each representation has its own validator; 304 honours weak and listed tags', async () => {
  const site = new StaticSite();
  site.add({ path: '/assets/a.js', body: page, contentType: 'text/javascript', cache: 'immutable' });
  const url = serve(site);
  const gz = await fetch(`${url}/assets/a.js`, { headers: { 'accept-encoding': 'gzip' } });
  const plain = await fetch(`${url}/assets/a.js`, { headers: { 'accept-encoding': 'identity' } });
  const gzTag = gz.headers.get('etag')!;
  const plainTag = plain.headers.get('etag')!;
  expect(gzTag).not.toBe(plainTag);
  expect(gz.headers.get('cache-control')).toContain('immutable');
  const cond = (inm: string, enc: string) => fetch(`${url}/assets/a.js`, { headers: { 'if-none-match': inm, 'accept-encoding': enc } });
  expect((await cond(gzTag, 'gzip')).status).toBe(304);
  expect((await cond(`W/${plainTag}`, 'identity')).status).toBe(304);
  expect((await cond(`"zzz", ${gzTag}`, 'gzip')).status).toBe(304);
  expect((await cond('*', 'gzip')).status).toBe(304);
  // A validator of the other representation does not match.
  const other = await cond(gzTag, 'identity');
  expect(other.status).toBe(200);
  expect(new Uint8Array(await other.arrayBuffer())).toEqual(page);
});

test('static site - HEAD has the headers and no body; other methods get 405 with Allow', async () => {
  const site = new StaticSite();
  site.add({ path: '/x.json', body: new TextEncoder().encode('{"a":1}'), contentType: 'application/json', cache: 'immutable' });
  const url = serve(site);
  const head = await fetch(`${url}/x.json`, { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-length')).toBe('7');
  expect((await head.arrayBuffer()).byteLength).toBe(0);
  const post = await fetch(`${url}/x.json`, { method: 'POST', body: 'x' });
  expect(post.status).toBe(405);
  expect(post.headers.get('allow')).toBe('GET, HEAD');
  expect(site.remove('/x.json')).toBe(true);
  expect((await fetch(`${url}/x.json`)).status).toBe(404);
  expect(site.remove('/x.json')).toBe(false);
});

test('static site - requestPath reads the same path as URL.pathname, without query or fragment', () => {
  for (const url of [
    'http://127.0.0.1:8080/',
    'http://127.0.0.1:8080/ws?x=1',
    'http://example.org/api/status#top',
    'https://example.org/pkg/0123456789abcdef.json?a=b#c',
    'http://[::1]:8080/console',
    'http://127.0.0.1:8080/api?q=/api/x',
    'http://127.0.0.1:8080/a#b?c',
    'http://127.0.0.1:8080',
  ]) {
    expect(requestPath(url)).toBe(new URL(url).pathname);
  }
});
