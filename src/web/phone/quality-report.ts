/**
 * Builds the phone's `qualityReport` (docs/protocol.md): the clock estimator's figures, the
 * largest round trip and the frames since the previous report, and the device flags. The
 * controller's adaptive lead time follows a high percentile of the reported round trips, so
 * the report carries the worst one seen, not the best.
 */
import type { ClockQuality } from '../../core/clock/index.ts';
import type { QualityReportMessage } from '../../core/protocol/index.ts';

/** Device facts the quality report carries; the page fills them in. */
export interface DeviceFlags {
  batteryPercent: number | null;
  charging: boolean;
  torchAvailable: boolean;
  torchOn: boolean;
  wakeLockHeld: boolean;
  pageHidden: boolean;
}

export const NO_DEVICE_FLAGS: DeviceFlags = Object.freeze({
  batteryPercent: null,
  charging: false,
  torchAvailable: false,
  torchOn: false,
  wakeLockHeld: false,
  pageHidden: false,
});

export interface FrameCounts {
  rendered: number;
  dropped: number;
}

const U16_MAX = 65535;
/** Reported for an uncertainty the estimator cannot bound (the wire needs a finite float):
 *  large enough to count as "not in sync" everywhere. */
export const UNBOUNDED_UNCERTAINTY_MS = 1e9;

function finiteOr(v: number, d: number): number {
  return Number.isFinite(v) ? v : d;
}

export class QualityReporter {
  private maxRtt = 0;
  private prevOffset = NaN;
  private prevRendered = 0;
  private prevDropped = 0;

  /** One exchange's network round trip (t3 - t0 - (t2 - t1)), ms. */
  noteRtt(rttMs: number): void {
    if (rttMs > this.maxRtt) this.maxRtt = rttMs;
  }

  /** The report for now; counters restart from here. */
  build(q: ClockQuality, frames: FrameCounts, flags: DeviceFlags): QualityReportMessage {
    const rtt = this.maxRtt > 0 ? this.maxRtt : q.rttMs;
    const msg: QualityReportMessage = {
      type: 'qualityReport',
      uncertaintyMs: Math.max(0, finiteOr(q.uncertaintyMs, UNBOUNDED_UNCERTAINTY_MS)),
      rttMs: Math.max(0, finiteOr(rtt, 0)),
      offsetChangeMs: Number.isFinite(this.prevOffset) ? finiteOr(q.offsetMs - this.prevOffset, 0) : 0,
      driftPpm: finiteOr(q.driftPpm, 0),
      framesDropped: Math.min(U16_MAX, Math.max(0, frames.dropped - this.prevDropped)),
      framesRendered: Math.min(U16_MAX, Math.max(0, frames.rendered - this.prevRendered)),
      batteryPercent: flags.batteryPercent,
      synced: q.synced,
      degraded: q.degraded,
      charging: flags.charging,
      torchAvailable: flags.torchAvailable,
      torchOn: flags.torchOn,
      wakeLockHeld: flags.wakeLockHeld,
      pageHidden: flags.pageHidden,
    };
    this.prevOffset = q.offsetMs;
    this.prevRendered = frames.rendered;
    this.prevDropped = frames.dropped;
    this.maxRtt = 0;
    return msg;
  }
}
