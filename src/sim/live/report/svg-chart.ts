/**
 * One inline SVG chart for the HTML report: a framed plot area with x and y axes, ticks,
 * grid lines, axis labels with units, a legend, optional vertical limit markers, and line or
 * step series. No script and no external reference: the SVG is plain markup.
 */
import { escapeHtml } from './html-escape.ts';
import { linearAxis, logAxis, position, tickLabel, type Axis, type ScaleKind } from './svg-axes.ts';

export interface Series {
  name: string;
  color: string;
  points: ReadonlyArray<readonly [number, number]>;
  /** Draw as a cumulative step curve (a CDF) instead of straight segments. */
  step?: boolean;
  dashed?: boolean;
}

/** A vertical line at x, e.g. a target's limit. */
export interface Marker {
  x: number;
  label: string;
  color: string;
}

/** Bars over x intervals: [from, to, height]. */
export interface Bars {
  name: string;
  color: string;
  bins: ReadonlyArray<readonly [number, number, number]>;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xScale: ScaleKind;
  series: readonly Series[];
  bars?: Bars;
  markers?: readonly Marker[];
  /** Fixed y range (a CDF's 0..1); else from the data, starting at 0. */
  yRange?: [number, number];
  /** Tick label for y values (e.g. a fraction as a percentage). */
  yTick?: (v: number) => string;
  /** Shown in the plot area when no series has a point. */
  emptyText: string;
}

const W = 720;
const H = 340;
const M = { left: 64, right: 20, top: 44, bottom: 50 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const r1 = (v: number): string => (Math.round(v * 10) / 10).toString();
/** Pixel column of `v` on the x axis, pixel row of `v` on the y axis (y grows downwards). */
const toPx = (x: Axis, v: number): number => M.left + position(x, v) * PW;
const toPy = (y: Axis, v: number): number => M.top + (1 - position(y, v)) * PH;

function xAxisFor(o: ChartOptions, hasData: boolean): Axis {
  let lo = Infinity;
  let hi = -Infinity;
  const xs: number[] = [];
  for (const s of o.series) for (const [x] of s.points) xs.push(x);
  for (const [a, b] of o.bars?.bins ?? []) xs.push(a, b);
  for (const x of xs) {
    if (!Number.isFinite(x) || (o.xScale === 'log' && x <= 0)) continue;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (o.xScale === 'log') {
    // Limits are drawn even beyond the data: how far a curve stays from its limit is the point.
    for (const m of o.markers ?? []) {
      if (m.x > 0 && Number.isFinite(m.x)) {
        lo = Math.min(lo, m.x);
        hi = Math.max(hi, m.x);
      }
    }
    if (!hasData && !(hi > 0)) return logAxis(0.1, 100);
    return logAxis(lo, hi);
  }
  if (!hasData) return linearAxis(0, 1);
  return linearAxis(Math.min(0, lo), hi);
}

function yAxisFor(o: ChartOptions): Axis {
  if (o.yRange) {
    const a = linearAxis(o.yRange[0], o.yRange[1], 5);
    return { ...a, min: o.yRange[0], max: o.yRange[1], ticks: a.ticks.filter((t) => t >= o.yRange![0] && t <= o.yRange![1]) };
  }
  let hi = 0;
  for (const s of o.series) for (const [, y] of s.points) if (Number.isFinite(y) && y > hi) hi = y;
  for (const [, , y] of o.bars?.bins ?? []) if (Number.isFinite(y) && y > hi) hi = y;
  // 5 % headroom: a curve at its maximum stays clear of the frame.
  return linearAxis(0, hi > 0 ? hi * 1.05 : 1, 5);
}

function seriesPath(s: Series, x: Axis, y: Axis): string {
  const px = (v: number): number => toPx(x, v);
  const py = (v: number): number => toPy(y, v);
  const pts = s.points.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b));
  if (pts.length === 0) return '';
  const parts: string[] = [];
  if (s.step) {
    // A CDF: 0 up to the first value, then flat between values, rising at each one.
    parts.push(`M${r1(M.left)},${r1(py(0))}`, `L${r1(px(pts[0]![0]))},${r1(py(0))}`);
    let prevY = 0;
    for (const [a, b] of pts) {
      parts.push(`L${r1(px(a))},${r1(py(prevY))}`, `L${r1(px(a))},${r1(py(b))}`);
      prevY = b;
    }
    parts.push(`L${r1(M.left + PW)},${r1(py(prevY))}`);
  } else {
    pts.forEach(([a, b], i) => parts.push(`${i === 0 ? 'M' : 'L'}${r1(px(a))},${r1(py(b))}`));
  }
  const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
  return `<path class="series" d="${parts.join(' ')}" fill="none" stroke="${escapeHtml(s.color)}" stroke-width="2"${dash}><title>${escapeHtml(s.name)}</title></path>`;
}

