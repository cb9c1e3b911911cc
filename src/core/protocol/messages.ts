/**
 * Decoded message shapes: plain objects, a discriminated union on `type`. Byte layouts are
 * documented in docs/protocol.md. Times are controller milliseconds (float64) unless named
 * otherwise; `t0` is the phone's own local clock.
 */
import type { EffectKind } from './effect-kind.ts';
import type { RedirectReason, TargetKind, TransportMode } from './wire-enums.ts';

/** Where a phone says it sits: the parts of a venue seat id `section/row/seat` (the same
 *  shape as core/venue's SeatIdParts). Empty strings / seat 0 mean "not known". */
export interface SeatRef {
  section: string;
  row: string;
  /** 1-based seat number within the row; 0 when unknown. */
  seat: number;
}

/** An 8-bit-per-channel colour. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

// ---------------------------------------------------------------- phone -> edge

/** First frame of every connection. */
export interface HelloMessage {
  type: 'hello';
  protocolVersion: number;
  /** 16 random bytes chosen once per device (kept in local storage). */
  deviceId: Uint8Array;
  seat: SeatRef | null;
  /** Token from an earlier `welcome`, to resume a session; null for a fresh one. */
  resumeToken: Uint8Array | null;
}

/** One clock-sync exchange: the phone's sequence number and local send time. */
export interface ClockRequestMessage {
  type: 'clockRequest';
  seq: number;
  t0: number;
}

/** The phone has the announced show package loaded and verified. */
export interface ReadyMessage {
  type: 'ready';
  showId: number;
  showVersion: number;
  contentHash: Uint8Array;
}

/** Sampled health of one phone; sent rarely (a small fraction of phones, every few s). */
export interface QualityReportMessage {
  type: 'qualityReport';
  /** float32, >= 0 */
  uncertaintyMs: number;
  /** float32, >= 0: the largest round trip since the previous report (the controller sizes
   *  its lead time from a high percentile of these). */
  rttMs: number;
  /** float32: change of the clock offset since the previous report. */
  offsetChangeMs: number;
  /** float32 */
  driftPpm: number;
  /** Since the previous report, saturating at 65535. */
  framesDropped: number;
  framesRendered: number;
  /** 0..100, or null when the browser does not say. */
  batteryPercent: number | null;
  synced: boolean;
  degraded: boolean;
  charging: boolean;
  torchAvailable: boolean;
  torchOn: boolean;
  wakeLockHeld: boolean;
  pageHidden: boolean;
}

export type ClientMessage = HelloMessage | ClockRequestMessage | ReadyMessage | QualityReportMessage;

// ---------------------------------------------------------------- edge -> phone

/** Answer to `hello`. The edge follows it with `showAnnounce` (when a show is loaded), the
 *  current `transportState`, and every active `liveCue`. */
export interface WelcomeMessage {
  type: 'welcome';
  protocolVersion: number;
  sessionId: number;
  edgeId: string;
  /** Controller time when the edge sent this frame: a coarse first clock estimate. */
  controllerTimeMs: number;
  /** Token to present in a later `hello` to resume; null when resume is not offered. */
  resumeToken: Uint8Array | null;
}

export interface ClockResponseMessage {
  type: 'clockResponse';
  seq: number;
  /** Echo of the request's local send time. */
  t0: number;
  /** Controller time the edge received the request. */
  t1: number;
  /** Controller time the edge sent this response. */
  t2: number;
}

/** "From controller time anchorControllerMs the show is at anchorShowMs, advancing at rate
 *  (when playing)." Idempotent; newer (epoch, seq) wins. Mirrors core/show's Transport. */
export interface TransportStateMessage {
  type: 'transportState';
  epoch: number;
  seq: number;
  mode: TransportMode;
  /** Blackout overrides the timeline and every live cue while set, whatever the mode. */
  blackout: boolean;
  showId: number;
  showVersion: number;
  anchorControllerMs: number;
  anchorShowMs: number;
  /** Show ms per controller ms: float32, in (0, 64]. Producers should compute with the
   *  float32-rounded value (Math.fround) so every renderer agrees exactly. */
  rate: number;
}

/** A live effect layered over the timeline. `cueId` is unique within the epoch and is drawn
 *  from the epoch's sequence counter, so it also orders cues. */
export interface LiveCueMessage {
  type: 'liveCue';
  epoch: number;
  cueId: number;
  effect: EffectKind;
  target: TargetKind;
  /** Zone or section number; 0 when target is 'all'. */
  targetId: number;
  startControllerMs: number;
  /** CUE_DURATION_UNTIL_CANCELLED for "until cancelled". */
  durationMs: number;
  colorA: Rgb;
  colorB: Rgb;
  /** 0..4 float32 values, meaning set by the effect. */
  params: number[];
}

/** Stop a live cue (or, with cueId ALL_CUES, every live cue of the epoch) at a given time. */
export interface CancelCueMessage {
  type: 'cancelCue';
  epoch: number;
  cueId: number;
  atControllerMs: number;
}

/** Where to fetch the show package (over HTTP, cacheable, content-addressed). */
export interface ShowAnnounceMessage {
  type: 'showAnnounce';
  showId: number;
  showVersion: number;
  contentHash: Uint8Array;
  /** Package size, for a progress bar; 0 when unknown. */
  packageBytes: number;
  url: string;
}

/** Reconnect to another edge. The edge then closes the socket with CloseCode.Redirect. */
export interface RedirectMessage {
  type: 'redirect';
  reason: RedirectReason;
  url: string;
}

export type ServerMessage =
  | WelcomeMessage
  | ClockResponseMessage
  | TransportStateMessage
  | LiveCueMessage
  | CancelCueMessage
  | ShowAnnounceMessage
  | RedirectMessage;

export type Message = ClientMessage | ServerMessage;
