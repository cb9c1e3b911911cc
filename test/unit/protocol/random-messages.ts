/**
 * Random valid messages of every type, drawn from a seeded PRNG, for property and fuzz
 * tests. Every value is within its field's wire domain (f32 fields are float32-exact).
 */
import {
  CUE_DURATION_UNTIL_CANCELLED,
  DEVICE_ID_BYTES,
  EFFECT_KIND_COUNT,
  MAX_CUE_PARAMS,
  MAX_EDGE_ID_BYTES,
  MAX_HASH_BYTES,
  MAX_RESUME_TOKEN_BYTES,
  MAX_ROW_BYTES,
  MAX_SECTION_BYTES,
  MAX_TRANSPORT_RATE,
  PROTOCOL_VERSION,
  REDIRECT_REASONS,
  TARGET_KINDS,
  TRANSPORT_MODES,
  type EffectKind,
  type Message,
  type Rgb,
} from '../../../src/core/protocol/index.ts';
import { randInt } from './prng.ts';

type Rand = () => number;

const ALPHABET = ['a', 'Z', '7', '/', ' ', 'é', 'ß', '€', '中', '😀', '\u0000', '\uFEFF'];
const utf8Len = (s: string) => new TextEncoder().encode(s).length;

function str(rand: Rand, maxBytes: number, minBytes = 0): string {
  let s = '';
  const target = minBytes + randInt(rand, maxBytes - minBytes + 1);
  while (utf8Len(s) < target) {
    const next = s + ALPHABET[randInt(rand, ALPHABET.length)];
    if (utf8Len(next) > maxBytes) break;
    s = next;
  }
  return utf8Len(s) >= minBytes ? s : 'x'.repeat(minBytes);
}

const bytes = (rand: Rand, n: number) => Uint8Array.from({ length: n }, () => randInt(rand, 256));
const u32 = (rand: Rand) => (rand() < 0.1 ? 0xffffffff : rand() < 0.1 ? 0 : randInt(rand, 2 ** 32));
const u16 = (rand: Rand) => randInt(rand, 0x10000);
const rgb = (rand: Rand): Rgb => ({ r: randInt(rand, 256), g: randInt(rand, 256), b: randInt(rand, 256) });

/** A finite float64: ordinary controller times, tiny, huge and negative values. */
function time(rand: Rand): number {
  const k = randInt(rand, 6);
  if (k === 0) return 1.7e12 + rand() * 1e7;
  if (k === 1) return -rand() * 1e9;
  if (k === 2) return (rand() - 0.5) * 1e300;
  if (k === 3) return rand() * 1e-300;
  if (k === 4) return 0;
  return rand() * 1e6;
}

const f32 = (rand: Rand, min = -1e6, max = 1e6) => Math.fround(min + rand() * (max - min));

export function randomMessage(rand: Rand): Message {
  switch (randInt(rand, 11)) {
    case 0:
      return {
        type: 'hello',
        protocolVersion: PROTOCOL_VERSION,
        deviceId: bytes(rand, DEVICE_ID_BYTES),
        seat: rand() < 0.7
          ? { section: str(rand, MAX_SECTION_BYTES), row: str(rand, MAX_ROW_BYTES), seat: u16(rand) }
          : null,
        resumeToken: rand() < 0.5 ? bytes(rand, 1 + randInt(rand, MAX_RESUME_TOKEN_BYTES)) : null,
      };
    case 1:
      return { type: 'clockRequest', seq: u32(rand), t0: time(rand) };
    case 2:
      return { type: 'ready', showId: u32(rand), showVersion: u32(rand), contentHash: bytes(rand, 1 + randInt(rand, MAX_HASH_BYTES)) };
    case 3: {
      const battery = randInt(rand, 102);
      return {
        type: 'qualityReport',
        uncertaintyMs: f32(rand, 0, 1e4),
        rttMs: f32(rand, 0, 1e4),
        offsetChangeMs: f32(rand),
        driftPpm: f32(rand, -500, 500),
        framesDropped: u16(rand),
        framesRendered: u16(rand),
        batteryPercent: battery === 101 ? null : battery,
        synced: rand() < 0.5,
        degraded: rand() < 0.5,
        charging: rand() < 0.5,
        torchAvailable: rand() < 0.5,
        torchOn: rand() < 0.5,
        wakeLockHeld: rand() < 0.5,
        pageHidden: rand() < 0.5,
      };
    }
    case 4:
      return {
        type: 'welcome',
        protocolVersion: PROTOCOL_VERSION,
        sessionId: u32(rand),
        edgeId: str(rand, MAX_EDGE_ID_BYTES),
        controllerTimeMs: time(rand),
        resumeToken: rand() < 0.7 ? bytes(rand, 1 + randInt(rand, MAX_RESUME_TOKEN_BYTES)) : null,
      };
    case 5:
      return { type: 'clockResponse', seq: u32(rand), t0: time(rand), t1: time(rand), t2: time(rand) };
    case 6:
      return {
        type: 'transportState',
        epoch: u32(rand),
        seq: u32(rand),
        mode: TRANSPORT_MODES[randInt(rand, TRANSPORT_MODES.length)],
        blackout: rand() < 0.2,
        showId: u32(rand),
        showVersion: u32(rand),
        anchorControllerMs: time(rand),
        anchorShowMs: time(rand),
        rate: f32(rand, 1e-3, MAX_TRANSPORT_RATE),
      };
    case 7: {
      const target = TARGET_KINDS[randInt(rand, TARGET_KINDS.length)];
      return {
        type: 'liveCue',
        epoch: u32(rand),
        cueId: randInt(rand, 0xffffffff),
        effect: randInt(rand, EFFECT_KIND_COUNT) as EffectKind,
        target,
        targetId: target === 'all' ? 0 : u16(rand),
        startControllerMs: time(rand),
        durationMs: rand() < 0.1 ? CUE_DURATION_UNTIL_CANCELLED : randInt(rand, 600_000),
        colorA: rgb(rand),
        colorB: rgb(rand),
        params: Array.from({ length: randInt(rand, MAX_CUE_PARAMS + 1) }, () => f32(rand)),
      };
    }
    case 8:
      return { type: 'cancelCue', epoch: u32(rand), cueId: u32(rand), atControllerMs: time(rand) };
    case 9:
      return {
        type: 'showAnnounce',
        showId: u32(rand),
        showVersion: u32(rand),
        contentHash: bytes(rand, 1 + randInt(rand, MAX_HASH_BYTES)),
        packageBytes: u32(rand),
        url: str(rand, rand() < 0.9 ? 80 : 512, 1),
      };
    default:
      return { type: 'redirect', reason: REDIRECT_REASONS[randInt(rand, REDIRECT_REASONS.length)], url: str(rand, 120, 1) };
  }
}