function barsGroup(b: Bars, x: Axis, y: Axis): string {
  const rects: string[] = [];
  for (const [lo, hi, v] of b.bins) {
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && Number.isFinite(v)) || v <= 0) continue;
    const x0 = toPx(x, lo);
    const x1 = toPx(x, hi);
    const top = toPy(y, v);
    rects.push(`<rect x="${r1(x0 + 0.5)}" y="${r1(top)}" width="${r1(Math.max(0.5, x1 - x0 - 1))}" height="${r1(M.top + PH - top)}"/>`);
  }
  return `<g class="bars" fill="${escapeHtml(b.color)}" fill-opacity="0.75"><title>${escapeHtml(b.name)}</title>${rects.join('')}</g>`;
}

/** A chart of line/step series and optional bars (see ChartOptions). */
export function lineChart(o: ChartOptions): string {
  const hasData =
    o.series.some((s) => s.points.some(([a, b]) => Number.isFinite(a) && Number.isFinite(b))) || (o.bars?.bins.length ?? 0) > 0;
  const x = xAxisFor(o, hasData);
  const y = yAxisFor(o);
  const yTick = o.yTick ?? tickLabel;
  const out: string[] = [];
  out.push(
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeHtml(o.title)}">`,
    `<title>${escapeHtml(o.title)}</title>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${M.left}" y="20" class="chart-title">${escapeHtml(o.title)}</text>`,
  );
  // Grid and ticks.
  for (const t of x.ticks) {
    const px = r1(toPx(x, t));
    out.push(
      `<line x1="${px}" y1="${M.top}" x2="${px}" y2="${M.top + PH}" class="grid"/>`,
      `<line x1="${px}" y1="${M.top + PH}" x2="${px}" y2="${M.top + PH + 5}" class="tick"/>`,
      `<text x="${px}" y="${M.top + PH + 18}" text-anchor="middle" class="tick-label">${escapeHtml(tickLabel(t))}</text>`,
    );
  }
  for (const t of y.ticks) {
    const py = r1(toPy(y, t));
    out.push(
      `<line x1="${M.left}" y1="${py}" x2="${M.left + PW}" y2="${py}" class="grid"/>`,
      `<line x1="${M.left - 5}" y1="${py}" x2="${M.left}" y2="${py}" class="tick"/>`,
      `<text x="${M.left - 8}" y="${py}" text-anchor="end" dominant-baseline="middle" class="tick-label">${escapeHtml(yTick(t))}</text>`,
    );
  }
  out.push(`<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" class="frame"/>`);
  out.push(
    `<text x="${M.left + PW / 2}" y="${H - 10}" text-anchor="middle" class="axis-label">${escapeHtml(o.xLabel)}${o.xScale === 'log' ? ' (log scale)' : ''}</text>`,
    `<text transform="translate(16 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${escapeHtml(o.yLabel)}</text>`,
  );
  // Limit markers.
  for (const m of o.markers ?? []) {
    if (!(Number.isFinite(m.x) && (x.kind === 'linear' || m.x > 0))) continue;
    const px = r1(toPx(x, m.x));
    out.push(
      `<line x1="${px}" y1="${M.top}" x2="${px}" y2="${M.top + PH}" stroke="${escapeHtml(m.color)}" stroke-width="1.5" stroke-dasharray="3 3" class="marker"/>`,
      `<text x="${px}" y="${M.top + 12}" transform="rotate(-90 ${px} ${M.top + 12})" text-anchor="end" dx="-2" dy="-4" class="marker-label" fill="${escapeHtml(m.color)}">${escapeHtml(m.label)}</text>`,
    );
  }
  if (hasData) {
    if (o.bars) out.push(barsGroup(o.bars, x, y));
    for (const s of o.series) out.push(seriesPath(s, x, y));
  } else {
    out.push(`<text x="${M.left + PW / 2}" y="${M.top + PH / 2}" text-anchor="middle" class="empty">${escapeHtml(o.emptyText)}</text>`);
  }
  // Legend, right-aligned on the title line.
  let lx = W - M.right;
  const legend: string[] = [];
  const entries: Array<Pick<Series, 'name' | 'color' | 'dashed'>> = [...(o.bars ? [o.bars] : []), ...o.series];
  for (let i = entries.length - 1; i >= 0; i--) {
    const s = entries[i]!;
    const w = 28 + s.name.length * 6.6;
    lx -= w;
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    legend.push(
      `<line x1="${r1(lx)}" y1="30" x2="${r1(lx + 18)}" y2="30" stroke="${escapeHtml(s.color)}" stroke-width="2"${dash}/>`,
      `<text x="${r1(lx + 22)}" y="34" class="legend">${escapeHtml(s.name)}</text>`,
    );
  }
  out.push(...legend, '</svg>');
  return out.join('\n');
}
