import type { LiveCue } from '../../core/show/live-cue.ts';
import { compileShow, renderSeatsInto, type CompiledShow } from '../../core/show/runtime.ts';
import { buildVenue, type Venue } from '../../core/venue/runtime.ts';
import type { Panel, ViewFrame } from './actions.ts';
import { describeError } from './api-error.ts';
import { geometryFromBounds, type VenueGeometry } from './cue-design.ts';
import { el, field, setText } from './dom.ts';
import { LiveCueCache, parseShowPackage, previewLayout, TransportTimeline, type PreviewLayout } from './preview-model.ts';

/** Longer side of the preview canvas, pixels. */
const PREVIEW_SIZE = 360;
/** Preview frames per second: enough to see waves move, light on a control-room laptop. */
const PREVIEW_FPS = 12;

interface Loaded {
  url: string;
  show: CompiledShow;
  venue: Venue;
  layout: PreviewLayout;
  colors: Uint8Array;
  image: ImageData;
}

/**
 * A live picture of the venue, every seat drawn by the same renderer the phones run, from
 * the show package the phones load. A change appears when it takes effect on the phones (a
 * lead time after it was sent), as they would show it.
 */
export function createPreviewPanel(onGeometry: (g: VenueGeometry) => void): Panel {
  const canvas = el('canvas', { id: 'venue-preview', class: 'preview', attrs: { width: String(PREVIEW_SIZE), height: String(PREVIEW_SIZE), 'aria-label': 'venue preview' } });
  const note = el('div', { class: 'muted', text: 'No show loaded.' });
  const enabled = el('input', { id: 'preview-enabled', type: 'checkbox' });
  enabled.checked = true;
  const root = el('section', { class: 'panel' }, el('div', { class: 'row', attrs: { style: 'justify-content:space-between;align-items:center;margin-bottom:8px' } }, el('h2', { text: 'Preview', attrs: { style: 'margin:0' } }), field('live', enabled, true)), canvas, note);
  const ctx = canvas.getContext('2d');
  const cues = new LiveCueCache();
  const transports = new TransportTimeline();
  let loaded: Loaded | null = null;
  let loadingUrl = '';
  let latest: ViewFrame | null = null;
  let lastDraw = 0;
  let scheduled = false;

  async function load(url: string): Promise<void> {
    loadingUrl = url;
    setText(note, 'Loading the show package…');
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const pkg = parseShowPackage(await res.json());
      if (loadingUrl !== url) return;
      const venue = buildVenue(pkg.venue);
      const layout = previewLayout(venue.positions, venue.seatCount, venue.bounds, PREVIEW_SIZE);
      canvas.width = layout.width;
      canvas.height = layout.height;
      const image = ctx ? ctx.createImageData(layout.width, layout.height) : new ImageData(1, 1);
      loaded = { url, show: compileShow(pkg.show), venue, layout, colors: new Uint8Array(venue.seatCount * 3), image };
      onGeometry(geometryFromBounds(venue.bounds));
      setText(note, `${venue.name}: ${venue.seatCount} seats`);
      schedule();
    } catch (err) {
      if (loadingUrl === url) {
        loadingUrl = '';
        setText(note, `Preview unavailable: ${describeError(err)}`);
      }
    }
  }

  function draw(): void {
    scheduled = false;
    if (!loaded || !latest || !ctx || !enabled.checked || document.hidden) return;
    const now = performance.now();
    if (now - lastDraw < 1000 / PREVIEW_FPS) {
      schedule();
      return;
    }
    lastDraw = now;
    const { status, controllerMs } = latest;
    const liveCues: readonly LiveCue[] = cues.update(status.liveCues);
    const transport = transports.at(controllerMs) ?? status.transport;
    renderSeatsInto(loaded.colors, 3, loaded.show, transport, liveCues, controllerMs, loaded.venue);
    // Every frame writes the same seat pixels in the same order and the rest stay as created
    // (transparent), so the image needs no clearing between frames.
    const px = loaded.image.data;
    const { pixelOfSeat } = loaded.layout;
    const colors = loaded.colors;
    const row = loaded.layout.width * 4;
    for (let i = 0; i < pixelOfSeat.length; i++) {
      const r = colors[3 * i]!;
      const g = colors[3 * i + 1]!;
      const b = colors[3 * i + 2]!;
      // A 2x2 dot: top-left, top-right, bottom-left, bottom-right.
      for (let o = pixelOfSeat[i]! * 4, k = 0; k < 4; k++) {
        const p = o + (k & 1) * 4 + (k >> 1) * row;
        px[p] = r;
        px[p + 1] = g;
        px[p + 2] = b;
        px[p + 3] = 255;
      }
    }
    ctx.putImageData(loaded.image, 0, 0);
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(draw);
  }

  enabled.addEventListener('change', schedule);

  return {
    root,
    update(frame) {
      latest = frame;
      transports.update(frame.status.transport, frame.status.controllerTimeMs);
      const url = frame.status.show?.packageUrl ?? '';
      if (url === '') {
        loaded = null;
        loadingUrl = '';
        setText(note, 'No show loaded.');
      } else if (url !== loadingUrl && url !== loaded?.url) {
        void load(url);
      }
      schedule();
    },
  };
}
