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
import { fetchPackageBody, loadPackage, type LoadedPackage, type ProgressFn } from '../../../web/phone/package-loader.ts';

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

/** Each phone fetches and checks the package itself (the page loader's fetch and SHA-256
 *  check, with its error codes); the parsed package comes from `shared`. */
export function fetchEachLoader(shared: PackageLoadFn): PackageLoadFn {
  return async (announce, base, onProgress, signal) => {
    await fetchPackageBody(announce, base, onProgress, signal);
    return shared(announce, base);
  };
}
