/**
 * Layouts of the edge -> phone messages (see docs/protocol.md for the byte tables).
 */
import {
  ALL_CUES,
  MAX_CUE_PARAMS,
  MAX_EDGE_ID_BYTES,
  MAX_HASH_BYTES,
  MAX_RESUME_TOKEN_BYTES,
  MAX_TRANSPORT_RATE,
  MAX_URL_BYTES,
  PROTOCOL_VERSION,
} from './constants.ts';
import { EFFECT_KIND_COUNT, type EffectKind } from './effect-kind.ts';
import type {
  CancelCueMessage,
  ClockResponseMessage,
  LiveCueMessage,
  RedirectMessage,
  Rgb,
  ShowAnnounceMessage,
  TransportStateMessage,
  WelcomeMessage,
} from './messages.ts';
import type { Reader } from './reader.ts';
import { REDIRECT_REASONS, TARGET_KINDS, TRANSPORT_FLAGS_MASK, TRANSPORT_MODES, TransportFlag } from './wire-enums.ts';
import type { Writer } from './writer.ts';

// ---------------------------------------------------------------- welcome

export function writeWelcome(w: Writer, m: WelcomeMessage): void {
  w.u16(m.protocolVersion, 'protocolVersion');
  w.u32(m.sessionId, 'sessionId');
  w.f64(m.controllerTimeMs, 'controllerTimeMs');
  w.utf8(m.edgeId, 1, 0, MAX_EDGE_ID_BYTES, 'edgeId');
  const token = m.resumeToken;
  if (token === null) w.u8(0, 'resumeToken length');
  else w.bytes8(token, 1, MAX_RESUME_TOKEN_BYTES, 'resumeToken');
}

export function readWelcome(r: Reader): WelcomeMessage {
  const protocolVersion = r.u16('protocolVersion');
  if (protocolVersion !== PROTOCOL_VERSION) {
    r.fail('version-mismatch', `protocol version ${protocolVersion}, this page speaks ${PROTOCOL_VERSION}`);
  }
  const sessionId = r.u32('sessionId');
  const controllerTimeMs = r.f64('controllerTimeMs');
  const edgeId = r.utf8(1, 0, MAX_EDGE_ID_BYTES, 'edgeId');
  const token = r.bytes8(0, MAX_RESUME_TOKEN_BYTES, 'resumeToken');
  return {
    type: 'welcome',
    protocolVersion,
    sessionId,
    edgeId,
    controllerTimeMs,
    resumeToken: token.length === 0 ? null : token,
  };
}

// ---------------------------------------------------------------- clockResponse

export function writeClockResponse(w: Writer, m: ClockResponseMessage): void {
  w.u32(m.seq, 'seq');
  w.f64(m.t0, 't0');
  w.f64(m.t1, 't1');
  w.f64(m.t2, 't2');
}

export function readClockResponseBody(r: Reader): ClockResponseMessage {
  const seq = r.u32('seq');
  const t0 = r.f64('t0');
  const t1 = r.f64('t1');
  return { type: 'clockResponse', seq, t0, t1, t2: r.f64('t2') };
}

// ---------------------------------------------------------------- transportState

export function writeTransportState(w: Writer, m: TransportStateMessage): void {
  w.u32(m.epoch, 'epoch');
  w.u32(m.seq, 'seq');
  w.pick(TRANSPORT_MODES, m.mode, 'mode');
  w.u8(w.bit(m.blackout, TransportFlag.Blackout, 'blackout'), 'flags');
  w.u32(m.showId, 'showId');
  w.u32(m.showVersion, 'showVersion');
  w.f64(m.anchorControllerMs, 'anchorControllerMs');
  w.f64(m.anchorShowMs, 'anchorShowMs');
  w.f32(m.rate, 'rate', Number.MIN_VALUE, MAX_TRANSPORT_RATE);
}

export function readTransportState(r: Reader): TransportStateMessage {
  const epoch = r.u32('epoch');
  const seq = r.u32('seq');
  const mode = r.pick(TRANSPORT_MODES, 'mode');
  const flags = r.u8('flags');
  if ((flags & ~TRANSPORT_FLAGS_MASK) !== 0) r.fail('out-of-range', `reserved flag bits set (0x${flags.toString(16)})`);
  const showId = r.u32('showId');
  const showVersion = r.u32('showVersion');
  const anchorControllerMs = r.f64('anchorControllerMs');
  const anchorShowMs = r.f64('anchorShowMs');
  const rate = r.f32('rate', Number.MIN_VALUE, MAX_TRANSPORT_RATE);
  const blackout = (flags & TransportFlag.Blackout) !== 0;
  return { type: 'transportState', epoch, seq, mode, blackout, showId, showVersion, anchorControllerMs, anchorShowMs, rate };
}

// ---------------------------------------------------------------- liveCue

function writeRgb(w: Writer, c: Rgb, field: string): void {
  if (typeof c !== 'object' || c === null) w.fail('out-of-range', `${field} must be an {r, g, b} object`);
  w.u8(c.r, `${field}.r`);
  w.u8(c.g, `${field}.g`);
  w.u8(c.b, `${field}.b`);
}

