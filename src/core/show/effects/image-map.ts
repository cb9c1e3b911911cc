import { parseColor } from '../color.ts';
import { cosDeg, sinDeg } from '../exact-math.ts';
import type { DecodedImage } from '../image.ts';
import type { ImageEffect } from '../types.ts';
import type { EffectContext, EffectFn } from './effect-fn.ts';

/**
 * Lays an image asset over the venue: the picture is scaled into `box` (venue metres; image
 * row 0 along the box's north edge, column 0 along its west edge) and each seat shows the
 * pixel under it (nearest-pixel sampling). `rotation` turns picture and box about the box
 * centre. With `scroll` the picture moves at that speed (metres per second, in the picture's
 * own axes); with `wrap` it tiles beyond the box along
 * the chosen axes, so a word can run as a marquee.
 */
export function compileImage(e: ImageEffect, ctx: EffectContext): EffectFn {
  const img: DecodedImage | undefined = ctx.images.get(e.asset);
  const bg = e.background === undefined ? null : parseColor(e.background);
  const vx = (e.scroll?.x ?? 0) / 1000;
  const vy = (e.scroll?.y ?? 0) / 1000;
  const wrap = e.wrap ?? 'none';
  const wrapX = wrap === 'x' || wrap === 'both';
  const wrapY = wrap === 'y' || wrap === 'both';
  let left = e.box.x;
  let top = e.box.y + e.box.height;
  let drawnW = e.box.width;
  let drawnH = e.box.height;
  if (img && (e.fit ?? 'stretch') === 'contain' && img.width > 0 && img.height > 0) {
    const metresPerPixel = Math.min(e.box.width / img.width, e.box.height / img.height);
    drawnW = img.width * metresPerPixel;
    drawnH = img.height * metresPerPixel;
    left += (e.box.width - drawnW) / 2;
    top -= (e.box.height - drawnH) / 2;
  }
  const cx = e.box.x + e.box.width / 2;
  const cy = e.box.y + e.box.height / 2;
  const rotation = e.rotation ?? 0;
  const cos = cosDeg(rotation);
  const sin = sinDeg(rotation);
  const rotated = rotation !== 0;
  return (out, localMs, seat) => {
    let sx = seat.x;
    let sy = seat.y;
    if (rotated) {
      // Into the picture's frame: rotate the seat by -rotation about the box centre.
      const dx = sx - cx;
      const dy = sy - cy;
      sx = cx + dx * cos + dy * sin;
      sy = cy - dx * sin + dy * cos;
    }
    if (!img || img.width === 0 || img.height === 0) {
      writeBackground(out, bg);
      return;
    }
    let u = (sx - vx * localMs - left) / drawnW;
    let v = (top - (sy - vy * localMs)) / drawnH;
    if (wrapX) u -= Math.floor(u);
    if (wrapY) v -= Math.floor(v);
    if (u < 0 || u >= 1 || v < 0 || v >= 1) {
      writeBackground(out, bg);
      return;
    }
    const px = Math.min(img.width - 1, Math.floor(u * img.width));
    const py = Math.min(img.height - 1, Math.floor(v * img.height));
    const o = (py * img.width + px) * 4;
    const alpha = img.rgba[o + 3]! / 255;
    if (bg && alpha < 1) {
      out[0] = bg[0] + (img.rgba[o]! - bg[0]) * alpha;
      out[1] = bg[1] + (img.rgba[o + 1]! - bg[1]) * alpha;
      out[2] = bg[2] + (img.rgba[o + 2]! - bg[2]) * alpha;
      out[3] = 1;
    } else {
      out[0] = img.rgba[o]!;
      out[1] = img.rgba[o + 1]!;
      out[2] = img.rgba[o + 2]!;
      out[3] = alpha;
    }
  };
}

function writeBackground(out: Float64Array, bg: readonly [number, number, number] | null): void {
  if (bg) {
    out[0] = bg[0];
    out[1] = bg[1];
    out[2] = bg[2];
    out[3] = 1;
  } else {
    out[3] = 0;
  }
}
