/**
 * fetchEachLoader: every simulated phone makes its own HTTP request for the package and
 * checks its SHA-256, then shares the parsed package; HTTP refusals and a wrong hash fail
 * the phone's load as the page's loader would. A stopped page's preloader ignores a shared
 * load that finishes after it (the shared load does not stop for one page).
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Server } from 'bun';
import type { ShowAnnounceMessage } from '../../../src/core/protocol/index.ts';
import { fetchEachLoader, sharedPackageLoader, type PackageLoadFn } from '../../../src/sim/live/device/shared-package.ts';
import { PackageError, type LoadedPackage } from '../../../src/web/phone/package-loader.ts';
import { ShowPreloader } from '../../../src/web/phone/show-preloader.ts';

const BODY = new TextEncoder().encode('{"format":"not parsed here"}');
let server: Server<undefined>;
let requests = 0;

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req) {
      requests++;
      if (new URL(req.url).pathname === '/busy') return new Response('busy', { status: 503, headers: { 'retry-after': '7' } });
      return new Response(BODY);
    },
  });
});

afterAll(() => {
  server?.stop(true);
});

async function announce(path: string, hashOf: Uint8Array): Promise<ShowAnnounceMessage> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', hashOf as Uint8Array<ArrayBuffer>));
  return { type: 'showAnnounce', showId: 1, showVersion: 1, contentHash: digest.subarray(0, 16), packageBytes: hashOf.length, url: path };
}

describe('device package', () => {
  test('device package - each phone fetches and checks the body itself, the parsed package is shared', async () => {
    const parsed = { showId: 1 } as LoadedPackage;
    let sharedCalls = 0;
    const shared: PackageLoadFn = async () => {
      sharedCalls++;
      return parsed;
    };
    const load = fetchEachLoader(shared);
    const a = await announce('/pkg.json', BODY);
    const base = `http://127.0.0.1:${server.port}/`;
    requests = 0;
    const progress: number[] = [];
    const got = await Promise.all([1, 2, 3].map(() => load(a, base, (n) => progress.push(n))));
    expect(requests).toBe(3);
    expect(got.every((p) => p === parsed)).toBe(true);
    expect(sharedCalls).toBe(3);
    expect(progress).toEqual([BODY.length, BODY.length, BODY.length]);
  });

  test('device package - a wrong hash and an HTTP refusal fail the load with the page loader codes', async () => {
    const load = fetchEachLoader(async () => ({}) as LoadedPackage);
    const base = `http://127.0.0.1:${server.port}/`;
    const wrong = await announce('/pkg.json', new TextEncoder().encode('something else'));
    const e1 = await load(wrong, base).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(PackageError);
    expect((e1 as PackageError).code).toBe('PACKAGE_HASH_MISMATCH');
    const busy = await announce('/busy', BODY);
    const e2 = await load(busy, base).catch((e: unknown) => e);
    expect((e2 as PackageError).code).toBe('PACKAGE_HTTP');
    expect((e2 as PackageError).retryAfterMs).toBe(7000);
  });

  test('device package - a page stopped while the shared load runs hears nothing of it (no package, no retry)', async () => {
    const base = `http://127.0.0.1:${server.port}/`;
    // A body that is not a show package: the shared load fails after the page is gone.
    const failing = sharedPackageLoader();
    let pending: Promise<LoadedPackage> | null = null;
    const events: string[] = [];
    const pre = new ShowPreloader(base, () => 0.5, { loaded: () => events.push('loaded'), changed: () => events.push('changed') }, 1, (...args) => (pending = failing(...args)));
    pre.onAnnounce(await announce('/pkg.json', BODY));
    pre.stop();
    events.length = 0;
    await pending!.catch(() => {});
    expect(events).toEqual([]);
    expect(pre.progress.loading).toBe(false);

    // A shared load that succeeds after the page is gone is not taken either.
    let resolve!: (p: LoadedPackage) => void;
    const slow: PackageLoadFn = () => new Promise<LoadedPackage>((r) => (resolve = r));
    const pre2 = new ShowPreloader(base, () => 0.5, { loaded: () => events.push('loaded'), changed: () => events.push('changed') }, 1, slow);
    const a = await announce('/pkg.json', BODY);
    pre2.onAnnounce(a);
    pre2.stop();
    events.length = 0;
    resolve({ contentHash: a.contentHash } as LoadedPackage);
    await Bun.sleep(0);
    expect(events).toEqual([]);
    expect(pre2.pkg).toBeNull();
  });
});
