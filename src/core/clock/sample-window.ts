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
  /** Delay of the best sample, inflated by its age (see `effectiveDelay`), ms. */
  bestDelay: number;
  /** Raw minimum delay in the window, ms. */
  minDelay: number;
  /** Spread (max - min) of the projected offsets of the samples whose median was taken. */
  spread: number;
  count: number;
}

export interface FitParams {
  bestCount: number;
  maxRate: number;
  priorRateSigma: number;
  /** Noise floor of a good sample's offset, ms. */
  noiseFloorMs: number;
}

export class SampleWindow {
  readonly mid: Float64Array;
  readonly theta: Float64Array;
  readonly delay: Float64Array;
  private head = 0;
  private n = 0;
  // scratch for selection
  private readonly eff: Float64Array;
  private readonly proj: Float64Array;
  private readonly order: Int32Array;
  private readonly pick: Float64Array;

  constructor(readonly capacity: number) {
    this.mid = new Float64Array(capacity);
    this.theta = new Float64Array(capacity);
    this.delay = new Float64Array(capacity);
    this.eff = new Float64Array(capacity);
    this.proj = new Float64Array(capacity);
    this.order = new Int32Array(capacity);
    this.pick = new Float64Array(capacity);
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
   * Fit the window. Frequency: weighted least squares of offset against local time, each
   * sample weighted by the inverse square of its possible queueing error ((delay - min)/2
   * above a noise floor), with a zero-mean Gaussian prior on the frequency (ridge) so a
   * short window cannot produce a wild slope. Offset: the median, projected to the newest
   * sample with that frequency, of the `bestCount` samples of lowest effective delay.
   */
  fit(p: FitParams, out: FitResult): boolean {
    const n = this.n;
    if (n === 0) return false;
    const refLocal = this.mid[this.at(n - 1)];
    const dMin = this.minDelay();
    const floor2 = p.noiseFloorMs * p.noiseFloorMs;
    let sw = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const k = this.at(i);
      const q = (this.delay[k] - dMin) / 2;
      const w = 1 / (floor2 + q * q);
      sw += w;
      sx += w * (this.mid[k] - refLocal);
      sy += w * this.theta[k];
    }
    const mx = sx / sw;
    const my = sy / sw;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const k = this.at(i);
      const q = (this.delay[k] - dMin) / 2;
      const w = 1 / (floor2 + q * q);
      const dx = this.mid[k] - refLocal - mx;
      sxx += w * dx * dx;
      sxy += w * dx * (this.theta[k] - my);
    }
    const prior = 1 / (p.priorRateSigma * p.priorRateSigma);
    let rate = sxy / (sxx + prior);
    if (rate > p.maxRate) rate = p.maxRate;
    else if (rate < -p.maxRate) rate = -p.maxRate;
    // Scale the posterior by the observed misfit when it exceeds the modelled noise.
    let chi = 0;
    for (let i = 0; i < n; i++) {
      const k = this.at(i);
      const q = (this.delay[k] - dMin) / 2;
      const w = 1 / (floor2 + q * q);
      const r = this.theta[k] - (my + rate * (this.mid[k] - refLocal - mx));
      chi += w * r * r;
    }
    const scale = n > 2 ? Math.max(1, chi / (n - 2)) : 1;
    const rateSigma = Math.sqrt(scale / (sxx + prior));

    // Offset: median of the best few by effective delay, projected to refLocal.
    for (let i = 0; i < n; i++) {
      const k = this.at(i);
      const age = refLocal - this.mid[k];
      this.eff[i] = SampleWindow.effectiveDelay(this.delay[k], age, rateSigma);
      this.proj[i] = this.theta[k] + rate * age;
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
    const offset = m % 2 === 1 ? picked[(m - 1) / 2] : (picked[m / 2 - 1] + picked[m / 2]) / 2;
    out.offset = offset;
    out.rate = rate;
    out.rateSigma = rateSigma;
    out.refLocal = refLocal;
    out.bestDelay = this.eff[this.order[0]];
    out.minDelay = dMin;
    out.spread = picked[m - 1] - picked[0];
    out.count = n;
    return true;
  }
}
