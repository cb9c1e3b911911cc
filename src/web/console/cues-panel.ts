import type { ConsoleActions, Panel, ViewFrame } from './actions.ts';
import type { ApiLiveCue } from './api-types.ts';
import { el, setText } from './dom.ts';
import { cueRemainingMs, describeEffect, effectSwatch } from './status-view-model.ts';
import { targetLabel } from './targets.ts';
import { formatRemaining } from './time-format.ts';

interface Row {
  li: HTMLLIElement;
  remaining: HTMLElement;
}

/**
 * The live cues in force (bottom layer first), each with its cancel button; cancel all. A cue
 * whose end has passed leaves the list at once, although the status may list it a little
 * longer.
 */
export function createCuesPanel(actions: ConsoleActions): Panel {
  const list = el('ul', { id: 'cue-list', class: 'cues' });
  const empty = el('div', { class: 'empty', text: 'No live cues.' });
  const cancelAll = el('button', { id: 'btn-cancel-all', text: 'Cancel all cues (Esc)', onClick: () => actions.cancelAllCues() });
  const rows = new Map<number, Row>();

  const makeRow = (cue: ApiLiveCue, frame: ViewFrame): Row => {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = effectSwatch(cue.effect) ?? '#000';
    const remaining = el('small');
    const li = el(
      'li',
      { attrs: { 'data-cue-id': String(cue.cueId) } },
      swatch,
      el('div', { class: 'what' }, el('span', { text: describeEffect(cue.effect) }), el('small', { text: `#${cue.cueId} · ${targetLabel(cue.target, frame.status.venue)}` }), remaining),
      el('button', { text: 'Cancel', attrs: { 'data-cancel': String(cue.cueId) }, onClick: () => actions.cancelCue(cue.cueId) }),
    );
    return { li, remaining };
  };

  return {
    root: el('section', { class: 'panel' }, el('h2', { text: 'Live cues in force' }), list, empty, cancelAll),
    update(frame) {
      const cues = frame.status.liveCues;
      const seen = new Set<number>();
      let prev: Element | null = null;
      for (const cue of cues) {
        const remaining = cueRemainingMs(cue, frame.controllerMs);
        if (remaining !== null && remaining <= 0) continue;
        seen.add(cue.cueId);
        let row = rows.get(cue.cueId);
        if (!row) {
          row = makeRow(cue, frame);
          rows.set(cue.cueId, row);
        }
        const want: Element | null = prev ? prev.nextElementSibling : list.firstElementChild;
        if (want !== row.li) list.insertBefore(row.li, want);
        prev = row.li;
        setText(row.remaining, formatRemaining(remaining));
      }
      for (const [id, row] of rows) {
        if (!seen.has(id)) {
          row.li.remove();
          rows.delete(id);
        }
      }
      empty.classList.toggle('hidden', seen.size > 0);
      cancelAll.disabled = seen.size === 0;
    },
  };
}
