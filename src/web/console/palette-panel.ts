import type { ConsoleActions, ViewFrame } from './actions.ts';
import { describeError } from './api-error.ts';
import type { ApiVenue } from './api-types.ts';
import { DEFAULT_DESIGN, DEFAULT_GEOMETRY, LIVE_EFFECT_KINDS, buildEffect, effectWarnings, type CueDesign, type LiveEffectKind, type VenueGeometry } from './cue-design.ts';
import { cueRequest, type CuePlacement } from './cue-request.ts';
import { confirmButton, el, field, setText } from './dom.ts';
import { PALETTE_PRESETS, type PalettePreset } from './palette-presets.ts';
import { effectSwatch } from './status-view-model.ts';
import { targetOptions } from './targets.ts';

export interface PalettePanel {
  root: HTMLElement;
  update(frame: ViewFrame): void;
  /** Fires preset `index` (keys 1–9) with the chosen target and duration. */
  firePreset(index: number): void;
  /** Venue extent for waves, ripples and gradients (from the show package's venue). */
  setGeometry(g: VenueGeometry): void;
}

type NumberField = 'rateHz' | 'duty' | 'bpm' | 'angle' | 'speed' | 'width' | 'density' | 'fadeMs';

/** The fields each kind of effect uses in the designer. */
const KIND_FIELDS: Record<LiveEffectKind, { color: boolean; color2: 'none' | 'always' | 'background'; numbers: NumberField[] }> = {
  solid: { color: true, color2: 'none', numbers: [] },
  fade: { color: true, color2: 'always', numbers: ['fadeMs'] },
  strobe: { color: true, color2: 'background', numbers: ['rateHz', 'duty'] },
  pulse: { color: true, color2: 'background', numbers: ['bpm'] },
  wave: { color: true, color2: 'none', numbers: ['angle', 'speed', 'width'] },
  ripple: { color: true, color2: 'none', numbers: ['speed', 'width'] },
  sparkle: { color: true, color2: 'none', numbers: ['density', 'rateHz'] },
  gradient: { color: true, color2: 'always', numbers: ['angle', 'speed'] },
  blackout: { color: false, color2: 'none', numbers: [] },
};

const NUMBER_LABELS: Record<NumberField, [string, string]> = {
  rateHz: ['Rate (Hz)', '0.1'],
  duty: ['Duty (0–1)', '0.05'],
  bpm: ['Tempo (bpm)', '1'],
  angle: ['Direction (°, 0 = east)', '15'],
  speed: ['Speed (m/s)', '5'],
  width: ['Width (m)', '5'],
  density: ['Density (0–1)', '0.05'],
  fadeMs: ['Fade length (ms)', '250'],
};

function presetButton(p: PalettePreset, index: number, onFire: () => void): HTMLButtonElement {
  const effect = buildEffect(p.design);
  const swatch = el('span', { class: 'swatch' });
  if (effect.kind === 'gradient') swatch.style.background = `linear-gradient(90deg, ${p.design.color}, ${p.design.color2})`;
  else swatch.style.background = effectSwatch(effect) ?? '#000';
  if (effect.kind === 'blackout') swatch.style.border = '1px solid #444';
  const button = el('button', { class: 'preset', attrs: { 'data-preset': p.id }, title: `Fire ${p.label}`, onClick: onFire }, swatch, el('span', { text: p.label }));
  if (index < 9) button.append(el('span', { class: 'key', text: `key ${index + 1}` }));
  return button;
}

/**
 * The live-cue palette: where (everyone, a zone, a section), for how long (or until
 * cancelled), one-press presets, and a designer for any live effect kind.
 */
