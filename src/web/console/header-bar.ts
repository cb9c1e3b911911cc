import type { ConsoleActions, ViewFrame } from './actions.ts';
import { el, setText } from './dom.ts';
import { transportLabel } from './status-view-model.ts';
import { formatClock, formatMs } from './time-format.ts';

export type ConnectionState = { level: 'ok' | 'warn' | 'bad'; text: string };

export interface HeaderBar {
  root: HTMLElement;
  update(frame: ViewFrame, blackoutShown: boolean): void;
  setConnection(c: ConnectionState): void;
  /** The last accepted action and when it takes effect. */
  setLastAction(text: string): void;
}

/** Always on screen: show, position clock, transport state, lead time, link state, BLACKOUT. */
export function createHeaderBar(actions: ConsoleActions, onLogout: () => void): HeaderBar {
  const showName = el('span', { id: 'show-name', class: 'show-name' });
  const clock = el('span', { id: 'show-clock', class: 'clock', text: formatClock(null) });
  const mode = el('span', { id: 'transport-mode', class: 'mode' });
  const lead = el('span', { class: 'muted', title: 'every change takes effect this long after it is sent' });
  const conn = el('span', { id: 'connection', class: 'conn' });
  const lastAction = el('span', { id: 'last-action', class: 'muted', attrs: { 'aria-live': 'polite' } });
  const blackout = el('button', {
    id: 'btn-blackout',
    class: 'blackout',
    text: 'BLACKOUT (B)',
    attrs: { 'aria-pressed': 'false' },
    onClick: () => actions.toggleBlackout(),
  });
  const logout = el('button', { id: 'btn-logout', text: 'Log out', onClick: onLogout });
  const root = el(
    'header',
    { class: 'bar' },
    el('div', { class: 'bar-left' }, el('span', { class: 'brand', text: 'crowdlight' }), showName, clock, mode, lead, lastAction),
    el('div', { class: 'bar-right' }, conn, logout, blackout),
  );
  return {
    root,
    update({ status, positionMs }, blackoutShown) {
      setText(showName, status.show ? status.show.name : 'no show loaded');
      setText(clock, formatClock(positionMs));
      // The tab title carries the state too, for an operator with several tabs open.
      const title = `${blackoutShown ? '■ BLACKOUT · ' : ''}${status.transport.mode === 'playing' ? '▶' : status.transport.mode === 'paused' ? '❚❚' : '■'} ${formatClock(positionMs)} · crowdlight`;
      if (document.title !== title) document.title = title;
      const label = transportLabel(status);
      setText(mode, label);
      mode.className = `mode ${status.transport.mode}`;
      setText(lead, `lead ${formatMs(status.leadTimeMs)}`);
      blackout.classList.toggle('on', blackoutShown);
      blackout.setAttribute('aria-pressed', String(blackoutShown));
      setText(blackout, blackoutShown ? 'BLACKOUT ON (B)' : 'BLACKOUT (B)');
    },
    setLastAction(text) {
      setText(lastAction, text);
    },
    setConnection(c) {
      setText(conn, c.text);
      conn.className = `conn ${c.level}`;
    },
  };
}
