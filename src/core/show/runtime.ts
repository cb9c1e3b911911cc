/**
 * The zod-free surface of core/show: types, effect ids, transport, compilation and the
 * renderer. The phone bundle imports this file (not index.ts) to stay small; a unit test
 * bundles it and checks that no schema code comes along.
 */
export type * from './types.ts';
export { BLEND_MODES, EASINGS, PULSE_SHAPES } from './types.ts';
export { EFFECT_KIND_IDS, EFFECT_KINDS, effectKindFromId, type EffectKindId } from './effect-kinds.ts';
export { parseColor, formatColor, isColor, blendChannel, type Channels } from './color.ts';
export { ease } from './easing.ts';
export { DEFAULT_BPM, MAX_BPM, MAX_SPARKLE_HZ, MAX_STROBE_HZ, PHOTOSENSITIVE_FLASH_HZ } from './limits.ts';
export { avalanche32, hash4, hashUnit } from './hash.ts';
export { decodeBase64, encodeBase64 } from './base64.ts';
export { renderText, textSize, canRenderText, unsupportedChars, PIXEL_FONT_CHARSET, GLYPH_WIDTH, GLYPH_HEIGHT, type TextBitmap } from './pixel-font.ts';
export { decodeAsset, type DecodedImage } from './image.ts';
export { pulseLevel } from './effects/temporal.ts';
export * as exactMath from './exact-math.ts';
export { compileShow, compiledFor, MAX_TIME_BUCKETS, activeCuesAt, isCompiledShow, type CompiledShow, type CompiledCue } from './compile-show.ts';
export {
  STOPPED,
  showPositionAt,
  play,
  pause,
  seek,
  setRate,
  stop,
  setBlackout,
  transportAt,
  type Transport,
  type TransportMode,
} from './transport.ts';
export type { LiveCue, FrameState } from './live-cue.ts';
export {
  effectToWire,
  effectFromWire,
  targetToWire,
  targetFromWire,
  assetSize,
  assetIds,
  LiveCueEncodingError,
  type WireEffect,
  type WireTarget,
} from './live-params.ts';
export { colorAt, colorAtInto, colorAtInstant, colorAtInstantInto } from './render.ts';
export { renderSeatsInto, seatDeviceSeed, type SeatSource } from './frame.ts';
export { ShowValidationError, TransportError, type ShowIssue } from './errors.ts';
export { SHOW_PACKAGE_FORMAT, SHOW_PACKAGE_VERSION, showPackageDocument, type ShowPackageDocument } from './show-package.ts';
