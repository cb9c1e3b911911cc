/**
 * Numeric limits of show effects, shared by the schema (validation of show documents and
 * live-cue effects) and by `effectFromWire` (which checks effects decoded on the phone, where
 * the schema library is not loaded), so both refuse the same values.
 */

/** Fastest strobe, flashes per second: phone screens cannot show faster flashes. */
export const MAX_STROBE_HZ = 30;

/** Fastest sparkle redraw rate, per second. */
export const MAX_SPARKLE_HZ = 60;

/** Tempo of a show that does not give its `bpm`. */
export const DEFAULT_BPM = 120;

/** Fastest tempo, beats per minute (a show's `bpm` and a pulse's). */
export const MAX_BPM = 400;

/** Flashing faster than this (Hz) is a known photosensitive-epilepsy risk (WCAG 2.3.1: 3 flashes/s). */
export const PHOTOSENSITIVE_FLASH_HZ = 3;

/** Pixels of all image assets of a show together: every phone decodes every image (4 bytes
 *  a pixel), so this keeps a show's images within about 4 MB of a phone's memory. */
export const MAX_ASSET_PIXELS = 1024 * 1024;
