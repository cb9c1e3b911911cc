import { Envelope } from './envelope.ts';

/** A frequency estimate: d(offset)/d(local), dimensionless, with its standard deviation. */
export interface RateEstimate {
  rate: number;
  sigma: number;
}

export type DriftMethod = 'envelope' | 'regression';

export interface RateFitParams {
  method: DriftMethod;
  /** Prior standard deviation of the frequency (typical crystal error), dimensionless. */
  priorSigma: number;
  /** Envelope: floor of the noise of a hull vertex, ms. */
  envelopeNoiseMs: number;
  /** Regression: floor of a good sample's offset noise, ms. */
  noiseFloorMs: number;
}

/**
 * Estimates the frequency from samples given as parallel arrays indexed through `idx`
 * (local midpoint, offset theta, round-trip delay). Scratch buffers are reused.
 */
export class RateFitter {
  private readonly order: Int32Array;
  private readonly xs: Float64Array;
  private readonly upper: Float64Array;
  private readonly lower: Float64Array;
  private readonly envUp: Envelope;
  private readonly envDown: Envelope;

  constructor(capacity: number) {
    this.order = new Int32Array(capacity);
    this.xs = new Float64Array(capacity);
    this.upper = new Float64Array(capacity);
    this.lower = new Float64Array(capacity);
    this.envUp = new Envelope(capacity);
    this.envDown = new Envelope(capacity);
  }

  fit(
    p: RateFitParams,
    mid: Float64Array,
    theta: Float64Array,
    delay: Float64Array,
    idx: Int32Array,
    n: number,
    refLocal: number,
    out: RateEstimate,
  ): void {
    if (p.method === 'regression') this.regression(p, mid, theta, delay, idx, n, refLocal, out);
    else this.envelope(p, mid, theta, delay, idx, n, refLocal, out);
  }

  /**
   * Envelopes of the one-way bounds. Each exchange gives an upper bound t1 - t0 =
   * offset + uplink and a lower bound t2 - t3 = offset - downlink; queueing, loss and pauses
   * only ever push them outwards. The lower envelope of the upper bounds and the upper
   * envelope of the lower bounds both run parallel to the true offset line (offset plus the
   * smallest uplink, minus the smallest downlink), so their slopes where the samples are
   * centred estimate the frequency without being bent by any delay spike (the linear
   * programme of Moon, Skelly and Towsley, applied to each direction).
   *
   * Uncertainty: how much each slope moves when either vertex of its hull edge is left out
   * (a jackknife on the two points that matter; at least a noise floor over the edge
   * length), plus the two directions' disagreement. A zero-mean Gaussian prior (typical
   * crystal error) tempers short windows.
   */
  private envelope(
    p: RateFitParams, mid: Float64Array, theta: Float64Array, delay: Float64Array,
    idx: Int32Array, n: number, refLocal: number, out: RateEstimate,
  ): void {
    const order = this.order;
    for (let i = 0; i < n; i++) order[i] = idx[i];
    // Sort by midpoint (arrival order nearly always is, so insertion sort is cheap).
    for (let i = 1; i < n; i++) {
      const v = order[i];
      const x = mid[v];
      let j = i - 1;
      while (j >= 0 && mid[order[j]] > x) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    let sx = 0;
    for (let i = 0; i < n; i++) {
      const k = order[i];
      const x = mid[k] - refLocal;
      this.xs[i] = x;
      this.upper[i] = theta[k] + delay[k] / 2;
      this.lower[i] = theta[k] - delay[k] / 2;
      sx += x;
    }
    const span = n > 1 ? this.xs[n - 1] - this.xs[0] : 0;
    if (!(span > 0)) {
      out.rate = 0;
      out.sigma = p.priorSigma;
      return;
    }
    const xAt = sx / n;
    this.envUp.build(this.xs, this.upper, n, 1);
    const up = this.envUp.slopeAt(xAt);
    const upLen = this.envUp.edgeLength;
    this.envDown.build(this.xs, this.lower, n, -1);
    const down = this.envDown.slopeAt(xAt);
    const downLen = this.envDown.edgeLength;
    // Each slope is as uncertain as its hull edge is fragile (see slopeSensitivity), and at
    // least the noise floor over the edge length.
    const floorUp = upLen > 0 ? p.envelopeNoiseMs / upLen : Infinity;
    const floorDown = downLen > 0 ? p.envelopeNoiseMs / downLen : Infinity;
    const varUp = Math.max(floorUp, this.envUp.slopeSensitivity(xAt)) ** 2;
    const varDown = Math.max(floorDown, this.envDown.slopeSensitivity(xAt)) ** 2;
    let raw = 0;
    let measured: number;
    if (Number.isFinite(varUp) && Number.isFinite(varDown)) {
      raw = (up + down) / 2;
      const disagreement = (up - down) / 2;
      measured = (varUp + varDown) / 4 + disagreement * disagreement;
    } else if (Number.isFinite(varUp)) {
      raw = up;
      measured = varUp;
    } else if (Number.isFinite(varDown)) {
      raw = down;
      measured = varDown;
    } else {
      out.rate = 0;
      out.sigma = p.priorSigma;
      return;
    }
    // Gaussian combination of the measurement with the zero-mean prior.
    const prior = p.priorSigma * p.priorSigma;
    out.rate = (raw * prior) / (prior + measured);
    out.sigma = Math.sqrt((prior * measured) / (prior + measured));
  }

  private regression(
    p: RateFitParams, mid: Float64Array, theta: Float64Array, delay: Float64Array,
    idx: Int32Array, n: number, refLocal: number, out: RateEstimate,
  ): void {
    let dMin = Infinity;
    for (let i = 0; i < n; i++) if (delay[idx[i]] < dMin) dMin = delay[idx[i]];
    const floor2 = p.noiseFloorMs * p.noiseFloorMs;
    let sw = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const k = idx[i];
      const q = (delay[k] - dMin) / 2;
      const w = 1 / (floor2 + q * q);
      sw += w;
      sx += w * (mid[k] - refLocal);
      sy += w * theta[k];
    }
    const mx = sx / sw;
    const my = sy / sw;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < n; i++) {
      const k = idx[i];
      const q = (delay[k] - dMin) / 2;
      const w = 1 / (floor2 + q * q);
      const dx = mid[k] - refLocal - mx;
      sxx += w * dx * dx;
      sxy += w * dx * (theta[k] - my);
    }
    const prior = 1 / (p.priorSigma * p.priorSigma);
    const rate = sxy / (sxx + prior);
    let chi = 0;
    for (let i = 0; i < n; i++) {
      const k = idx[i];
      const q = (delay[k] - dMin) / 2;
      const w = 1 / (floor2 + q * q);
      const r = theta[k] - (my + rate * (mid[k] - refLocal - mx));
      chi += w * r * r;
    }
    // Scale the posterior by the observed misfit when it exceeds the modelled noise.
    const scale = n > 2 ? Math.max(1, chi / (n - 2)) : 1;
    out.rate = rate;
    out.sigma = Math.sqrt(scale / (sxx + prior));
  }
}
