/**
 * One show package load shared by every simulated phone of a worker: the first phone that
 * needs an announced package fetches, verifies, parses and compiles it (the page's own
 * loader); the others get the same object. A stadium's phones each download the package,
 * but one process simulating thousands of them would otherwise spend its CPU and memory
 * on copies of the same document. A failed load is forgotten, so retries load again.
 */
import type { ShowAnnounceMessage } from '../../../core/protocol/index.ts';
import { loadPackage, type LoadedPackage, type ProgressFn } from '../../../web/phone/package-loader.ts';

export function sharedPackageLoader(): typeof loadPackage {
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
