import { RateFitter, type RateEstimate, type RateFitParams } from './rate-fit.ts';

/**
 * The estimator's memory: the most recent accepted exchanges, in a fixed ring, and the fit
 * that turns them into an offset line (offset at a reference time + frequency).
 */
export interface FitResult {
  /** Offset (controller - local) at refLocal, ms. */
  offset: number;
  /** Frequency: d(offset)/d(local), dimensionless (1e-6 = 1 ppm). */
  rate: number;
  /** Posterior standard deviation of `rate`. */
  rateSigma: number;
  refLocal: number;
  /** 'intersection': width of the bounds' intersection, ms (what asymmetry can still
   *  hide). 'median': delay of the best sample, inflated by its age (`effectiveDelay`). */
  bestDelay: number;
  /** Raw minimum delay in the window, ms. */
  minDelay: number;
  /** Spread (max - min) of the projected offsets of the samples whose median was taken
   *  ('median'); 0 for 'intersection'. */
  spread: number;
  /** 'intersection': by how much the bounds fail to overlap (0 when they do), ms. */
  conflict: number;
  count: number;
}

export interface FitParams {
  bestCount: number;
  maxRate: number;
  rate: RateFitParams;
  /** Frequency standard deviations by which a sample's bounds widen per unit of age. */
  widenSigmas: number;
  /** How the offset is taken from the window (see `fit`). */
  method: OffsetMethod;
  /** Samples slower than slowFactor x the window's minimum delay + slowMarginMs are left
   *  out of the frequency fit (they still bound the offset). */
  slowFactor: number;
  slowMarginMs: number;
}

/**
 * 'intersection': the middle of the intersection of every sample's bounds, projected to the
 * reference time (default). 'median': median of the `bestCount` lowest-delay samples.
 */
export type OffsetMethod = 'intersection' | 'median';

export class SampleWindow {
  readonly mid: Float64Array;
  readonly theta: Float64Array;
  readonly delay: Float64Array;
  private head = 0;
  private n = 0;
  // scratch, reused by every fit
  private readonly eff: Float64Array;
  private readonly proj: Float64Array;
  private readonly order: Int32Array;
  private readonly pick: Float64Array;
  private readonly idx: Int32Array;
  private readonly rates: RateFitter;
  private readonly rateEst: RateEstimate = { rate: 0, sigma: 0 };

  constructor(readonly capacity: number) {
    this.mid = new Float64Array(capacity);
    this.theta = new Float64Array(capacity);
    this.delay = new Float64Array(capacity);
    this.eff = new Float64Array(capacity);
    this.proj = new Float64Array(capacity);
    this.order = new Int32Array(capacity);
    this.pick = new Float64Array(capacity);
    this.idx = new Int32Array(capacity);
    this.rates = new RateFitter(capacity);
  }

  get size(): number {
    return this.n;
  }

  clear(): void {
    this.n = 0;
    this.head = 0;
  }

  /** Index (into the arrays) of the i-th oldest sample. */
  at(i: number): number {
    return (this.head + i) % this.capacity;
  }

  push(mid: number, theta: number, delay: number): void {
    const idx = (this.head + this.n) % this.capacity;
    this.mid[idx] = mid;
    this.theta[idx] = theta;
    this.delay[idx] = delay;
    if (this.n < this.capacity) this.n++;
    else this.head = (this.head + 1) % this.capacity;
  }

  /** Forget the oldest sample. */
  dropOldest(): void {
    if (this.n === 0) return;
    this.head = (this.head + 1) % this.capacity;
    this.n--;
  }

  /** Drop samples whose midpoint is older than `oldestMid`. */
  dropOlderThan(oldestMid: number): void {
    while (this.n > 0 && this.mid[this.head] < oldestMid) {
      this.head = (this.head + 1) % this.capacity;
      this.n--;
    }
  }

  minDelay(): number {
    let m = Infinity;
    for (let i = 0; i < this.n; i++) {
      const d = this.delay[this.at(i)];
      if (d < m) m = d;
    }
    return m;
  }

  /**
   * Delay of a sample as seen from local time `at`: its own delay plus twice the offset
   * error its age can have accumulated through frequency uncertainty (2 sigma), so that a
   * stale sample loses to a fresh one of slightly higher delay.
   */
  static effectiveDelay(delay: number, age: number, rateSigma: number): number {
    return delay + 4 * rateSigma * Math.abs(age);
  }

