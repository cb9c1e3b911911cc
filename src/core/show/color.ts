import type { BlendMode, Color } from './types.ts';

/** A colour as three 0-255 channel values (not necessarily integers while blending). */
export type Channels = readonly [number, number, number];

const HEX6 = /^#[0-9a-fA-F]{6}$/;
const HEX3 = /^#[0-9a-fA-F]{3}$/;

/** True for `#rrggbb` and `#rgb`. */
export function isColor(value: unknown): value is Color {
  return typeof value === 'string' && (HEX6.test(value) || HEX3.test(value));
}

/** Parses `#rrggbb` / `#rgb` into channels; throws a RangeError on anything else. */
export function parseColor(color: Color): Channels {
  if (HEX6.test(color)) {
    const n = parseInt(color.slice(1), 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  if (HEX3.test(color)) {
    const r = parseInt(color[1]!, 16);
    const g = parseInt(color[2]!, 16);
    const b = parseInt(color[3]!, 16);
    return [r * 17, g * 17, b * 17];
  }
  throw new RangeError(`not a colour: ${JSON.stringify(color)} (expected #rrggbb)`);
}

/** Formats channels as `#rrggbb` (rounded and clamped). */
export function formatColor(c: ArrayLike<number>): Color {
  let s = '#';
  for (let i = 0; i < 3; i++) {
    const v = Math.max(0, Math.min(255, Math.round(c[i]!)));
    s += v.toString(16).padStart(2, '0');
  }
  return s;
}

/** Combines one channel of the layer below (a) with one channel of the cue (b), 0-255. */
export function blendChannel(mode: BlendMode, a: number, b: number): number {
  switch (mode) {
    case 'replace':
      return b;
    case 'add': {
      const s = a + b;
      return s > 255 ? 255 : s;
    }
    case 'multiply':
      return (a * b) / 255;
    case 'max':
      return a > b ? a : b;
    case 'screen':
      return 255 - ((255 - a) * (255 - b)) / 255;
  }
}
