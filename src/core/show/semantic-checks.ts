import { base64DecodedLength, isBase64 } from './base64.ts';
import type { PathIssue } from './issue-format.ts';
import { formatPath } from './issue-format.ts';
import { MAX_ASSET_PIXELS } from './limits.ts';
import { unsupportedChars } from './pixel-font.ts';

/**
 * Rules that span fields, checked on the raw document so they are reported alongside schema
 * errors (a document with a bad colour and a cue past the end gets both messages). Every
 * check guards its own types and skips what the schema already rejects.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function semanticIssues(doc: unknown): PathIssue[] {
  const issues: PathIssue[] = [];
  if (!isObj(doc)) return issues;
  const add = (path: (string | number)[], message: string) => issues.push({ path: formatPath(path), message });

  const assets = isObj(doc.assets) ? doc.assets : {};
  let pixels = 0;
  for (const [id, asset] of Object.entries(assets)) {
    checkAsset(asset, ['assets', id], add);
    if (isObj(asset) && isNum(asset.width) && isNum(asset.height)) pixels += asset.width * asset.height;
  }
  if (pixels > MAX_ASSET_PIXELS) {
    add(['assets'], `images hold ${pixels} pixels in all; at most ${MAX_ASSET_PIXELS} (every phone decodes them all)`);
  }

  const durationMs = isNum(doc.durationMs) ? doc.durationMs : undefined;
  const cueIds = new Map<string, string>();
  const tracks = Array.isArray(doc.tracks) ? doc.tracks : [];
  tracks.forEach((track, ti) => {
    if (!isObj(track) || !Array.isArray(track.cues)) return;
    track.cues.forEach((cue, ci) => {
      if (!isObj(cue)) return;
      const base = ['tracks', ti, 'cues', ci];
      const { at, duration, fadeInMs, fadeOutMs, effect, id } = cue;
      if (durationMs !== undefined && isNum(at) && isNum(duration) && at + duration > durationMs) {
        add([...base, 'duration'], `cue ends at ${at + duration} ms, after the show's durationMs (${durationMs})`);
      }
      if (isNum(duration) && isNum(fadeInMs) && isNum(fadeOutMs) && fadeInMs + fadeOutMs > duration) {
        add([...base, 'fadeOutMs'], `fadeInMs + fadeOutMs (${fadeInMs + fadeOutMs}) exceeds the cue duration (${duration})`);
      } else {
        if (isNum(duration) && isNum(fadeInMs) && fadeInMs > duration) add([...base, 'fadeInMs'], `exceeds the cue duration (${duration})`);
        if (isNum(duration) && isNum(fadeOutMs) && fadeOutMs > duration) add([...base, 'fadeOutMs'], `exceeds the cue duration (${duration})`);
      }
      if (typeof id === 'string') {
        const first = cueIds.get(id);
        if (first !== undefined) add([...base, 'id'], `duplicate cue id "${id}" (first used at ${first})`);
        else cueIds.set(id, formatPath(base));
      }
      if (isObj(effect)) checkEffectRefs(effect, [...base, 'effect'], assets, add);
    });
  });
  return issues;
}

/** Checks an effect's references to show assets (also used for live cues). */
export function checkEffectRefs(
  effect: Obj,
  path: (string | number)[],
  assets: Obj,
  add: (path: (string | number)[], message: string) => void,
): void {
  // Own keys only: an asset named like an Object.prototype member ("constructor") must not
  // count as present when the show has no such asset.
  if (effect.kind === 'image' && typeof effect.asset === 'string' && !Object.hasOwn(assets, effect.asset)) {
    add([...path, 'asset'], `unknown asset "${effect.asset}"`);
  }
}

function checkAsset(asset: unknown, path: (string | number)[], add: (path: (string | number)[], message: string) => void): void {
  if (!isObj(asset)) return;
  const { width, height } = asset;
  const sized = Number.isInteger(width) && Number.isInteger(height);
  if (asset.kind === 'rgb' && typeof asset.data === 'string') {
    if (!isBase64(asset.data)) add([...path, 'data'], 'must be base64 (A-Z a-z 0-9 + /, optional = padding)');
    else if (sized) {
      const want = (width as number) * (height as number) * 3;
      const got = base64DecodedLength(asset.data);
      if (got !== want) add([...path, 'data'], `decodes to ${got} bytes, expected width*height*3 = ${want}`);
    }
  }
  if (asset.kind === 'indexed' && Array.isArray(asset.rows)) {
    const palette = isObj(asset.palette) ? asset.palette : {};
    for (const key of Object.keys(palette)) {
      if ([...key].length !== 1) add([...path, 'palette', key], 'palette keys must be single characters');
    }
    if (sized && asset.rows.length !== height) add([...path, 'rows'], `has ${asset.rows.length} rows, expected height = ${height}`);
    asset.rows.forEach((row, i) => {
      if (typeof row !== 'string') return;
      const chars = [...row];
      if (sized && chars.length !== width) add([...path, 'rows', i], `has ${chars.length} pixels, expected width = ${width}`);
      const unknown = [...new Set(chars.filter((c) => !Object.hasOwn(palette, c)))];
      if (unknown.length > 0) add([...path, 'rows', i], `uses keys not in the palette: ${unknown.map((c) => JSON.stringify(c)).join(', ')}`);
    });
  }
  if (asset.kind === 'text' && typeof asset.text === 'string') {
    const bad = unsupportedChars(asset.text);
    if (bad.length > 0) add([...path, 'text'], `the pixel font cannot draw ${bad.map((c) => JSON.stringify(c)).join(', ')}`);
  }
}
