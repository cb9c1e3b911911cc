/**
 * Axis scales and tick positions for the report's inline SVG charts: linear axes with
 * "nice" steps (1, 2 or 5 times a power of ten) and log axes with decade ticks.
 */

export type ScaleKind = 'linear' | 'log';

export interface Axis {
  kind: ScaleKind;
  min: number;
  max: number;
  ticks: number[];
}

/** Step of about (max - min) / target, rounded to 1, 2 or 5 times a power of ten. */
export function niceStep(span: number, target: number): number {
  if (!(span > 0)) return 1;
  const raw = span / Math.max(1, target);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/** A linear axis over [lo, hi] widened to whole steps, with about `target` ticks. */
export function linearAxis(lo: number, hi: number, target = 6): Axis {
  if (!(hi > lo)) hi = lo + 1;
  const step = niceStep(hi - lo, target);
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step * 1e-9; i++) ticks.push(Number((min + i * step).toPrecision(12)));
  return { kind: 'linear', min, max, ticks };
}

/** A log axis from the decade at or below `lo` to the decade at or above `hi` (both > 0);
 *  ticks at each decade, and at 2 and 5 times each decade when the axis spans few decades. */
export function logAxis(lo: number, hi: number): Axis {
  const safeLo = lo > 0 ? lo : 1e-3;
  const safeHi = hi > safeLo ? hi : safeLo * 10;
  let d0 = Math.floor(Math.log10(safeLo) + 1e-9);
  let d1 = Math.ceil(Math.log10(safeHi) - 1e-9);
  if (d1 <= d0) d1 = d0 + 1;
  if (d1 - d0 > 9) d0 = d1 - 9; // more than 9 decades reads as noise: clip the low end
  const ticks: number[] = [];
  const dense = d1 - d0 <= 3;
  for (let d = d0; d <= d1; d++) {
    const base = Number(Math.pow(10, d).toPrecision(12));
    ticks.push(base);
    if (dense && d < d1) ticks.push(Number((2 * base).toPrecision(12)), Number((5 * base).toPrecision(12)));
  }
  return { kind: 'log', min: Math.pow(10, d0), max: Math.pow(10, d1), ticks };
}

/** Position of `v` on `axis` as a fraction 0..1 (clamped), for mapping to pixels. */
export function position(axis: Axis, v: number): number {
  let f: number;
  if (axis.kind === 'log') {
    const x = v > axis.min ? v : axis.min;
    f = (Math.log10(x) - Math.log10(axis.min)) / (Math.log10(axis.max) - Math.log10(axis.min));
  } else {
    f = (v - axis.min) / (axis.max - axis.min);
  }
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/** A tick label: compact, no trailing zeros ("0.01", "2", "500", "10k", "1.5M"). */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return Number(v.toPrecision(4)).toString();
}
