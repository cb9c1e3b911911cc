import type { VenueSpec } from '../venue/types.ts';
import type { Show } from './types.ts';

/**
 * The show package: everything a phone needs to render a show (the show and the venue it is
 * laid over), as one JSON document served content-addressed over HTTP. The controller
 * writes it, the phone page and the console preview read it.
 */
export const SHOW_PACKAGE_FORMAT = 'crowdlight-show-package';
export const SHOW_PACKAGE_VERSION = 1;

export interface ShowPackageDocument {
  format: typeof SHOW_PACKAGE_FORMAT;
  version: typeof SHOW_PACKAGE_VERSION;
  show: Show;
  venue: VenueSpec;
}

export function showPackageDocument(show: Show, venue: VenueSpec): ShowPackageDocument {
  return { format: SHOW_PACKAGE_FORMAT, version: SHOW_PACKAGE_VERSION, show, venue };
}
