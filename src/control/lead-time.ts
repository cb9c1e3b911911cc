import { histogramQuantile } from '../bus/edge-stats.ts';

/**
 * The adaptive lead time: how far ahead of "now" every change is scheduled, so that all phones
 * have it before it takes effect. It follows a high percentile of the round trips phones
 * report (a round trip bounds the one-way delivery delay plus the path's asymmetry) plus a
 * margin, clamped to [floor, ceiling]. It rises at once when the network gets worse and
 * comes down gradually (a fraction of the gap per update), so one quiet second does not make
 * the next cue late for the slow tail. Until any phone has reported, it holds `initialMs`.
 */
export interface LeadTimeOptions {
  floorMs: number;
  ceilingMs: number;
  marginMs: number;
  /** Quantile of reported round trips to cover, 0..1. */
  quantile: number;
  /** Held until the first reports arrive. */
  initialMs: number;
  /** Fraction of the gap closed per update when the target is lower. */
  decay: number;
}

export const DEFAULT_LEAD_TIME: LeadTimeOptions = {
  floorMs: 100,
  ceilingMs: 2000,
  marginMs: 50,
  quantile: 0.99,
  initialMs: 1000,
  decay: 0.1,
};

export class LeadTime {
  readonly options: LeadTimeOptions;
  private value: number;
  private measured = false;

  constructor(options: Partial<LeadTimeOptions> = {}) {
    this.options = { ...DEFAULT_LEAD_TIME, ...options };
    this.value = this.clamp(this.options.initialMs);
  }

  get ms(): number {
    return this.value;
  }

  /** True once the value follows reports rather than the initial guess. */
  get fromMeasurements(): boolean {
    return this.measured;
  }

  /** Feeds the audience's round-trip histogram (LATENCY_BUCKETS_MS buckets). */
  update(rttHistogram: readonly number[]): number {
    const q = histogramQuantile(rttHistogram, this.options.quantile);
    if (q === null) return this.value;
    const target = this.clamp(q + this.options.marginMs);
    if (!this.measured || target >= this.value) this.value = target;
    else this.value = Math.max(target, this.value - (this.value - target) * this.options.decay);
    this.measured = true;
    return this.value;
  }

  private clamp(v: number): number {
    return Math.min(this.options.ceilingMs, Math.max(this.options.floorMs, v));
  }
}