  /** Lowest effective delay in the window as seen from `at`. */
  lowEffectiveDelay(at: number, rateSigma: number): number {
    let m = Infinity;
    for (let i = 0; i < this.n; i++) {
      const k = this.at(i);
      const e = SampleWindow.effectiveDelay(this.delay[k], at - this.mid[k], rateSigma);
      if (e < m) m = e;
    }
    return m;
  }

  /**
   * Fit the window: a frequency (see RateFitter), then the offset at the newest sample's
   * midpoint from all samples projected there with that frequency (see `method`).
   */
  fit(p: FitParams, out: FitResult): boolean {
    const n = this.n;
    if (n === 0) return false;
    const refLocal = this.mid[this.at(n - 1)];
    const dMin = this.minDelay();
    // The frequency is fitted on the samples that the delay rule would still accept against
    // today's floor: exchanges taken while a queue stood on the path (accepted because the
    // window had nothing faster then) trace the queue's rise and drain, not the clock.
    const slow = p.slowFactor * dMin + p.slowMarginMs;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const k = this.at(i);
      if (this.delay[k] <= slow) this.idx[m++] = k;
    }
    this.rates.fit(p.rate, this.mid, this.theta, this.delay, this.idx, m, refLocal, this.rateEst);
    let rate = this.rateEst.rate;
    const rateSigma = this.rateEst.sigma;
    if (rate > p.maxRate) rate = p.maxRate;
    else if (rate < -p.maxRate) rate = -p.maxRate;

    // Every sample's offset, projected to refLocal with the frequency.
    for (let i = 0; i < n; i++) {
      const k = this.at(i);
      this.proj[i] = this.theta[k] + rate * (refLocal - this.mid[k]);
    }
    out.rate = rate;
    out.rateSigma = rateSigma;
    out.refLocal = refLocal;
    out.minDelay = dMin;
    if (p.method === 'median') this.medianOffset(p, refLocal, rateSigma, out);
    else this.intersectionOffset(p, refLocal, rateSigma, out);
    out.count = n;
    return true;
  }

  /**
   * Each exchange bounds the offset on both sides whatever the delays were:
   *   t2 - t3 = offset - downlink  <=  offset  <=  offset + uplink = t1 - t0,
   * i.e. theta -+ delay/2. Intersecting all of them (projected to refLocal, widened by the
   * frequency uncertainty times their age) keeps the smallest uplink and the smallest
   * downlink seen, even when they come from different exchanges; the offset is the middle.
   */
  private intersectionOffset(p: FitParams, refLocal: number, rateSigma: number, out: FitResult): void {
    let lo = -Infinity;
    let hi = Infinity;
    for (let i = 0; i < this.n; i++) {
      const k = this.at(i);
      const half = this.delay[k] / 2 + p.widenSigmas * rateSigma * Math.abs(refLocal - this.mid[k]);
      const l = this.proj[i] - half;
      const h = this.proj[i] + half;
      if (l > lo) lo = l;
      if (h < hi) hi = h;
    }
    out.offset = (lo + hi) / 2;
    out.bestDelay = Math.max(0, hi - lo);
    out.spread = 0;
    out.conflict = Math.max(0, lo - hi);
  }

  /** Median of the `bestCount` samples of lowest effective delay (projected offsets). */
  private medianOffset(p: FitParams, refLocal: number, rateSigma: number, out: FitResult): void {
    const n = this.n;
    for (let i = 0; i < n; i++) {
      this.eff[i] = SampleWindow.effectiveDelay(this.delay[this.at(i)], refLocal - this.mid[this.at(i)], rateSigma);
      this.order[i] = i;
    }
    const m = Math.min(p.bestCount, n);
    // partial selection sort: m is small
    for (let i = 0; i < m; i++) {
      let best = i;
      for (let j = i + 1; j < n; j++) if (this.eff[this.order[j]] < this.eff[this.order[best]]) best = j;
      const t = this.order[i];
      this.order[i] = this.order[best];
      this.order[best] = t;
    }
    for (let i = 0; i < m; i++) this.pick[i] = this.proj[this.order[i]];
    const picked = this.pick.subarray(0, m).sort();
    out.offset = m % 2 === 1 ? picked[(m - 1) / 2] : (picked[m / 2 - 1] + picked[m / 2]) / 2;
    out.bestDelay = this.eff[this.order[0]];
    out.spread = picked[m - 1] - picked[0];
    out.conflict = 0;
  }
}
