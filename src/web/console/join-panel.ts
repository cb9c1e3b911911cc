import type { Panel } from './actions.ts';
import { el, field, setText } from './dom.ts';
import { joinLink, qrMatrix } from './join-link.ts';

/** Light modules around the code, as the QR specification asks. */
const QUIET_ZONE = 4;

/**
 * The join QR code, for everyone or for one section (phones that scan a section's code skip
 * choosing their section), to show on the big screen or to print for the seat backs.
 */
export function createJoinPanel(): Panel {
  const section = el('select', { id: 'join-section', attrs: { 'aria-label': 'section for the join code' } });
  const canvas = el('canvas', { id: 'join-qr', attrs: { 'aria-label': 'join QR code', style: 'display:block;width:100%;max-width:320px;margin:10px auto;image-rendering:pixelated;background:#fff' } });
  const link = el('a', { id: 'join-link', attrs: { target: '_blank', rel: 'noopener', style: 'word-break:break-all' } });
  const box = el('div', { attrs: { style: 'background:#000;border-radius:10px;padding:6px' } }, canvas);
  const full = el('button', { text: 'Full screen', onClick: () => void box.requestFullscreen?.().catch(() => undefined) });
  let venueKey = '';
  let joinUrl = '';

  const draw = () => {
    if (!joinUrl) return;
    const url = joinLink(joinUrl, section.value === '' ? null : section.value);
    link.href = url;
    setText(link, url);
    const q = qrMatrix(url);
    const n = q.size + 2 * QUIET_ZONE;
    const scale = Math.max(1, Math.floor(512 / n));
    canvas.width = n * scale;
    canvas.height = n * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#000000';
    for (let y = 0; y < q.size; y++) {
      for (let x = 0; x < q.size; x++) {
        if (q.dark[y * q.size + x]) ctx.fillRect((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale);
      }
    }
  };
  section.addEventListener('change', draw);

  return {
    root: el('section', { class: 'panel' }, el('h2', { text: 'Join' }), el('div', { class: 'row' }, field('Code for', section), full), box, link),
    update({ status }) {
      const v = status.venue;
      const key = v ? `${v.id}:${v.sections.length}` : '';
      // The code is drawn when its address may have changed, not on every tick.
      if (key === venueKey && status.joinUrl === joinUrl) return;
      if (key !== venueKey) {
        venueKey = key;
        const keep = section.value;
        section.replaceChildren(el('option', { text: 'Everyone (any seat)', attrs: { value: '' } }));
        for (const s of v?.sections ?? []) section.append(el('option', { text: `Section ${s.name}`, attrs: { value: s.id } }));
        section.value = [...section.options].some((o) => o.value === keep) ? keep : '';
      }
      joinUrl = status.joinUrl;
      draw();
    },
  };
}
