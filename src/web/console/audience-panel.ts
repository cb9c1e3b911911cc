import type { ViewFrame } from './actions.ts';
import { el, setText } from './dom.ts';
import { syncSummary } from './status-view-model.ts';
import { formatCount, formatMs } from './time-format.ts';
import type { Panel } from './transport-panel.ts';

/** Connected and ready phones, clock-sync quality, lead time and the join address. */
export function createAudiencePanel(): Panel {
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
  );
  return {
    root,
    update({ status }) {
      const a = status.audience;
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
