import { el } from './dom.ts';
import { chartPoints, niceCeiling, type AudienceHistory, type HistorySeries } from './history.ts';

export interface ChartLine {
  series: HistorySeries;
  color: string;
  label: string;
}

export interface ChartView {
  root: HTMLElement;
  draw(history: AudienceHistory): void;
}

/** A small line chart of some history series over the last `spanMs`, with its scale. */
export function createChart(id: string, lines: ChartLine[], spanMs: number, unit: string): ChartView {
  const canvas = el('canvas', { id, class: 'chart' });
  const legend = el('div', { class: 'legend' });
  const scale = el('span');
  for (const l of lines) {
    const swatch = el('i');
    swatch.style.background = l.color;
    legend.append(el('span', {}, swatch, l.label));
  }
  legend.append(el('span', { class: 'spacer' }), scale);
  const ctx = canvas.getContext('2d');
  return {
    root: el('div', {}, canvas, legend),
    draw(history) {
      if (!ctx) return;
      const ratio = globalThis.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(canvas.clientWidth * ratio));
      const h = Math.max(1, Math.round(canvas.clientHeight * ratio));
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      ctx.clearRect(0, 0, w, h);
      let top = 0;
      for (const l of lines) top = Math.max(top, history.max(l.series));
      top = niceCeiling(top);
      scale.textContent = `0 – ${top} ${unit}, last ${Math.round(spanMs / 60000)} min`;
      ctx.strokeStyle = '#262d38';
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(0, Math.round(h / 2) + 0.5);
      ctx.lineTo(w, Math.round(h / 2) + 0.5);
      ctx.stroke();
      ctx.lineWidth = 2 * ratio;
      for (const l of lines) {
        ctx.strokeStyle = l.color;
        ctx.beginPath();
        chartPoints(history, l.series, spanMs, top, w, h - ctx.lineWidth, (x, y, move) => {
          if (move) ctx.moveTo(x, y + ctx.lineWidth / 2);
          else ctx.lineTo(x, y + ctx.lineWidth / 2);
        });
        ctx.stroke();
      }
    },
  };
}
