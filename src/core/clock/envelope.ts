/**
 * Support line of a point set's lower (sign 1) or upper (sign -1) convex hull at a given abscissa: the line lying on or
 * below every point that is highest at `xAt` (the linear programme "stay under all points,
 * minimise the total gap", whose optimum touches the hull edge spanning the points' mean
 * abscissa). Used on one-way delay bounds, whose noise is one-sided: the envelope ignores
 * queueing, retransmissions and pauses entirely, wherever they happen.
 *
 * `xs`/`ys` hold `n` points sorted by x; `hull` is scratch of length >= n. Returns the slope,
 * or NaN when the points do not span any x range.
 */
export function lowerEnvelopeSlope(
  xs: Float64Array,
  ys: Float64Array,
  n: number,
  xAt: number,
  hull: Int32Array,
  sign: 1 | -1,
): number {
  let h = 0;
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const y = sign * ys[i];
    if (h > 0 && xs[hull[h - 1]] === x) {
      if (sign * ys[hull[h - 1]] <= y) continue;
      h--; // same abscissa, lower point replaces it
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
  if (h < 2) return Number.NaN;
  let k = 0;
  while (k < h - 2 && xs[hull[k + 1]] <= xAt) k++;
  const a = hull[k];
  const b = hull[k + 1];
  return (ys[b] - ys[a]) / (xs[b] - xs[a]);
}
