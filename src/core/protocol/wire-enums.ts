/**
 * Small enumerations carried as one byte on the wire. Each list's index is its wire value:
 * never reorder, only append.
 */

/** Transport modes of `transportState` (blackout is a separate flag, see TransportFlag). */
export const TRANSPORT_MODES = ['stopped', 'playing', 'paused'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** Who a live cue addresses: everyone, one zone, or one seating section. */
export const TARGET_KINDS = ['all', 'zone', 'section'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** Why an edge sends a phone elsewhere. */
export const REDIRECT_REASONS = ['rebalance', 'draining', 'overloaded', 'maintenance'] as const;
export type RedirectReason = (typeof REDIRECT_REASONS)[number];

/** Bits of the `transportState` flags byte; other bits are reserved and must be zero. */
export const TransportFlag = {
  /** Blackout overrides the timeline and every live cue while set. */
  Blackout: 0x01,
} as const;
export const TRANSPORT_FLAGS_MASK = 0x01;

/** Bits of the `hello` flags byte; other bits are reserved and must be zero. */
export const HelloFlag = {
  HasSeat: 0x01,
  HasResumeToken: 0x02,
} as const;
export const HELLO_FLAGS_MASK = 0x03;

/** Bits of the `qualityReport` flags byte; bit 7 is reserved and must be zero. */
export const QualityFlag = {
  Synced: 0x01,
  Degraded: 0x02,
  Charging: 0x04,
  TorchAvailable: 0x08,
  TorchOn: 0x10,
  WakeLockHeld: 0x20,
  PageHidden: 0x40,
} as const;
export const QUALITY_FLAGS_MASK = 0x7f;

/** `qualityReport.batteryPercent` wire value meaning "unknown". */
export const BATTERY_UNKNOWN = 0xff;
