import type { ConsoleActions, Panel, ViewFrame } from './actions.ts';
import type { ApiShowSummary } from './api-types.ts';
import { confirmButton, el, setText } from './dom.ts';
import { cueRemainingMs } from './status-view-model.ts';
import { formatClock } from './time-format.ts';

/**
 * The stored shows, with the loaded one marked, and a Load button for the others. Loading
 * stops the timeline and ends live cues, so while a show plays or cues run it takes a second
 * press.
 */
export function createShowsPanel(actions: ConsoleActions): Panel {
  const list = el('ul', { id: 'show-list', class: 'cues' });
  const note = el('div', { class: 'empty' });
  let current: ViewFrame | null = null;
  let shownKey = '';
  let shows: ApiShowSummary[] = [];
  const refresh = async () => {
    const got = await actions.listShows();
    if (got) {
      shows = got;
      shownKey = '';
      if (current) render(current);
    }
  };
  const refreshButton = el('button', { id: 'btn-refresh-shows', text: 'Refresh', onClick: () => void refresh() });
  const busy = () => {
    if (!current) return false;
    const { status, controllerMs } = current;
    return status.transport.mode !== 'stopped' || status.liveCues.some((c) => (cueRemainingMs(c, controllerMs) ?? 1) > 0);
  };

  function render(frame: ViewFrame): void {
    const loadedId = frame.status.show?.id ?? '';
    const loadedVersion = frame.status.show?.version ?? 0;
    // A new list resets shownKey, so only the loaded show needs comparing.
    const key = `${loadedId}:${loadedVersion}`;
    if (key === shownKey) return;
    shownKey = key;
    list.replaceChildren();
    for (const s of shows) {
      const isLoaded = s.id === loadedId;
      const info = el('div', { class: 'what' }, el('span', { text: s.name }), el('small', { text: `${s.id} · v${s.version} · ${formatClock(s.durationMs)} · venue ${s.venue}` }));
      const button = isLoaded && s.version === loadedVersion
        ? el('button', { text: 'Loaded', attrs: { disabled: '' } })
        : confirmButton({ attrs: { 'data-load': s.id } }, isLoaded ? 'Reload' : 'Load', 'Press again: stops the show', () => actions.loadShow(s.id), busy);
      list.append(el('li', { attrs: { 'data-show-id': s.id } }, info, button));
    }
    setText(note, shows.length === 0 ? 'No shows stored (PUT /api/shows/<id> adds one).' : '');
  }

  let asked = false;
  return {
    root: el('section', { class: 'panel' }, el('h2', { text: 'Shows' }), list, note, refreshButton),
    update(frame) {
      current = frame;
      if (!asked) {
        asked = true;
        void refresh();
      }
      render(frame);
    },
  };
}
