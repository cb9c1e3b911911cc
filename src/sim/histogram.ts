/**
 * Fixed log-spaced histogram for non-negative values (ms). Buckets grow by 1 % from 1 us,
 * so any percentile is exact to within 1 % relative (or 1 us) whatever the sample count, in
 * constant memory; histograms of several devices merge by adding counts. Infinity (e.g. a
 * device that never converged) is counted separately and sorts above every finite value.
 */
const MIN = 0.001;
const RATIO = 1.01;
const LOG_RATIO = Math.log(RATIO);
const MAX = 1e9;
const BUCKETS = Math.ceil(Math.log(MAX / MIN) / LOG_RATIO) + 2;

export class LogHistogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  infinite = 0;
  max = 0;
  /** Sum of the finite values in whole microseconds: integer sums do not depend on the order
   *  in which devices (or worker threads) are merged. */
  sumUs = 0;

  add(v: number): void {
    if (!(v < Infinity)) {
      if (v === Infinity) this.infinite++;
      else return; // NaN is dropped
      this.count++;
      return;
    }
    const x = v < 0 ? -v : v;
    let i = 0;
    if (x >= MIN) {
      i = 1 + Math.floor(Math.log(x / MIN) / LOG_RATIO);
      if (i >= BUCKETS) i = BUCKETS - 1;
    }
    this.counts[i]++;
    this.count++;
    this.sumUs += Math.round(x * 1000);
    if (x > this.max) this.max = x;
  }

  merge(other: LogHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.count += other.count;
    this.infinite += other.infinite;
    this.sumUs += other.sumUs;
    if (other.max > this.max) this.max = other.max;
  }

  /** Value at quantile q in [0, 1] (bucket geometric centre, capped by the exact max);
   *  Infinity if the quantile falls among infinite values; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        if (i === 0) return Math.min(this.max, MIN / 2);
        const lo = MIN * Math.pow(RATIO, i - 1);
        return Math.min(this.max, lo * Math.sqrt(RATIO));
      }
    }
    return Infinity;
  }

  /** Mean of the finite values, NaN when there are none. */
  mean(): number {
    const n = this.count - this.infinite;
    return n > 0 ? this.sumUs / 1000 / n : NaN;
  }
}
