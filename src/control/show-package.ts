import { showPackageDocument, type Show } from '../core/show/runtime.ts';
import type { VenueSpec } from '../core/venue/runtime.ts';

/**
 * A show package: everything a phone needs to render a show, in one cacheable file
 * (`/pkg/<first 16 hex digits of its SHA-256>.json`, immutable). `showAnnounce` carries the
 * full SHA-256 so a phone can verify what it fetched.
 */
export interface ShowPackage {
  path: string;
  body: Uint8Array;
  sha256: Uint8Array;
}

export function buildShowPackage(show: Show, venue: VenueSpec): ShowPackage {
  const body = new TextEncoder().encode(JSON.stringify(showPackageDocument(show, venue)));
  const sha256 = new Uint8Array(new Bun.CryptoHasher('sha256').update(body).digest());
  const hex = Buffer.from(sha256.subarray(0, 8)).toString('hex');
  return { path: `/pkg/${hex}.json`, body, sha256 };
}
