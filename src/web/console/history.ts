/**
 * A short history of audience figures for the console's chart: a fixed-size ring of samples
 * (no allocation per poll), and the scaling that turns a series into chart points.
 */
export const HISTORY_SERIES = ['connections', 'rttP95', 'uncertaintyP95'] as const;
export type HistorySeries = (typeof HISTORY_SERIES)[number];

export class AudienceHistory {
  readonly capacity: number;
  private readonly times: Float64Array;
  private readonly values: Record<HistorySeries, Float64Array>;
  private start = 0;
  private count = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(2, Math.floor(capacity));
    this.times = new Float64Array(this.capacity);
    this.values = {
      connections: new Float64Array(this.capacity),
      rttP95: new Float64Array(this.capacity),
      uncertaintyP95: new Float64Array(this.capacity),
    };
  }

  get length(): number {
    return this.count;
  }

  /** Adds a sample (NaN for a figure that is unknown); the oldest falls out when full. */
  push(timeMs: number, sample: Record<HistorySeries, number | null>): void {
    const i = (this.start + this.count) % this.capacity;
    this.times[i] = timeMs;
    for (const s of HISTORY_SERIES) this.values[s][i] = sample[s] ?? Number.NaN;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Sample k (0 = oldest). */
  time(k: number): number {
    return this.times[(this.start + k) % this.capacity]!;
  }

  value(series: HistorySeries, k: number): number {
    return this.values[series][(this.start + k) % this.capacity]!;
  }

  /** Largest finite value of a series, or 0. */
  max(series: HistorySeries): number {
    let m = 0;
    for (let k = 0; k < this.count; k++) {
      const v = this.value(series, k);
      if (v > m) m = v;
    }
    return m;
  }

  clear(): void {
    this.start = 0;
    this.count = 0;
  }
}

/** A "nice" top for a chart axis at or above `v`: 1, 2 or 5 times a power of ten. */
export function niceCeiling(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/**
 * Chart coordinates of a series over the last `spanMs` (ending at the newest sample): x from
 * 0 (oldest) to width, y from height (0) to 0 (`top`). Gaps (NaN) split the line: the
 * callback gets `move` true for the first point after a gap.
 */
export function chartPoints(
  h: AudienceHistory,
  series: HistorySeries,
  spanMs: number,
  top: number,
  width: number,
  height: number,
  point: (x: number, y: number, move: boolean) => void,
): void {
  if (h.length === 0) return;
  const end = h.time(h.length - 1);
  let move = true;
  for (let k = 0; k < h.length; k++) {
    const t = h.time(k);
    if (t < end - spanMs) continue;
    const v = h.value(series, k);
    if (!Number.isFinite(v)) {
      move = true;
      continue;
    }
    const x = width - ((end - t) / spanMs) * width;
    const y = height - (Math.min(v, top) / top) * height;
    point(x, y, move);
    move = false;
  }
}
