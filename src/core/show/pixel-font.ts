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

/** Lays `text` out on one line; unsupported characters render as blanks. */
export function renderText(text: string, letterSpacing = 1, padding = 0): TextBitmap {
  const chars = [...text.toUpperCase()];
  const spacing = Math.max(0, Math.floor(letterSpacing));
  const pad = Math.max(0, Math.floor(padding));
  const inner = chars.length === 0 ? 0 : chars.length * GLYPH_WIDTH + (chars.length - 1) * spacing;
  const width = inner + 2 * pad;
  const height = GLYPH_HEIGHT + 2 * pad;
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
