import { DEFAULT_DESIGN, type CueDesign } from './cue-design.ts';

/** A one-press cue on the palette; the first nine also fire with keys 1–9. */
export interface PalettePreset {
  id: string;
  label: string;
  design: CueDesign;
}

function preset(id: string, label: string, design: Partial<CueDesign>): PalettePreset {
  return { id, label, design: Object.freeze({ ...DEFAULT_DESIGN, ...design }) };
}

/**
 * The built-in palette. Strobes stay at or under 3 flashes a second (the photosensitive
 * threshold) unless the operator designs a faster one deliberately.
 */
export const PALETTE_PRESETS: readonly PalettePreset[] = Object.freeze([
  preset('red', 'Red', { kind: 'solid', color: '#ff0000' }),
  preset('green', 'Green', { kind: 'solid', color: '#00ff3c' }),
  preset('blue', 'Blue', { kind: 'solid', color: '#0050ff' }),
  preset('white', 'White', { kind: 'solid', color: '#ffffff' }),
  preset('amber', 'Amber', { kind: 'solid', color: '#ffb000' }),
  preset('magenta', 'Magenta', { kind: 'solid', color: '#ff00c8' }),
  preset('cyan', 'Cyan', { kind: 'solid', color: '#00e5ff' }),
  preset('strobe', 'Strobe 3 Hz', { kind: 'strobe', color: '#ffffff', rateHz: 3, duty: 0.25 }),
  preset('pulse', 'Pulse 120', { kind: 'pulse', color: '#ffffff', bpm: 120 }),
  preset('wave-east', 'Wave →', { kind: 'wave', color: '#00e5ff', angle: 0, speed: 60, width: 40 }),
  preset('wave-north', 'Wave ↑', { kind: 'wave', color: '#ff2d95', angle: 90, speed: 60, width: 40 }),
  preset('ripple', 'Ripple', { kind: 'ripple', color: '#ffd000', speed: 40, width: 20 }),
  preset('sparkle', 'Sparkle', { kind: 'sparkle', color: '#fff6d8', density: 0.15, rateHz: 6 }),
  preset('sunset', 'Gradient', { kind: 'gradient', color: '#ff5a00', color2: '#4b00ff', angle: 90, speed: 0 }),
  preset('fade-out', 'Fade out', { kind: 'fade', color: '#ffffff', color2: '#000000', fadeMs: 3000 }),
  preset('dark', 'Dark', { kind: 'blackout' }),
]);

