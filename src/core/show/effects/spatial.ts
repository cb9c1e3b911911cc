import { parseColor, type Channels } from '../color.ts';
import type { GradientEffect, RippleEffect, WaveEffect } from '../types.ts';
import { bandIntensity, direction, paint, type EffectFn } from './effect-fn.ts';

/** Effects whose colour depends on where the seat is. */

/**
 * A straight front travelling at `speed` m/s along `angle`. A seat at distance d (metres,
 * measured from `origin` along the direction) lights when the front reaches it, at cue-local
 * time t = d / speed, and stays lit while the band of `width` metres passes. The front starts
 * at the origin, so seats behind it (d < 0) stay dark rather than flashing on at t = 0 under
 * the part of the band that trails the starting front.
 */
export function compileWave(e: WaveEffect): EffectFn {
  const c = parseColor(e.color);
  const bg = e.background === undefined ? null : parseColor(e.background);
  const [dx, dy] = direction(e.angle);
  const ox = e.origin?.x ?? 0;
  const oy = e.origin?.y ?? 0;
  const speedPerMs = e.speed / 1000;
  const tail = e.tail ?? 0.5;
  const period = e.periodMs ?? 0;
  return (out, localMs, seat) => {
    const t = period > 0 ? localMs - Math.floor(localMs / period) * period : localMs;
    const d = (seat.x - ox) * dx + (seat.y - oy) * dy;
    paint(out, c, bg, d < 0 ? 0 : bandIntensity(t * speedPerMs - d, e.width, tail));
  };
}

/** Rings spreading from `center`: ring k's front is at radius speed * t - k * spacing. */
export function compileRipple(e: RippleEffect): EffectFn {
  const c = parseColor(e.color);
  const bg = e.background === undefined ? null : parseColor(e.background);
  const cx = e.center.x;
  const cy = e.center.y;
  const speedPerMs = e.speed / 1000;
  const rings = e.rings ?? 1;
  const spacing = e.spacing ?? 2 * e.width;
  const tail = e.tail ?? 0.5;
  return (out, localMs, seat) => {
    const ddx = seat.x - cx;
    const ddy = seat.y - cy;
    const rho = Math.sqrt(ddx * ddx + ddy * ddy);
    const front = localMs * speedPerMs;
    let best = 0;
    for (let k = 0; k < rings; k++) {
      const v = bandIntensity(front - k * spacing - rho, e.width, tail);
      if (v > best) best = v;
    }
    paint(out, c, bg, best);
  };
}

/** Colour ramp along a direction, optionally scrolling; stops are sorted by `at`. */
export function compileGradient(e: GradientEffect): EffectFn {
  const [dx, dy] = direction(e.angle);
  const ox = e.origin?.x ?? 0;
  const oy = e.origin?.y ?? 0;
  const scrollPerMs = (e.scroll ?? 0) / 1000;
  const repeat = e.repeat ?? (scrollPerMs !== 0 ? 'repeat' : 'clamp');
  const stops = [...e.stops].sort((a, b) => a.at - b.at);
  const at = stops.map((s) => s.at);
  const colors: Channels[] = stops.map((s) => parseColor(s.color));
  const last = stops.length - 1;
  return (out, localMs, seat) => {
    const d = (seat.x - ox) * dx + (seat.y - oy) * dy;
    let u = (d - localMs * scrollPerMs) / e.length;
    if (repeat === 'repeat') u -= Math.floor(u);
    else if (repeat === 'mirror') {
      const m = u - 2 * Math.floor(u / 2);
      u = m > 1 ? 2 - m : m;
    }
    let a: Channels;
    let b: Channels;
    let p: number;
    if (u <= at[0]!) {
      a = b = colors[0]!;
      p = 0;
    } else if (u >= at[last]!) {
      a = b = colors[last]!;
      p = 0;
    } else {
      let i = 0;
      while (i < last - 1 && u >= at[i + 1]!) i++;
      a = colors[i]!;
      b = colors[i + 1]!;
      const span = at[i + 1]! - at[i]!;
      p = span > 0 ? (u - at[i]!) / span : 1;
    }
    out[0] = a[0] + (b[0] - a[0]) * p;
    out[1] = a[1] + (b[1] - a[1]) * p;
    out[2] = a[2] + (b[2] - a[2]) * p;
    out[3] = 1;
  };
}