// Field names as constants: decoding a frame builds no strings unless it fails.
const RGB_FIELDS = {
  colorA: ['colorA.r', 'colorA.g', 'colorA.b'],
  colorB: ['colorB.r', 'colorB.g', 'colorB.b'],
} as const;
const PARAM_FIELDS = Array.from({ length: MAX_CUE_PARAMS }, (_, i) => `params[${i}]`);

function readRgb(r: Reader, field: keyof typeof RGB_FIELDS): Rgb {
  const [fr, fg, fb] = RGB_FIELDS[field];
  const red = r.u8(fr);
  const green = r.u8(fg);
  return { r: red, g: green, b: r.u8(fb) };
}

export function writeLiveCue(w: Writer, m: LiveCueMessage): void {
  w.u32(m.epoch, 'epoch');
  w.u32(m.cueId, 'cueId', ALL_CUES - 1);
  w.u8(m.effect, 'effect', EFFECT_KIND_COUNT - 1);
  w.pick(TARGET_KINDS, m.target, 'target');
  w.u16(m.targetId, 'targetId');
  if (m.target === 'all' && m.targetId !== 0) w.fail('out-of-range', "targetId must be 0 when target is 'all'");
  w.f64(m.startControllerMs, 'startControllerMs');
  w.u32(m.durationMs, 'durationMs');
  writeRgb(w, m.colorA, 'colorA');
  writeRgb(w, m.colorB, 'colorB');
  const params = m.params;
  if (!Array.isArray(params) || params.length > MAX_CUE_PARAMS) {
    w.fail('out-of-range', `params must be an array of at most ${MAX_CUE_PARAMS} numbers`);
  }
  w.u8(params.length, 'params length');
  for (let i = 0; i < params.length; i++) w.f32(params[i], `params[${i}]`);
}

export function readLiveCue(r: Reader): LiveCueMessage {
  const epoch = r.u32('epoch');
  const cueId = r.u32('cueId');
  if (cueId === ALL_CUES) r.fail('out-of-range', 'cueId 0xffffffff is reserved for cancelCue');
  const effect = r.u8('effect');
  if (effect >= EFFECT_KIND_COUNT) r.fail('out-of-range', `effect ${effect} is not an EffectKind`);
  const target = r.pick(TARGET_KINDS, 'target');
  const targetId = r.u16('targetId');
  if (target === 'all' && targetId !== 0) r.fail('out-of-range', "targetId must be 0 when target is 'all'");
  const startControllerMs = r.f64('startControllerMs');
  const durationMs = r.u32('durationMs');
  const colorA = readRgb(r, 'colorA');
  const colorB = readRgb(r, 'colorB');
  const count = r.u8('params length');
  if (count > MAX_CUE_PARAMS) r.fail('out-of-range', `${count} params, at most ${MAX_CUE_PARAMS}`);
  const params: number[] = [];
  for (let i = 0; i < count; i++) params.push(r.f32(PARAM_FIELDS[i]!));
  return {
    type: 'liveCue',
    epoch,
    cueId,
    effect: effect as EffectKind,
    target,
    targetId,
    startControllerMs,
    durationMs,
    colorA,
    colorB,
    params,
  };
}

// ---------------------------------------------------------------- cancelCue

export function writeCancelCue(w: Writer, m: CancelCueMessage): void {
  w.u32(m.epoch, 'epoch');
  w.u32(m.cueId, 'cueId');
  w.f64(m.atControllerMs, 'atControllerMs');
}

export function readCancelCue(r: Reader): CancelCueMessage {
  const epoch = r.u32('epoch');
  const cueId = r.u32('cueId');
  return { type: 'cancelCue', epoch, cueId, atControllerMs: r.f64('atControllerMs') };
}

// ---------------------------------------------------------------- showAnnounce

export function writeShowAnnounce(w: Writer, m: ShowAnnounceMessage): void {
  w.u32(m.showId, 'showId');
  w.u32(m.showVersion, 'showVersion');
  w.u32(m.packageBytes, 'packageBytes');
  w.bytes8(m.contentHash, 1, MAX_HASH_BYTES, 'contentHash');
  w.utf8(m.url, 2, 1, MAX_URL_BYTES, 'url');
}

export function readShowAnnounce(r: Reader): ShowAnnounceMessage {
  const showId = r.u32('showId');
  const showVersion = r.u32('showVersion');
  const packageBytes = r.u32('packageBytes');
  const contentHash = r.bytes8(1, MAX_HASH_BYTES, 'contentHash');
  const url = r.utf8(2, 1, MAX_URL_BYTES, 'url');
  return { type: 'showAnnounce', showId, showVersion, contentHash, packageBytes, url };
}

// ---------------------------------------------------------------- redirect

export function writeRedirect(w: Writer, m: RedirectMessage): void {
  w.pick(REDIRECT_REASONS, m.reason, 'reason');
  w.utf8(m.url, 2, 1, MAX_URL_BYTES, 'url');
}

export function readRedirect(r: Reader): RedirectMessage {
  const reason = r.pick(REDIRECT_REASONS, 'reason');
  return { type: 'redirect', reason, url: r.utf8(2, 1, MAX_URL_BYTES, 'url') };
}
