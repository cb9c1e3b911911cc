/**
 * A device's local clock (what performance.now() returns on the phone) as a function of true
 * controller time: a large initial offset, a frequency error, and a random walk of that
 * frequency. Piecewise linear over fixed segments, so both directions are exact and O(1).
 */
import type { Prng } from './prng.ts';

const SEGMENT_MS = 10_000;
const MAX_PPM = 500;

export interface DeviceClockParams {
  /** True controller time where the model starts, ms. */
  startMs: number;
  /** True controller time where the model ends (queries beyond extrapolate), ms. */
  endMs: number;
  /** local - true at startMs, ms. */
  offsetMs: number;
  /** Initial frequency error, ppm. */
  driftPpm: number;
  /** Random-walk step of the frequency, ppm per sqrt(second). */
  walkPpm: number;
}

export class DeviceClock {
  private readonly t0: number;
  private readonly localAt: Float64Array;
  private readonly rate: Float64Array;
  private readonly n: number;

  constructor(p: DeviceClockParams, rng: Prng) {
    this.t0 = p.startMs;
    this.n = Math.max(1, Math.ceil((p.endMs - p.startMs) / SEGMENT_MS));
    this.localAt = new Float64Array(this.n + 1);
    this.rate = new Float64Array(this.n);
    let ppm = p.driftPpm;
    const step = p.walkPpm * Math.sqrt(SEGMENT_MS / 1000);
    this.localAt[0] = p.startMs + p.offsetMs;
    for (let i = 0; i < this.n; i++) {
      this.rate[i] = 1 + ppm * 1e-6;
      this.localAt[i + 1] = this.localAt[i] + this.rate[i] * SEGMENT_MS;
      ppm = Math.max(-MAX_PPM, Math.min(MAX_PPM, ppm + step * rng.normal()));
    }
  }

  /** Local clock reading at true controller time t. */
  localOf(t: number): number {
    let i = Math.floor((t - this.t0) / SEGMENT_MS);
    if (i < 0) i = 0;
    else if (i >= this.n) i = this.n - 1;
    return this.localAt[i] + this.rate[i] * (t - this.t0 - i * SEGMENT_MS);
  }

  /** True controller time at which the local clock reads `local`. */
  trueOf(local: number): number {
    let i = Math.floor((local - this.localAt[0]) / SEGMENT_MS);
    if (i < 0) i = 0;
    else if (i >= this.n) i = this.n - 1;
    while (i > 0 && local < this.localAt[i]) i--;
    while (i < this.n - 1 && local >= this.localAt[i + 1]) i++;
    return this.t0 + i * SEGMENT_MS + (local - this.localAt[i]) / this.rate[i];
  }

  /** Frequency error at true time t, ppm (for reports and tests). */
  ppmAt(t: number): number {
    let i = Math.floor((t - this.t0) / SEGMENT_MS);
    if (i < 0) i = 0;
    else if (i >= this.n) i = this.n - 1;
    return (this.rate[i] - 1) * 1e6;
  }
}
