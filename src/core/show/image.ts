import { decodeBase64 } from './base64.ts';
import { parseColor } from './color.ts';
import { renderText } from './pixel-font.ts';
import type { Asset } from './types.ts';

/** A decoded picture: RGBA bytes, row-major from the top-left (alpha 0 = transparent). */
export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/**
 * Turns an image asset (raw RGB, palette-indexed rows or text) into RGBA pixels. Pure and
 * deterministic: no canvas, no image codecs, so every renderer sees identical pixels.
 * Assumes a validated asset; malformed data decodes to transparent pixels rather than throwing.
 */
export function decodeAsset(asset: Asset): DecodedImage {
  switch (asset.kind) {
    case 'rgb': {
      const { width, height } = asset;
      const rgba = new Uint8Array(width * height * 4);
      let bytes: Uint8Array;
      try {
        bytes = decodeBase64(asset.data);
      } catch {
        bytes = new Uint8Array(0);
      }
      const n = Math.min(width * height, Math.floor(bytes.length / 3));
      for (let i = 0; i < n; i++) {
        rgba[i * 4] = bytes[i * 3]!;
        rgba[i * 4 + 1] = bytes[i * 3 + 1]!;
        rgba[i * 4 + 2] = bytes[i * 3 + 2]!;
        rgba[i * 4 + 3] = 255;
      }
      return { width, height, rgba };
    }
    case 'indexed': {
      const { width, height } = asset;
      const rgba = new Uint8Array(width * height * 4);
      const palette = new Map<string, readonly [number, number, number] | null>();
      for (const [key, color] of Object.entries(asset.palette)) {
        palette.set(key, color === 'transparent' ? null : parseColor(color));
      }
      for (let y = 0; y < height; y++) {
        // One pixel per code point, as validation counts them (a palette key may be an emoji).
        const row = [...(asset.rows[y] ?? '')];
        for (let x = 0; x < width; x++) {
          const c = palette.get(row[x] ?? '');
          if (!c) continue;
          const o = (y * width + x) * 4;
          rgba[o] = c[0];
          rgba[o + 1] = c[1];
          rgba[o + 2] = c[2];
          rgba[o + 3] = 255;
        }
      }
      return { width, height, rgba };
    }
    case 'text': {
      const bitmap = renderText(asset.text, asset.letterSpacing ?? 1, asset.padding ?? 0);
      const ink = parseColor(asset.color ?? '#ffffff');
      const bg = asset.background === undefined ? null : parseColor(asset.background);
      const rgba = new Uint8Array(bitmap.width * bitmap.height * 4);
      for (let i = 0; i < bitmap.ink.length; i++) {
        const c = bitmap.ink[i] ? ink : bg;
        if (!c) continue;
        rgba[i * 4] = c[0];
        rgba[i * 4 + 1] = c[1];
        rgba[i * 4 + 2] = c[2];
        rgba[i * 4 + 3] = 255;
      }
      return { width: bitmap.width, height: bitmap.height, rgba };
    }
  }
}
