import type { ConsoleActions, Panel } from './actions.ts';
import { describeError } from './api-error.ts';
import { confirmButton, el, field, setText } from './dom.ts';
import { progressOf } from './status-view-model.ts';
import { formatClock, parseClock } from './time-format.ts';

/**
 * Play, pause, stop (pressed twice: stopping ends the timeline mid-show), seek to a typed
 * position and set the rate; a progress bar and the show length.
 */
export function createTransportPanel(actions: ConsoleActions): Panel {
  const bar = el('div');
  const progress = el('div', { class: 'progress', attrs: { role: 'progressbar', 'aria-label': 'show progress' } }, bar);
  const where = el('span', { class: 'muted' });
  const play = el('button', { id: 'btn-play', class: 'primary', text: '▶ Play', onClick: () => actions.transport({ action: 'play' }) });
  const pause = el('button', { id: 'btn-pause', text: '❚❚ Pause', onClick: () => actions.transport({ action: 'pause' }) });
  const stop = confirmButton({ id: 'btn-stop' }, '■ Stop', 'Press again to stop', () => actions.transport({ action: 'stop' }));

  const seekInput = el('input', { id: 'seek-input', attrs: { placeholder: '1:23.5', inputmode: 'decimal', size: '8', 'aria-label': 'seek position' } });
  const doSeek = () => {
    try {
      actions.transport({ action: 'seek', positionMs: parseClock(seekInput.value) });
    } catch (err) {
      actions.report(describeError(err));
    }
  };
  seekInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') doSeek();
  });
  const seek = el('button', { id: 'btn-seek', text: 'Seek', onClick: doSeek });

  const rateInput = el('input', { id: 'rate-input', type: 'number', attrs: { min: '0.05', max: '64', step: '0.05', value: '1', 'aria-label': 'rate' } });
  const doRate = () => {
    const rate = Number(rateInput.value);
    if (!(rate > 0 && rate <= 64)) {
      actions.report('rate must be above 0 and at most 64');
      return;
    }
    actions.transport({ action: 'rate', rate });
  };
  rateInput.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') doRate();
  });
  const rate = el('button', { id: 'btn-rate', text: 'Set rate', onClick: doRate });

  const root = el(
    'section',
    { class: 'panel transport' },
    el('h2', { text: 'Transport' }),
    progress,
    el('div', { class: 'row' }, play, pause, stop, el('span', { class: 'spacer' }), where),
    el('div', { class: 'row', attrs: { style: 'margin-top:12px' } }, field('Seek to (m:ss)', seekInput), seek, field('Rate (×)', rateInput), rate),
  );

  return {
    root,
    update({ status, positionMs }) {
      const mode = status.transport.mode;
      play.classList.toggle('active', mode === 'playing');
      pause.classList.toggle('active', mode === 'paused');
      const hasShow = status.show !== null;
      play.disabled = !hasShow;
      pause.disabled = !hasShow || mode === 'stopped';
      seek.disabled = !hasShow;
      if (document.activeElement !== rateInput) {
        const r = String(Number(status.transport.rate.toFixed(3)));
        if (rateInput.value !== r) rateInput.value = r;
      }
      bar.style.width = `${(progressOf(status, positionMs) * 100).toFixed(2)}%`;
      setText(where, hasShow ? `${formatClock(positionMs)} / ${formatClock(status.show!.durationMs)}` : 'no show loaded');
    },
  };
}
