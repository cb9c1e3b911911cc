/**
 * Layouts of the phone -> edge messages (see docs/protocol.md for the byte tables).
 * Each encoder writes the body after the type byte; each decoder reads it and checks the
 * frame ends exactly where the message does.
 */
import {
  DEVICE_ID_BYTES,
  MAX_HASH_BYTES,
  MAX_RESUME_TOKEN_BYTES,
  MAX_ROW_BYTES,
  MAX_SECTION_BYTES,
  PROTOCOL_VERSION,
} from './constants.ts';
import type {
  ClockRequestMessage,
  HelloMessage,
  QualityReportMessage,
  ReadyMessage,
  SeatRef,
} from './messages.ts';
import type { Reader } from './reader.ts';
import { BATTERY_UNKNOWN, HELLO_FLAGS_MASK, HelloFlag, QUALITY_FLAGS_MASK, QualityFlag } from './wire-enums.ts';
import type { Writer } from './writer.ts';

// ---------------------------------------------------------------- hello

export function writeHello(w: Writer, m: HelloMessage): void {
  w.u16(m.protocolVersion, 'protocolVersion');
  const seat = m.seat;
  const token = m.resumeToken;
  if (seat !== null && typeof seat !== 'object') w.fail('out-of-range', 'seat must be an object or null');
  if (token !== null && !(token instanceof Uint8Array)) w.fail('out-of-range', 'resumeToken must be bytes or null');
  w.u8((seat ? HelloFlag.HasSeat : 0) | (token ? HelloFlag.HasResumeToken : 0), 'flags');
  w.fixed(m.deviceId, DEVICE_ID_BYTES, 'deviceId');
  if (seat) {
    w.utf8(seat.section, 1, 0, MAX_SECTION_BYTES, 'seat.section');
    w.utf8(seat.row, 1, 0, MAX_ROW_BYTES, 'seat.row');
    w.u16(seat.seat, 'seat.seat');
  }
  if (token) w.bytes8(token, 1, MAX_RESUME_TOKEN_BYTES, 'resumeToken');
}

export function readHello(r: Reader): HelloMessage {
  // The version sits at a fixed offset in every protocol version and is checked before
  // anything else, so a phone speaking another version gets 'version-mismatch' even when
  // the rest of its hello has a different layout.
  const protocolVersion = r.u16('protocolVersion');
  if (protocolVersion !== PROTOCOL_VERSION) {
    r.fail('version-mismatch', `protocol version ${protocolVersion}, this edge speaks ${PROTOCOL_VERSION}`);
  }
  const flags = r.u8('flags');
  if ((flags & ~HELLO_FLAGS_MASK) !== 0) r.fail('out-of-range', `reserved flag bits set (0x${flags.toString(16)})`);
  const deviceId = r.copy(DEVICE_ID_BYTES, 'deviceId');
  let seat: SeatRef | null = null;
  if (flags & HelloFlag.HasSeat) {
    const section = r.utf8(1, 0, MAX_SECTION_BYTES, 'seat.section');
    const row = r.utf8(1, 0, MAX_ROW_BYTES, 'seat.row');
    seat = { section, row, seat: r.u16('seat.seat') };
  }
  const resumeToken = flags & HelloFlag.HasResumeToken ? r.bytes8(1, MAX_RESUME_TOKEN_BYTES, 'resumeToken') : null;
  return { type: 'hello', protocolVersion, deviceId, seat, resumeToken };
}

// ---------------------------------------------------------------- clockRequest

export function writeClockRequest(w: Writer, m: ClockRequestMessage): void {
  w.u32(m.seq, 'seq');
  w.f64(m.t0, 't0');
}

export function readClockRequestBody(r: Reader): ClockRequestMessage {
  const seq = r.u32('seq');
  return { type: 'clockRequest', seq, t0: r.f64('t0') };
}

// ---------------------------------------------------------------- ready

export function writeReady(w: Writer, m: ReadyMessage): void {
  w.u32(m.showId, 'showId');
  w.u32(m.showVersion, 'showVersion');
  w.bytes8(m.contentHash, 1, MAX_HASH_BYTES, 'contentHash');
}

export function readReady(r: Reader): ReadyMessage {
  const showId = r.u32('showId');
  const showVersion = r.u32('showVersion');
  return { type: 'ready', showId, showVersion, contentHash: r.bytes8(1, MAX_HASH_BYTES, 'contentHash') };
}

// ---------------------------------------------------------------- qualityReport

export function writeQualityReport(w: Writer, m: QualityReportMessage): void {
  w.f32(m.uncertaintyMs, 'uncertaintyMs', 0);
  w.f32(m.rttMs, 'rttMs', 0);
  w.f32(m.offsetChangeMs, 'offsetChangeMs');
  w.f32(m.driftPpm, 'driftPpm');
  w.u16(m.framesDropped, 'framesDropped');
  w.u16(m.framesRendered, 'framesRendered');
  w.u8(m.batteryPercent === null ? BATTERY_UNKNOWN : m.batteryPercent, 'batteryPercent', m.batteryPercent === null ? 0xff : 100);
  w.u8(
    w.bit(m.synced, QualityFlag.Synced, 'synced') |
      w.bit(m.degraded, QualityFlag.Degraded, 'degraded') |
      w.bit(m.charging, QualityFlag.Charging, 'charging') |
      w.bit(m.torchAvailable, QualityFlag.TorchAvailable, 'torchAvailable') |
      w.bit(m.torchOn, QualityFlag.TorchOn, 'torchOn') |
      w.bit(m.wakeLockHeld, QualityFlag.WakeLockHeld, 'wakeLockHeld') |
      w.bit(m.pageHidden, QualityFlag.PageHidden, 'pageHidden'),
    'flags',
  );
}

export function readQualityReport(r: Reader): QualityReportMessage {
  const uncertaintyMs = r.f32('uncertaintyMs', 0);
  const rttMs = r.f32('rttMs', 0);
  const offsetChangeMs = r.f32('offsetChangeMs');
  const driftPpm = r.f32('driftPpm');
  const framesDropped = r.u16('framesDropped');
  const framesRendered = r.u16('framesRendered');
  const battery = r.u8('batteryPercent');
  if (battery > 100 && battery !== BATTERY_UNKNOWN) r.fail('out-of-range', `batteryPercent ${battery}`);
  const flags = r.u8('flags');
  if ((flags & ~QUALITY_FLAGS_MASK) !== 0) r.fail('out-of-range', `reserved flag bits set (0x${flags.toString(16)})`);
  return {
    type: 'qualityReport',
    uncertaintyMs,
    rttMs,
    offsetChangeMs,
    driftPpm,
    framesDropped,
    framesRendered,
    batteryPercent: battery === BATTERY_UNKNOWN ? null : battery,
    synced: (flags & QualityFlag.Synced) !== 0,
    degraded: (flags & QualityFlag.Degraded) !== 0,
    charging: (flags & QualityFlag.Charging) !== 0,
    torchAvailable: (flags & QualityFlag.TorchAvailable) !== 0,
    torchOn: (flags & QualityFlag.TorchOn) !== 0,
    wakeLockHeld: (flags & QualityFlag.WakeLockHeld) !== 0,
    pageHidden: (flags & QualityFlag.PageHidden) !== 0,
  };
}
