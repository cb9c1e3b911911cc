/**
 * crowdlight's built-in 5x7 pixel font, used to turn text assets into bitmaps so a word can
 * be drawn across the crowd without images, canvas or font files. Each glyph is seven rows of
 * five pixels ('#' ink, '.' empty). Lower-case letters render as capitals.
 */

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

// prettier-ignore
const GLYPHS: Record<string, string> = {
  'A': '.###. #...# #...# ##### #...# #...# #...#',
  'B': '####. #...# #...# ####. #...# #...# ####.',
  'C': '.###. #...# #.... #.... #.... #...# .###.',
  'D': '####. #...# #...# #...# #...# #...# ####.',
  'E': '##### #.... #.... ####. #.... #.... #####',
  'F': '##### #.... #.... ####. #.... #.... #....',
  'G': '.###. #...# #.... #.### #...# #...# .####',
  'H': '#...# #...# #...# ##### #...# #...# #...#',
  'I': '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  'J': '..### ...#. ...#. ...#. ...#. #..#. .##..',
  'K': '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
  'L': '#.... #.... #.... #.... #.... #.... #####',
  'M': '#...# ##.## #.#.# #.#.# #...# #...# #...#',
  'N': '#...# #...# ##..# #.#.# #..## #...# #...#',
  'O': '.###. #...# #...# #...# #...# #...# .###.',
  'P': '####. #...# #...# ####. #.... #.... #....',
  'Q': '.###. #...# #...# #...# #.#.# #..#. .##.#',
  'R': '####. #...# #...# ####. #.#.. #..#. #...#',
  'S': '.#### #.... #.... .###. ....# ....# ####.',
  'T': '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
  'U': '#...# #...# #...# #...# #...# #...# .###.',
  'V': '#...# #...# #...# #...# #...# .#.#. ..#..',
  'W': '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  'X': '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
  'Y': '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  'Z': '##### ....# ...#. ..#.. .#... #.... #####',
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '####. ....# ....# .###. ....# ....# ####.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  ' ': '..... ..... ..... ..... ..... ..... .....',
  '!': '..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..',
  '?': '.###. #...# ....# ...#. ..#.. ..... ..#..',
  '.': '..... ..... ..... ..... ..... ..... ..#..',
  ',': '..... ..... ..... ..... ..... ..#.. .#...',
  '-': '..... ..... ..... .###. ..... ..... .....',
  ':': '..... ..... ..#.. ..... ..... ..#.. .....',
  "'": '..#.. ..#.. ..... ..... ..... ..... .....',
  '+': '..... ..#.. ..#.. ##### ..#.. ..#.. .....',
  '/': '....# ....# ...#. ..#.. .#... #.... #....',
  '&': '.##.. #..#. #.#.. .#... #.#.# #..#. .##.#',
  '#': '.#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.',
  '*': '..... #.#.# .###. ##### .###. #.#.# .....',
};

/** Characters the font can draw (after upper-casing). */
export const PIXEL_FONT_CHARSET: string = Object.keys(GLYPHS).join('');

/** True when every character of `text` has a glyph. */
export function canRenderText(text: string): boolean {
  return unsupportedChars(text).length === 0;
}

/** The distinct characters of `text` the font cannot draw. */
export function unsupportedChars(text: string): string[] {
  const bad = new Set<string>();
  for (const ch of text.toUpperCase()) if (GLYPHS[ch] === undefined) bad.add(ch);
  return [...bad];
}

export interface TextBitmap {
  width: number;
  height: number;
  /** One byte per pixel, 1 for ink, row-major from the top-left. */
  ink: Uint8Array;
}

/** The glyphs `text` is drawn with: upper-cased, one per code point. Upper-casing can
 *  lengthen text ("ß" draws as "SS"), so sizes must be measured on this, not on `text`. */
function glyphsOf(text: string): string[] {
  return [...text.toUpperCase()];
}

function layout(glyphs: number, letterSpacing: number, padding: number) {
  const spacing = Math.max(0, Math.floor(letterSpacing));
  const pad = Math.max(0, Math.floor(padding));
  const inner = glyphs === 0 ? 0 : glyphs * GLYPH_WIDTH + (glyphs - 1) * spacing;
  return { spacing, pad, width: inner + 2 * pad, height: GLYPH_HEIGHT + 2 * pad };
}

/** Pixel size of `renderText(text, letterSpacing, padding)` without drawing it. */
export function textSize(text: string, letterSpacing = 1, padding = 0): { width: number; height: number } {
  const { width, height } = layout(glyphsOf(text).length, letterSpacing, padding);
  return { width, height };
}

/** Lays `text` out on one line; unsupported characters render as blanks. */
export function renderText(text: string, letterSpacing = 1, padding = 0): TextBitmap {
  const chars = glyphsOf(text);
  const { spacing, pad, width, height } = layout(chars.length, letterSpacing, padding);
  const ink = new Uint8Array(width * height);
  chars.forEach((ch, i) => {
    const glyph = GLYPHS[ch];
    if (glyph === undefined) return;
    const left = pad + i * (GLYPH_WIDTH + spacing);
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      for (let col = 0; col < GLYPH_WIDTH; col++) {
        if (glyph[row * (GLYPH_WIDTH + 1) + col] === '#') ink[(pad + row) * width + left + col] = 1;
      }
    }
  });
  return { width, height, ink };
}
