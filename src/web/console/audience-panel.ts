import type { Panel } from './actions.ts';
import type { ApiStatus } from './api-types.ts';
import { createChart } from './chart-view.ts';
import { el, setText } from './dom.ts';
import { AudienceHistory } from './history.ts';
import { syncSummary } from './status-view-model.ts';
import { formatCount, formatMs } from './time-format.ts';

/** Chart span, ms, and the samples it holds at two polls a second. */
const CHART_SPAN_MS = 5 * 60_000;
const HISTORY_SAMPLES = 700;

/**
 * Connected and ready phones, clock-sync quality (figures and charts of the last minutes),
 * lead time and the join address.
 */
export function createAudiencePanel(): Panel {
  const history = new AudienceHistory(HISTORY_SAMPLES);
  let lastStatus: ApiStatus | null = null;
  let lastSampleAt = 0;
  const connectedChart = createChart('chart-connections', [{ series: 'connections', color: '#4aa3ff', label: 'connected' }], CHART_SPAN_MS, 'phones');
  const syncChart = createChart(
    'chart-sync',
    [
      { series: 'uncertaintyP95', color: '#3ccf7a', label: 'uncertainty p95' },
      { series: 'rttP95', color: '#f2b33d', label: 'round trip p95' },
    ],
    CHART_SPAN_MS,
    'ms',
  );
  const connections = el('div', { id: 'audience-connections', class: 'big' });
  const ready = el('div', { id: 'audience-ready', class: 'muted' });
  const headline = el('div', { id: 'sync-headline', class: 'big' });
  const rtt = el('dd');
  const uncertainty = el('dd');
  const edges = el('dd');
  const lead = el('dd', { id: 'lead-time' });
  const venue = el('dd');
  const join = el('a', { attrs: { target: '_blank', rel: 'noopener' } });
  const root = el(
    'section',
    { class: 'panel' },
    el('h2', { text: 'Audience' }),
    el('div', { class: 'row', attrs: { style: 'justify-content:space-between;margin-bottom:12px' } },
      el('div', {}, connections, ready),
      el('div', { attrs: { style: 'text-align:right' } }, headline, el('div', { class: 'muted', text: 'clock sync' }))),
    el('dl', { class: 'stats' },
      el('dt', { text: 'Round trip' }), rtt,
      el('dt', { text: 'Uncertainty' }), uncertainty,
      el('dt', { text: 'Lead time' }), lead,
      el('dt', { text: 'Edges' }), edges,
      el('dt', { text: 'Venue' }), venue,
      el('dt', { text: 'Join' }), el('dd', {}, join)),
    connectedChart.root,
    syncChart.root,
  );
  return {
    root,
    update({ status }) {
      // Everything here comes from the status: redrawn when a new one arrives, not every tick.
      if (status === lastStatus) return;
      lastStatus = status;
      const a = status.audience;
      // Controller time: a restarted poll loop or a slow answer cannot reorder the chart.
      if (status.controllerTimeMs > lastSampleAt) {
        lastSampleAt = status.controllerTimeMs;
        history.push(status.controllerTimeMs, { connections: a.connections, rttP95: a.rttMs.p95, uncertaintyP95: a.uncertaintyMs.p95 });
        connectedChart.draw(history);
        syncChart.draw(history);
      }
      const s = syncSummary(a);
      setText(connections, `${formatCount(a.connections)} connected`);
      setText(ready, s.readyText);
      setText(headline, s.headline);
      headline.className = `big level-${s.level}`;
      setText(rtt, s.rttText);
      setText(uncertainty, s.uncertaintyText);
      setText(lead, formatMs(status.leadTimeMs));
      setText(edges, String(a.edges));
      setText(venue, status.venue ? `${status.venue.name} · ${formatCount(status.venue.seats)} seats` : 'none');
      if (join.href !== status.joinUrl && status.joinUrl) join.href = status.joinUrl;
      setText(join, status.joinUrl || '–');
    },
  };
}
