import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { ShowAnnounceMessage } from '../../../src/core/protocol/index.ts';
import { demoStadiumSpec } from '../../../src/core/venue/runtime.ts';
import { MAX_PACKAGE_BYTES, PackageError, hashMatches, loadPackage, parsePackage } from '../../../src/web/phone/package-loader.ts';
import { ShowPreloader } from '../../../src/web/phone/show-preloader.ts';

const show = {
  version: 1,
  id: 'pkg-test',
  name: 'Package test',
  venue: 'demo-stadium',
  durationMs: 1000,
  tracks: [{ cues: [{ at: 0, duration: 1000, effect: { kind: 'solid', color: '#123456' } }] }],
};
const body = new TextEncoder().encode(JSON.stringify({ format: 'crowdlight-show-package', version: 1, show, venue: demoStadiumSpec() }));
const hash = new Uint8Array(new Bun.CryptoHasher('sha256').update(body).digest());

let server: ReturnType<typeof Bun.serve>;
let base = '';
const hits = new Map<string, number>();
const huge = new Uint8Array(MAX_PACKAGE_BYTES + 1024);

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      const path = new URL(req.url).pathname;
      hits.set(path, (hits.get(path) ?? 0) + 1);
      if (path === '/pkg/busy.json') return new Response('busy', { status: 503, headers: { 'retry-after': '1' } });
      if (path === '/pkg/huge.json') return new Response(huge);
      if (path === '/pkg/good.json' || path === '/pkg/bad-hash.json') return new Response(body, { headers: { 'content-type': 'application/json' } });
      if (path === '/pkg/not-json.json') return new Response('{oops');
      if (path === '/pkg/other.json') return new Response(JSON.stringify({ format: 'something-else', version: 1 }));
      return new Response('no', { status: 404 });
    },
  });
  base = `http://127.0.0.1:${server.port}/?section=101`;
});
afterAll(() => server.stop(true));

function announce(url: string, contentHash = hash, packageBytes = body.length): ShowAnnounceMessage {
  return { type: 'showAnnounce', showId: 4, showVersion: 2, contentHash, packageBytes, url };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('phone package loader', () => {
  test('show preloader - a package that keeps failing is retried ever less often, and repeated announces do not cut the wait short', async () => {
    const wrong = hash.slice();
    wrong[0] = wrong[0]! ^ 1;
    const m = announce('/pkg/bad-hash.json', wrong);
    // Retry steps of 20, 40, 80, 160, 320 ms (each ×1 to ×2.5): at most 5 loads in 450 ms,
    // where a fixed 20-50 ms retry would make 10 or more.
    const p = new ShowPreloader(base, () => 0.5, { loaded: () => {}, changed: () => {} }, 20);
    p.onAnnounce(m);
    for (let i = 0; i < 9; i++) {
      await sleep(50);
      p.onAnnounce({ ...m, contentHash: wrong.slice() }); // every reconnect repeats the announce
    }
    p.stop();
    const n = hits.get('/pkg/bad-hash.json') ?? 0;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(5);
    expect(p.lastError).toContain('SHA-256');
  });

  test('show preloader - an HTTP Retry-After is honoured', async () => {
    const p = new ShowPreloader(base, () => 0.5, { loaded: () => {}, changed: () => {} }, 20);
    p.onAnnounce(announce('/pkg/busy.json'));
    await sleep(400);
    expect(hits.get('/pkg/busy.json')).toBe(1); // the next try waits the 1 s the server asked for
    await sleep(1200);
    p.stop();
    expect(hits.get('/pkg/busy.json')).toBe(2); // and comes then
  });

  test('package loader - a package over the size limit is refused, announced or not, without holding it', async () => {
    const before = hits.get('/pkg/huge.json') ?? 0;
    const announced = await loadPackage(announce('/pkg/huge.json', hash, huge.length), base).catch((e: PackageError) => e);
    expect((announced as PackageError).code).toBe('PACKAGE_TOO_LARGE');
    expect(hits.get('/pkg/huge.json') ?? 0).toBe(before); // not even fetched
    const unannounced = await loadPackage(announce('/pkg/huge.json', hash, 0), base).catch((e: PackageError) => e);
    expect((unannounced as PackageError).code).toBe('PACKAGE_TOO_LARGE');
  });

  test('package loader - fetches a relative URL, reports progress up to the total, verifies and compiles', async () => {
    const progress: Array<[number, number]> = [];
    const pkg = await loadPackage(announce('/pkg/good.json'), base, (l, t) => progress.push([l, t]));
    expect(pkg.verified).toBe(true);
    expect(pkg.bytes).toBe(body.length);
    expect(pkg.show.id).toBe('pkg-test');
    expect(pkg.venue.id).toBe('demo-stadium');
    expect(pkg.zoneIds).toEqual(demoStadiumSpec().zones.map((z) => z.id));
    expect(pkg.sectionIds).toHaveLength(demoStadiumSpec().sections.length);
    expect(pkg.compiled.cues).toHaveLength(1);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toEqual([body.length, body.length]);
    expect([pkg.showId, pkg.showVersion]).toEqual([4, 2]);
  });

  test('package loader - a package whose SHA-256 differs from the announce is refused', async () => {
    const wrong = hash.slice();
    wrong[5] = wrong[5]! ^ 1;
    const err = await loadPackage(announce('/pkg/good.json', wrong), base).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PackageError);
    expect((err as PackageError).code).toBe('PACKAGE_HASH_MISMATCH');
  });

  test('package loader - an unknown size (packageBytes 0) still loads', async () => {
    const pkg = await loadPackage(announce('/pkg/good.json', hash, 0), base);
    expect(pkg.bytes).toBe(body.length);
  });

  test('package loader - HTTP errors, non-JSON and foreign documents fail with their codes', async () => {
    const code = (url: string) => loadPackage(announce(url), base).then(() => 'ok', (e: PackageError) => e.code);
    // The hash is checked before parsing: announce these with their real digest.
    const digest = async (url: string) => new Uint8Array(new Bun.CryptoHasher('sha256').update(new Uint8Array(await (await fetch(new URL(url, base))).arrayBuffer())).digest());
    expect(await code('/pkg/missing.json')).toBe('PACKAGE_HTTP');
    expect(await loadPackage(announce('/pkg/not-json.json', await digest('/pkg/not-json.json')), base).then(() => 'ok', (e: PackageError) => e.code)).toBe('PACKAGE_FORMAT');
    expect(await loadPackage(announce('/pkg/other.json', await digest('/pkg/other.json')), base).then(() => 'ok', (e: PackageError) => e.code)).toBe('PACKAGE_FORMAT');
    expect(await code('http://127.0.0.1:1/pkg/x.json')).toBe('PACKAGE_NETWORK');
  });

  test('package loader - hash prefix matching and package structure checks', () => {
    expect(hashMatches(hash, hash.subarray(0, 16))).toBe(true);
    expect(hashMatches(hash, new Uint8Array(0))).toBe(false);
    expect(hashMatches(hash.subarray(0, 8), hash)).toBe(false);
    expect(() => parsePackage({ format: 'crowdlight-show-package', version: 2, show, venue: demoStadiumSpec() })).toThrow(PackageError);
    expect(() => parsePackage({ format: 'crowdlight-show-package', version: 1, show: {}, venue: demoStadiumSpec() })).toThrow('package has no show');
    expect(() => parsePackage({ format: 'crowdlight-show-package', version: 1, show, venue: null })).toThrow('package has no venue');
  });
});
