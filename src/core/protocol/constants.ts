/**
 * Fixed numbers of crowdlight's wire protocol. Every bound here is enforced by both the
 * encoders and the decoders, so anything that encodes also decodes.
 */

/** The protocol spoken by this build. Carried in `hello` (phone) and `welcome` (edge). */
export const PROTOCOL_VERSION = 1;

/**
 * Largest frame a phone may send. The largest client message (`hello` with a full seat and
 * resume token) is 89 bytes; anything above this is refused before it is parsed.
 */
export const MAX_CLIENT_FRAME_BYTES = 256;

/** Largest frame an edge sends (the largest server message, `showAnnounce`, is 560 bytes). */
export const MAX_SERVER_FRAME_BYTES = 1024;

/** `hello.deviceId`: fixed length, random bytes chosen once per device. */
export const DEVICE_ID_BYTES = 16;

/** Bounds of the seat strings in `hello`, in UTF-8 bytes (empty strings are allowed). */
export const MAX_SECTION_BYTES = 24;
export const MAX_ROW_BYTES = 8;

/** Resume tokens (issued in `welcome`, returned in `hello`): 1..32 opaque bytes. */
export const MAX_RESUME_TOKEN_BYTES = 32;

/** Show content hashes (`ready`, `showAnnounce`): 1..32 bytes (a SHA-256 digest fits). */
export const MAX_HASH_BYTES = 32;

/** `welcome.edgeId`, UTF-8 bytes (may be empty). */
export const MAX_EDGE_ID_BYTES = 32;

/** URLs in `showAnnounce` and `redirect`, UTF-8 bytes (1..512). */
export const MAX_URL_BYTES = 512;

/** `liveCue.params`: 0..4 float32 values whose meaning depends on the effect. */
export const MAX_CUE_PARAMS = 4;

/** `liveCue.durationMs` value meaning "until cancelled". */
export const CUE_DURATION_UNTIL_CANCELLED = 0xffffffff;

/** `cancelCue.cueId` value meaning "every live cue of the epoch". Never a real cue id. */
export const ALL_CUES = 0xffffffff;

/** Largest accepted `transportState.rate` (show ms per controller ms; must be > 0). */
export const MAX_TRANSPORT_RATE = 64;
