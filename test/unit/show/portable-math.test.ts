import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineDigest } from './fixtures/engine-digest.ts';

/**
 * The renderer and the venue layout promise the same bits on every JavaScript engine, so
 * their source may only use operations ECMAScript specifies exactly. This test reads every
 * file under src/core/show and src/core/venue, blanks out comments, strings and regular
 * expressions, and reports any Math member outside the allow-list (Math.sin, Math.exp,
 * Math.pow, Math.hypot, ... are "implementation-approximated"; core/show/exact-math.ts has
 * the portable versions), the `**` operator (the same as Math.pow), and locale-dependent
 * formatting.
 */

const ROOT = join(import.meta.dir, '../../..');
const SCANNED_DIRS = ['src/core/show', 'src/core/venue'];

/** Math members whose results IEEE 754 / ECMAScript pin down exactly, and exact constants. */
const ALLOWED_MATH = new Set([
  'abs', 'ceil', 'floor', 'round', 'trunc', 'sign', 'min', 'max', 'sqrt', 'fround', 'imul', 'clz32',
  'PI', 'E', 'LN2', 'LN10', 'LOG2E', 'LOG10E', 'SQRT2', 'SQRT1_2',
]);

/** After one of these characters (or at the start) a `/` opens a regular expression, not a division. */
const BEFORE_REGEX = new Set(['', '(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);

/**
 * The source with comments, string and template text and regular expressions replaced by
 * spaces (newlines kept, so offsets and line numbers still match). Template substitutions
 * (`${...}`) stay code.
 */
function codeOnly(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  /** Brace depth at which each open template substitution returns to its template. */
  const templates: number[] = [];
  let depth = 0;
  let last = '';
  let i = 0;
  const skipTemplateText = () => {
    // From just after a backtick or a substitution's closing brace to the next `${` or backtick.
    const start = i;
    while (i < src.length) {
      if (src[i] === '\\') i += 2;
      else if (src[i] === '`') {
        i++;
        blank(start, i - 1);
        return;
      } else if (src[i] === '$' && src[i + 1] === '{') {
        blank(start, i);
        i += 2;
        templates.push(depth);
        depth++;
        return;
      } else i++;
    }
    blank(start, i);
  };
  while (i < src.length) {
    const c = src[i]!;
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === "'" || c === '"') {
      const start = i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      i++;
      blank(start + 1, i - 1);
      last = c;
    } else if (c === '`') {
      i++;
      skipTemplateText();
      last = '`';
    } else if (c === '/' && (BEFORE_REGEX.has(last) || /\b(return|typeof|case|of|in)$/.test(src.slice(Math.max(0, i - 8), i).trimEnd()))) {
      const start = i++;
      let inClass = false;
      while (i < src.length && src[i] !== '\n') {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        else if (src[i] === '/' && !inClass) break;
        i++;
      }
      i++;
      blank(start + 1, i - 1);
      last = '/';
    } else {
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          i++;
          skipTemplateText();
          last = '`';
          continue;
        }
      }
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  return out.join('');
}

/** Problems in one source text, as "file:line: what". */
function nonPortableMath(fileName: string, text: string): string[] {
  const code = codeOnly(text);
  const found: { at: number; what: string }[] = [];
  for (const m of code.matchAll(/\bMath\s*\.\s*([A-Za-z_$][\w$]*)/g)) {
    if (!ALLOWED_MATH.has(m[1]!)) found.push({ at: m.index, what: `Math.${m[1]}` });
  }
  for (const m of code.matchAll(/\bMath\s*\[/g)) found.push({ at: m.index, what: 'Math[...] (write Math.name)' });
  for (const m of code.matchAll(/\bMath\b(?!\s*[.[])/g)) found.push({ at: m.index, what: 'Math aliased or taken apart' });
  for (const m of code.matchAll(/\*\*/g)) found.push({ at: m.index, what: 'the ** operator' });
  for (const m of code.matchAll(/\bIntl\b/g)) found.push({ at: m.index, what: 'Intl (locale-dependent)' });
  for (const m of code.matchAll(/\.\s*(toLocale\w*)/g)) found.push({ at: m.index, what: `${m[1]} (locale-dependent)` });
  return found
    .sort((a, b) => a.at - b.at)
    .map(({ at, what }) => `${fileName}:${text.slice(0, at).split('\n').length}: ${what}`);
}

function scannedFiles(): string[] {
  return SCANNED_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
  ).sort();
}

describe('portable math', () => {
  test('portable math - core/show and core/venue use no engine-approximated Math function, ** or locale formatting', () => {
    const files = scannedFiles();
    // The scan covers the renderer, the effects and the venue layout (it is not vacuous).
    for (const f of ['src/core/show/render.ts', 'src/core/show/effects/temporal.ts', 'src/core/show/exact-math.ts', 'src/core/venue/seat-layout.ts', 'src/core/venue/demo-stadium.ts']) {
      expect(files).toContain(f);
    }
    const problems = files.flatMap((f) => nonPortableMath(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(problems).toEqual([]);
  });

  test('portable math - the scan catches every form it forbids and ignores comments and strings', () => {
    const bad = [
      'const a = Math.sin(x);',
      'const a = Math.cos(x) + 1;',
      'const a = Math.exp(-6 * p);',
      'const a = Math.pow(2, k);',
      'const a = Math.atan2(y, x);',
      'const a = Math.hypot(x, y);',
      'const a = Math.log(x);',
      'const a = Math.random();',
      "const a = Math['tan'](x);",
      "const a = Math['floor'](x);",
      'const a = Math[name](x);',
      'const { sin, cos } = Math;',
      'const M = Math;',
      'const a = x ** 0.5;',
      'let a = 2; a **= 3;',
      'const s = v.toLocaleString();',
      "const f = new Intl.NumberFormat('en');",
    ];
    for (const line of bad) expect({ line, found: nonPortableMath('x.ts', line).length }).toEqual({ line, found: 1 });
    const fine = [
      '// Math.sin(x) in a comment, a ** b too',
      '/** Math.exp and x ** 2 in a doc comment */',
      "const s = 'Math.cos(x) ** 2';",
      'const t = `Math.atan2 ${1 + 2}`;',
      'const a = Math.sqrt(x * x + y * y) * Math.PI + Math.fround(v) + Math.imul(a, b);',
      'const b = Math.floor(x) + Math.round(y) + Math.abs(z) + Math.min(1, 2) + Math.max(3, 4) + Math.trunc(w);',
      "const r = /Math.sin|a**b/.test(s) ? 1 / 2 : 'x';",
      'const u = `${`Math.exp ${Math.floor(x)}`} ** ${{ a: 1 }.a}`;',
      'const w = a / b / c;',
      'const d = v.toFixed(2) + (255).toString(16);',
    ];
    for (const line of fine) expect({ line, found: nonPortableMath('x.ts', line) }).toEqual({ line, found: [] });
  });
});

describe('portable math across engines', () => {
  const node = Bun.which('node');

  test.skipIf(node === null)('portable math - Node (V8) computes the same math, venue geometry and frames as Bun (JavaScriptCore)', async () => {
    const built = await Bun.build({ entrypoints: [join(import.meta.dir, 'fixtures/engine-digest-main.ts')], target: 'node', format: 'esm' });
    expect(built.success).toBe(true);
    const script = await built.outputs[0]!.text();
    const run = Bun.spawnSync([node!, '--input-type=module', '-'], { stdin: new TextEncoder().encode(script) });
    expect(run.stderr.toString()).toBe('');
    expect(run.exitCode).toBe(0);
    const v8 = JSON.parse(run.stdout.toString()) as Record<string, string>;
    const here = engineDigest();
    expect(Object.keys(here).length).toBe(10);
    expect(v8).toEqual(here);
  });
});
