/**
 * Show package loads for simulated phones. A stadium's phones each download the package
 * and each parse and compile it on their own CPU; one process simulating thousands of them
 * must not spend its CPU and memory on thousands of copies of the same document.
 *
 *  - `sharedPackageLoader`: the first phone that needs an announced package loads it with
 *    the page's own loader (fetch, SHA-256 check, parse, compile); the others get the same
 *    object. A failed load is forgotten, so retries load again.
 *  - `fetchEachLoader`: every phone still makes its own HTTP request and reads and checks
 *    the whole body (the server's load is real), then shares the parsed, compiled package.
 */
import type { ShowAnnounceMessage } from '../../../core/protocol/index.ts';
import { PackageError, hashMatches, loadPackage, type LoadedPackage, type ProgressFn } from '../../../web/phone/package-loader.ts';

export type PackageLoadFn = typeof loadPackage;

export function sharedPackageLoader(): PackageLoadFn {
  const loads = new Map<string, Promise<LoadedPackage>>();
  return (announce: ShowAnnounceMessage, base: string, onProgress?: ProgressFn): Promise<LoadedPackage> => {
    const key = `${new URL(announce.url, base).href}#${Array.from(announce.contentHash).join(',')}`;
    let p = loads.get(key);
    if (p === undefined) {
      p = loadPackage(announce, base);
      loads.set(key, p);
      p.catch(() => loads.delete(key));
    }
    return onProgress === undefined
      ? p
      : p.then((pkg) => {
          onProgress(pkg.bytes, pkg.bytes);
          return pkg;
        });
  };
}

/** Each phone fetches and checks the package itself; the parsed package comes from `shared`. */
export function fetchEachLoader(shared: PackageLoadFn): PackageLoadFn {
  return async (announce, base, onProgress, signal) => {
    const url = new URL(announce.url, base).href;
    let body: Uint8Array;
    try {
      const res = await fetch(url, { signal });
      if (!res.ok) {
        const after = Number(res.headers.get('retry-after'));
        throw new PackageError('PACKAGE_HTTP', `fetching ${url}: HTTP ${res.status}`, after > 0 ? Math.min(after, 600) * 1000 : 0);
      }
      body = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      if (err instanceof PackageError) throw err;
      throw new PackageError('PACKAGE_NETWORK', `fetching ${url}: ${(err as Error).message}`);
    }
    onProgress?.(body.length, announce.packageBytes);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>));
    if (!hashMatches(digest, announce.contentHash)) throw new PackageError('PACKAGE_HASH_MISMATCH', `package ${url} does not match its announced SHA-256`);
    return shared(announce, base);
  };
}