export function createPalettePanel(actions: ConsoleActions): PalettePanel {
  let venue: ApiVenue | null = null;
  let venueKey = '';
  let geometry: VenueGeometry = DEFAULT_GEOMETRY;

  const target = el('select', { id: 'target-select', attrs: { 'aria-label': 'target' } });
  const duration = el('input', { id: 'duration-input', type: 'number', attrs: { min: '0.1', step: '0.5', value: '10', 'aria-label': 'duration in seconds' } });
  const untilCancelled = el('input', { id: 'until-cancelled', type: 'checkbox' });
  untilCancelled.addEventListener('change', () => {
    duration.disabled = untilCancelled.checked;
  });

  const placement = (): CuePlacement => ({ targetValue: target.value, durationSeconds: Number(duration.value), untilCancelled: untilCancelled.checked });
  const fire = (design: CueDesign) => {
    try {
      actions.fireCue(cueRequest(design, placement(), venue, geometry));
    } catch (err) {
      actions.report(describeError(err));
    }
  };

  const presets = el('div', { class: 'presets' });
  PALETTE_PRESETS.forEach((p, i) => presets.append(presetButton(p, i, () => fire(p.design))));

  // The designer.
  const design: CueDesign = { ...DEFAULT_DESIGN };
  const kind = el('select', { id: 'design-kind', attrs: { 'aria-label': 'effect kind' } });
  for (const k of LIVE_EFFECT_KINDS) kind.append(el('option', { text: k, attrs: { value: k } }));
  const color = el('input', { id: 'design-color', type: 'color', attrs: { value: design.color } });
  const color2 = el('input', { id: 'design-color2', type: 'color', attrs: { value: design.color2 } });
  const useBackground = el('input', { id: 'design-background', type: 'checkbox' });
  const colorField = field('Colour', color);
  const color2Field = field('Second colour', color2);
  const backgroundField = field('background', useBackground, true);
  const numbers = new Map<NumberField, { input: HTMLInputElement; wrap: HTMLLabelElement }>();
  for (const [name, [caption, step]] of Object.entries(NUMBER_LABELS) as [NumberField, [string, string]][]) {
    const input = el('input', { type: 'number', attrs: { step, value: String(design[name]), 'data-field': name } });
    numbers.set(name, { input, wrap: field(caption, input) });
  }
  const warning = el('div', { class: 'level-warn', attrs: { role: 'status' } });
  // Fast flashing is a photosensitive-epilepsy risk: such a cue wants a second press.
  let flashWarning = false;
  const fireDesign = confirmButton({ id: 'btn-fire-design', class: 'primary' }, 'Fire cue', 'Press again: fast flashing', () => fire({ ...readDesign() }), () => flashWarning);

  const readDesign = (): CueDesign => {
    design.kind = kind.value as LiveEffectKind;
    design.color = color.value;
    design.color2 = color2.value;
    design.useBackground = useBackground.checked;
    for (const [name, { input }] of numbers) design[name] = Number(input.value);
    return design;
  };
  const refreshDesigner = () => {
    const d = readDesign();
    const f = KIND_FIELDS[d.kind];
    colorField.classList.toggle('hidden', !f.color);
    backgroundField.classList.toggle('hidden', f.color2 !== 'background');
    color2Field.classList.toggle('hidden', f.color2 === 'none' || (f.color2 === 'background' && !d.useBackground));
    setText(color2Field.firstChild!, f.color2 === 'background' ? 'Background' : d.kind === 'fade' ? 'To' : 'Second colour');
    for (const [name, { wrap }] of numbers) wrap.classList.toggle('hidden', !f.numbers.includes(name));
    setText(numbers.get('speed')!.wrap.firstChild!, d.kind === 'gradient' ? 'Scroll (m/s, 0 = still)' : NUMBER_LABELS.speed[0]);
    let text = '';
    flashWarning = false;
    try {
      const warnings = effectWarnings(buildEffect(d, geometry));
      flashWarning = warnings.length > 0;
      text = warnings.map((w) => `⚠ ${w}`).join(' ');
    } catch (err) {
      text = describeError(err);
    }
    setText(warning, text);
  };
  kind.addEventListener('change', refreshDesigner);
  for (const input of [color, color2, useBackground, ...[...numbers.values()].map((n) => n.input)]) input.addEventListener('input', refreshDesigner);
  refreshDesigner();

  const root = el(
    'section',
    { class: 'panel palette' },
    el('h2', { text: 'Live cues' }),
    el('div', { class: 'row', attrs: { style: 'margin-bottom:12px' } }, field('Target', target), field('Duration (s)', duration), field('until cancelled', untilCancelled, true)),
    presets,
    el('details', { class: 'designer' }, el('summary', { text: 'Design a cue', attrs: { style: 'cursor:pointer;min-height:32px' } }),
      el('div', { class: 'params', attrs: { style: 'margin-top:10px' } }, field('Effect', kind), colorField, backgroundField, color2Field, ...[...numbers.values()].map((n) => n.wrap)),
      el('div', { class: 'row', attrs: { style: 'margin-top:10px' } }, fireDesign, warning)),
  );

  return {
    root,
    update({ status }) {
      const key = status.venue ? `${status.venue.id}:${status.venue.zones.length}:${status.venue.sections.length}` : '';
      venue = status.venue;
      if (key === venueKey) return;
      venueKey = key;
      const keep = target.value;
      target.replaceChildren();
      const groups = new Map<string, HTMLElement>();
      for (const o of targetOptions(venue)) {
        let parent: HTMLElement = target;
        if (o.group !== 'all') {
          parent = groups.get(o.group) ?? target.appendChild(el('optgroup', { attrs: { label: o.group === 'zones' ? 'Zones' : 'Sections' } }));
          groups.set(o.group, parent);
        }
        parent.append(el('option', { text: o.label, attrs: { value: o.value } }));
      }
      target.value = [...target.options].some((o) => o.value === keep) ? keep : 'all';
    },
    firePreset(index) {
      const p = PALETTE_PRESETS[index];
      if (p) fire(p.design);
    },
    setGeometry(g) {
      geometry = g;
      refreshDesigner();
    },
  };
}
