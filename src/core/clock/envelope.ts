/**
 * Lower (sign 1) or upper (sign -1) convex hull of points sorted by x, used as the envelope
 * of one-way delay bounds. Their noise is one-sided (queueing, retransmissions and pauses
 * only push a bound outwards), so the hull follows the true offset line plus the path's
 * smallest delay and ignores spikes wherever they happen.
 *
 * `slopeAt` is the support line at a given abscissa: the line on or below every point that
 * is highest there (the linear programme "stay under all points, minimise the total gap",
 * whose optimum touches the hull edge spanning the points' mean abscissa).
 */
export class Envelope {
  private readonly hull: Int32Array;
  private h = 0;
  private n = 0;
  private sign: 1 | -1 = 1;
  private xs: Float64Array = new Float64Array(0);
  private ys: Float64Array = new Float64Array(0);
  /** Length in x of the edge chosen by the latest `slopeAt`. */
  edgeLength = 0;

  constructor(capacity: number) {
    this.hull = new Int32Array(capacity);
  }

  /** Build the hull of the first `n` points, leaving out point `skip` (if any). */
  build(xs: Float64Array, ys: Float64Array, n: number, sign: 1 | -1, skip = -1): void {
    this.xs = xs;
    this.ys = ys;
    this.sign = sign;
    this.n = n;
    const hull = this.hull;
    let h = 0;
    for (let i = 0; i < n; i++) {
      if (i === skip) continue;
      const x = xs[i];
      const y = sign * ys[i];
      if (h > 0 && xs[hull[h - 1]] === x) {
        if (sign * ys[hull[h - 1]] <= y) continue;
        h--; // same abscissa: the lower point replaces it
      }
      while (h >= 2) {
        const a = hull[h - 2];
        const b = hull[h - 1];
        const ax = xs[a];
        const ay = sign * ys[a];
        const cross = (xs[b] - ax) * (y - ay) - (sign * ys[b] - ay) * (x - ax);
        if (cross > 0) break;
        h--;
      }
      hull[h++] = i;
    }
    this.h = h;
  }

  /** Slope of the hull edge spanning `xAt` (NaN with fewer than two distinct abscissae). */
  slopeAt(xAt: number): number {
    const { hull, h, xs, ys } = this;
    if (h < 2) {
      this.edgeLength = 0;
      return Number.NaN;
    }
    let k = 0;
    while (k < h - 2 && xs[hull[k + 1]] <= xAt) k++;
    const a = hull[k];
    const b = hull[k + 1];
    this.edgeLength = xs[b] - xs[a];
    return (ys[b] - ys[a]) / this.edgeLength;
  }

  /**
   * How much the slope at `xAt` depends on the two vertices that define it: the largest
   * change when either is left out. With many exchanges near the floor a neighbour takes
   * over and the slope barely moves; with few, it swings. Rebuilds the hull.
   */
  slopeSensitivity(xAt: number): number {
    const { hull, h, xs, ys, sign, n } = this;
    if (h < 2) return Infinity;
    let k = 0;
    while (k < h - 2 && xs[hull[k + 1]] <= xAt) k++;
    const a = hull[k];
    const b = hull[k + 1];
    const base = (ys[b] - ys[a]) / (xs[b] - xs[a]);
    this.build(xs, ys, n, sign, a);
    const withoutA = this.slopeAt(xAt);
    this.build(xs, ys, n, sign, b);
    const withoutB = this.slopeAt(xAt);
    this.build(xs, ys, n, sign);
    this.slopeAt(xAt);
    if (Number.isNaN(withoutA) || Number.isNaN(withoutB)) return Infinity;
    return Math.max(Math.abs(withoutA - base), Math.abs(withoutB - base));
  }
}
