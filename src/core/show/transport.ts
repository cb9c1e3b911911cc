import { MAX_TRANSPORT_RATE } from '../protocol/constants.ts';
import { TransportError } from './errors.ts';

/**
 * The transport: where the show timeline is at any controller instant. It is a plain value
 * (no timers): "playing" stores an anchor, so position = anchorShowMs + (now -
 * anchorControllerMs) * rate, and every renderer that knows controller time computes the same
 * position. Every operation takes the controller instant at which it takes effect and returns
 * a value that holds from that instant (its `anchorControllerMs`), so the controller can
 * broadcast any change (blackout and stop included) ahead of time; a receiver keeps the
 * previous value until then (`transportAt`).
 */
export type TransportMode = 'stopped' | 'playing' | 'paused';

export interface Transport {
  readonly mode: TransportMode;
  /** Controller time (ms) from which this transport holds, and at which `anchorShowMs`
   *  applies. */
  readonly anchorControllerMs: number;
  /** Show position (ms) at the anchor; the held position while paused; 0 when stopped. */
  readonly anchorShowMs: number;
  /** Show milliseconds per controller millisecond, in (0, 64] and float32-exact (the wire's
   *  `transportState.rate`); 1 is normal speed. */
  readonly rate: number;
  /** Blackout overrides everything (timeline and live cues) while set. */
  readonly blackout: boolean;
}

export const STOPPED: Transport = Object.freeze({
  mode: 'stopped',
  anchorControllerMs: 0,
  anchorShowMs: 0,
  rate: 1,
  blackout: false,
});

function checkTime(name: string, v: number): void {
  if (!Number.isFinite(v)) throw new TransportError('invalid-time', `${name} must be a finite number of ms`);
}
/**
 * The rate as the wire carries it: a float32 in (0, MAX_TRANSPORT_RATE]. Storing the rounded
 * value means the controller's own position arithmetic is the phones' to the bit, and a
 * transport that can be made can always be broadcast.
 */
function checkRate(rate: number): number {
  const r = Math.fround(rate);
  if (!Number.isFinite(rate) || !(r > 0) || r > MAX_TRANSPORT_RATE) {
    throw new TransportError('invalid-rate', `rate must be > 0 and <= ${MAX_TRANSPORT_RATE}, got ${rate}`);
  }
  return r;
}

/** Show position at a controller instant, or null when stopped (no timeline is rendered). */
export function showPositionAt(t: Transport, controllerMs: number): number | null {
  switch (t.mode) {
    case 'stopped':
      return null;
    case 'paused':
      return t.anchorShowMs;
    case 'playing':
      return t.anchorShowMs + (controllerMs - t.anchorControllerMs) * t.rate;
  }
}

/** Starts (or keeps) playing from the current position at `atControllerMs`. */
export function play(t: Transport, atControllerMs: number, rate: number = t.rate): Transport {
  checkTime('atControllerMs', atControllerMs);
  const r = checkRate(rate);
  const position = showPositionAt(t, atControllerMs) ?? 0;
  return { mode: 'playing', anchorControllerMs: atControllerMs, anchorShowMs: position, rate: r, blackout: t.blackout };
}

/** Holds the position reached at `atControllerMs`. Pausing a stopped transport is a no-op. */
export function pause(t: Transport, atControllerMs: number): Transport {
  checkTime('atControllerMs', atControllerMs);
  if (t.mode === 'stopped') return t;
  const position = showPositionAt(t, atControllerMs) ?? 0;
  return { mode: 'paused', anchorControllerMs: atControllerMs, anchorShowMs: position, rate: t.rate, blackout: t.blackout };
}

/** Jumps to `positionMs` at `atControllerMs`; playing keeps playing, otherwise it pauses there. */
export function seek(t: Transport, atControllerMs: number, positionMs: number): Transport {
  checkTime('atControllerMs', atControllerMs);
  checkTime('positionMs', positionMs);
  const mode: TransportMode = t.mode === 'playing' ? 'playing' : 'paused';
  return { mode, anchorControllerMs: atControllerMs, anchorShowMs: positionMs, rate: t.rate, blackout: t.blackout };
}

/** Changes speed from `atControllerMs` without a jump in position. */
export function setRate(t: Transport, atControllerMs: number, rate: number): Transport {
  checkTime('atControllerMs', atControllerMs);
  const r = checkRate(rate);
  if (t.mode !== 'playing') return { ...t, anchorControllerMs: atControllerMs, rate: r };
  const position = showPositionAt(t, atControllerMs) ?? 0;
  return { mode: 'playing', anchorControllerMs: atControllerMs, anchorShowMs: position, rate: r, blackout: t.blackout };
}

/** Stops at `atControllerMs`: the timeline is no longer rendered and the position returns to
 *  0. Blackout is kept. */
export function stop(t: Transport, atControllerMs: number): Transport {
  checkTime('atControllerMs', atControllerMs);
  return { mode: 'stopped', anchorControllerMs: atControllerMs, anchorShowMs: 0, rate: t.rate, blackout: t.blackout };
}

/** Sets or clears blackout from `atControllerMs`, leaving the timeline running underneath
 *  (re-anchored there, so the position does not jump). Unchanged when already so. */
export function setBlackout(t: Transport, atControllerMs: number, on: boolean): Transport {
  checkTime('atControllerMs', atControllerMs);
  if (t.blackout === on) return t;
  return { ...t, anchorControllerMs: atControllerMs, anchorShowMs: showPositionAt(t, atControllerMs) ?? 0, blackout: on };
}

/**
 * The transport in force at `controllerMs`, given the one in force before (`current`) and a
 * newer one received ahead of time (`next`): `next` from its `anchorControllerMs` on,
 * `current` until then. A phone keeps the latest transport it received as `next` and
 * promotes it to `current` once its instant has passed.
 */
export function transportAt(current: Transport, next: Transport, controllerMs: number): Transport {
  return controllerMs >= next.anchorControllerMs ? next : current;
}
