/**
 * What the simulator measures, per algorithm, and the constants that define the measurement.
 * docs/network-profiles.md ("Metrics") explains each definition.
 */
import { LogHistogram } from './histogram.ts';

/** Clock error is sampled this often (true controller time) after the steady-state start. */
export const SAMPLE_INTERVAL_MS = 250;
/** Steady state starts this long after a device joins; clock and visual errors are counted
 *  from then on, the same for every algorithm. */
export const STEADY_AFTER_MS = 10_000;
/** Convergence is checked at this resolution until the steady-state start, then at every
 *  clock-error sample. */
export const CONVERGE_STEP_MS = 25;
/** |clock error| at or below this counts as converged. */
export const CONVERGE_THRESHOLD_MS = 5;
/** Converged means: within the threshold from that instant on, for at least this long (or
 *  until the session ends). A single lucky reading inside the bound is acquisition, not
 *  convergence; the report gives both. */
export const CONVERGE_HOLD_MS = 5_000;
/** A join with at least this much congestion queue on the path counts as a congested join. */
export const CONGESTED_JOIN_MS = 20;
/** Cues (state changes) happen at controller times CUE_PHASE_MS + k * CUE_PERIOD_MS. */
export const CUE_PERIOD_MS = 5000;
export const CUE_PHASE_MS = 2500;
/** A cue's frames are chosen with the estimate as it stands this long before the cue. */
export const CUE_DECISION_LEAD_MS = 100;
/** Animation frames fed to the FrameClock before the frames that can show a cue. */
export const FRAME_WARMUP = 16;

export class AlgorithmMetrics {
  /** |estimated - true controller time| at the sample instants, ms. */
  readonly clock = new LogHistogram();
  /** Sum of signed clock errors in whole microseconds (order-independent, see LogHistogram). */
  signedSumUs = 0;
  /** |visual error| of each cue, ms. */
  readonly visual = new LogHistogram();
  /** |visual error| with a naive renderer (state at the callback time), when measured. */
  readonly naiveVisual = new LogHistogram();
  /** Time from join to the instant from which |clock error| <= threshold holds for
   *  CONVERGE_HOLD_MS, ms (Infinity: never). */
  readonly converge = new LogHistogram();
  /** Time from join to the first |clock error| <= threshold, ms (Infinity: never). */
  readonly acquire = new LogHistogram();
  /** |clock error - the device's asymmetry bias (base up - base down) / 2|: the part of the
   *  error the method itself is responsible for, ms. */
  readonly clockExcess = new LogHistogram();
  /** As `converge`, for |clock error - asymmetry bias|, ms. */
  readonly convergeExcess = new LogHistogram();
  /** `converge`, for devices that joined on a path without a congestion queue only. */
  readonly convergeCleanJoin = new LogHistogram();
  /** Requests sent, and simulated device-milliseconds they were sent over. */
  exchanges = 0;
  deviceMs = 0;

  merge(o: AlgorithmMetrics): void {
    this.clock.merge(o.clock);
    this.signedSumUs += o.signedSumUs;
    this.visual.merge(o.visual);
    this.naiveVisual.merge(o.naiveVisual);
    this.converge.merge(o.converge);
    this.acquire.merge(o.acquire);
    this.clockExcess.merge(o.clockExcess);
    this.convergeExcess.merge(o.convergeExcess);
    this.convergeCleanJoin.merge(o.convergeCleanJoin);
    this.exchanges += o.exchanges;
    this.deviceMs += o.deviceMs;
  }
}
