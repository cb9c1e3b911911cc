/**
 * Preloads the show package a `showAnnounce` names: fetched over HTTP with a stream reader
 * (progress against `packageBytes`), checked against the announced SHA-256 when the page has
 * `crypto.subtle` (secure contexts only: on a plain-http LAN address it is missing and the
 * check is skipped), parsed, and compiled for rendering. Runs in the browser and in Bun.
 */
import type { ShowAnnounceMessage } from '../../core/protocol/index.ts';
import { compiledFor, SHOW_PACKAGE_FORMAT, SHOW_PACKAGE_VERSION, type CompiledShow, type Show } from '../../core/show/runtime.ts';
import type { VenueSpec } from '../../core/venue/runtime.ts';

export type PackageErrorCode = 'PACKAGE_HTTP' | 'PACKAGE_HASH_MISMATCH' | 'PACKAGE_FORMAT' | 'PACKAGE_NETWORK' | 'PACKAGE_TOO_LARGE';

/** Largest package a phone loads, bytes. A show's pictures hold at most about 4 MB of
 *  pixels (docs/show-format.md, "Assets"), so a real package is far below this; anything
 *  larger is refused before or while downloading rather than held in a phone's memory. */
export const MAX_PACKAGE_BYTES = 32 * 1024 * 1024;

export class PackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    message: string,
    /** The server's Retry-After, ms (0 when none). */
    readonly retryAfterMs = 0,
  ) {
    super(message);
    this.name = 'PackageError';
  }
}

export interface LoadedPackage {
  showId: number;
  showVersion: number;
  contentHash: Uint8Array;
  /** True when the SHA-256 was checked; false when the page has no crypto.subtle. */
  verified: boolean;
  bytes: number;
  show: Show;
  compiled: CompiledShow;
  venue: VenueSpec;
  zoneIds: string[];
  sectionIds: string[];
}

export type ProgressFn = (loaded: number, total: number) => void;

/** Reads a response body chunk by chunk, reporting progress; returns the whole body. */
async function readBody(res: Response, total: number, onProgress: ProgressFn): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  let buf = new Uint8Array(total > 0 ? total : 64 * 1024);
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n + value.length > MAX_PACKAGE_BYTES) {
      void reader.cancel();
      throw new PackageError('PACKAGE_TOO_LARGE', `package larger than ${MAX_PACKAGE_BYTES} bytes`);
    }
    if (n + value.length > buf.length) {
      const grown = new Uint8Array(Math.max(buf.length * 2, n + value.length));
      grown.set(buf.subarray(0, n));
      buf = grown;
    }
    buf.set(value, n);
    n += value.length;
    onProgress(n, total);
  }
  return buf.subarray(0, n);
}

/** True when `hash` starts with `expected` (the announce may carry a prefix of the digest). */
export function hashMatches(hash: Uint8Array, expected: Uint8Array): boolean {
  if (expected.length === 0 || expected.length > hash.length) return false;
  for (let i = 0; i < expected.length; i++) if (hash[i] !== expected[i]) return false;
  return true;
}

/** Checks the parsed JSON is a package and returns its parts (structure only: the
 *  controller validated the show and venue before publishing them). */
export function parsePackage(json: unknown): { show: Show; venue: VenueSpec } {
  const p = json as { format?: unknown; version?: unknown; show?: Show; venue?: VenueSpec } | null;
  if (p === null || typeof p !== 'object' || p.format !== SHOW_PACKAGE_FORMAT || p.version !== SHOW_PACKAGE_VERSION) {
    throw new PackageError('PACKAGE_FORMAT', 'not a crowdlight show package (version 1)');
  }
  const show = p.show;
  const venue = p.venue;
  if (!show || typeof show !== 'object' || !Array.isArray(show.tracks)) throw new PackageError('PACKAGE_FORMAT', 'package has no show');
  if (!venue || typeof venue !== 'object' || !Array.isArray(venue.sections) || !Array.isArray(venue.zones)) {
    throw new PackageError('PACKAGE_FORMAT', 'package has no venue');
  }
  return { show, venue };
}

/** Fetches the announced package's body and checks it against the announced SHA-256 (when
 *  the page has `crypto.subtle`): `verified` false when it could not be checked. `base`
 *  resolves a relative URL (the page's location). */
export async function fetchPackageBody(
  announce: ShowAnnounceMessage,
  base: string,
  onProgress: ProgressFn = () => {},
  signal?: AbortSignal,
): Promise<{ url: string; body: Uint8Array; verified: boolean }> {
  const url = new URL(announce.url, base).href;
  if (announce.packageBytes > MAX_PACKAGE_BYTES) {
    throw new PackageError('PACKAGE_TOO_LARGE', `package ${url} is announced at ${announce.packageBytes} bytes (at most ${MAX_PACKAGE_BYTES})`);
  }
  let res: Response;
  try {
    res = await fetch(url, { signal, credentials: 'same-origin' });
  } catch (err) {
    throw new PackageError('PACKAGE_NETWORK', `fetching ${url}: ${(err as Error).message}`);
  }
  if (!res.ok) {
    const after = Number(res.headers.get('retry-after'));
    throw new PackageError('PACKAGE_HTTP', `fetching ${url}: HTTP ${res.status}`, after > 0 ? Math.min(after, 600) * 1000 : 0);
  }
  let body: Uint8Array;
  try {
    body = await readBody(res, announce.packageBytes, onProgress);
  } catch (err) {
    if (err instanceof PackageError) throw err;
    throw new PackageError('PACKAGE_NETWORK', `reading ${url}: ${(err as Error).message}`);
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return { url, body, verified: false };
  const digest = new Uint8Array(await subtle.digest('SHA-256', body as Uint8Array<ArrayBuffer>));
  if (!hashMatches(digest, announce.contentHash)) {
    throw new PackageError('PACKAGE_HASH_MISMATCH', `package ${url} does not match its announced SHA-256`);
  }
  return { url, body, verified: true };
}

/** Fetches, verifies, parses and compiles the announced package. `base` resolves a
 *  relative URL (the page's location). */
export async function loadPackage(
  announce: ShowAnnounceMessage,
  base: string,
  onProgress: ProgressFn = () => {},
  signal?: AbortSignal,
): Promise<LoadedPackage> {
  const { url, body, verified } = await fetchPackageBody(announce, base, onProgress, signal);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new PackageError('PACKAGE_FORMAT', `package ${url} is not JSON`);
  }
  const { show, venue } = parsePackage(json);
  return {
    showId: announce.showId,
    showVersion: announce.showVersion,
    contentHash: announce.contentHash,
    verified,
    bytes: body.length,
    show,
    compiled: compiledFor(show),
    venue,
    zoneIds: venue.zones.map((z) => z.id),
    sectionIds: venue.sections.map((s) => s.id),
  };
}
