/**
 * The pure parts of the console's venue preview: reading the show package, laying seats out
 * on a canvas, and keeping live-cue objects stable between polls (the renderer compiles each
 * cue object once, so a new object every poll would recompile every cue twice a second).
 */
import type { LiveCue } from '../../core/show/live-cue.ts';
import { transportAt, type Transport } from '../../core/show/transport.ts';
import type { Show } from '../../core/show/types.ts';
import type { Bounds, VenueSpec } from '../../core/venue/types.ts';
import { PackageError, parsePackage } from '../phone/package-loader.ts';
import type { ApiLiveCue } from './api-types.ts';

export class PreviewPackageError extends Error {
  readonly code = 'invalid-package';
  constructor(message: string) {
    super(message);
    this.name = 'PreviewPackageError';
  }
}

/**
 * The show and venue of a show package, read by the same check the phones use (the
 * controller validated both before packaging them, so only the envelope is checked).
 */
export function parseShowPackage(json: unknown): { show: Show; venue: VenueSpec } {
  try {
    return parsePackage(json);
  } catch (err) {
    throw err instanceof PackageError ? new PreviewPackageError(err.message) : err;
  }
}

export interface PreviewLayout {
  width: number;
  height: number;
  /** Canvas pixel index (y * width + x) of the top-left of every seat's 2x2 dot. */
  pixelOfSeat: Int32Array;
}

/**
 * Maps seats (x, y in metres, north up) to the pixels of a canvas whose longer side is
 * `size` pixels, keeping the venue's aspect ratio. Each seat is drawn as a 2x2 dot (rows
 * closer together than a pixel would otherwise leave gaps), so every dot fits inside the
 * canvas with a one-pixel margin around the venue.
 */
export function previewLayout(positions: Float32Array, seatCount: number, bounds: Bounds, size: number): PreviewLayout {
  const spanX = Math.max(bounds.maxX - bounds.minX, 1e-6);
  const spanY = Math.max(bounds.maxY - bounds.minY, 1e-6);
  const inner = Math.max(1, size - 3);
  const scale = inner / Math.max(spanX, spanY);
  const width = Math.round(spanX * scale) + 3;
  const height = Math.round(spanY * scale) + 3;
  const pixelOfSeat = new Int32Array(seatCount);
  for (let i = 0; i < seatCount; i++) {
    const px = Math.min(width - 2, Math.max(0, 1 + Math.round((positions[3 * i]! - bounds.minX) * scale)));
    const py = Math.min(height - 2, Math.max(0, 1 + Math.round((bounds.maxY - positions[3 * i + 1]!) * scale)));
    pixelOfSeat[i] = py * width + px;
  }
  return { width, height, pixelOfSeat };
}

/** Renderer live cues for the status's cues, reusing the object of a cue that did not change. */
export class LiveCueCache {
  private readonly byId = new Map<number, { source: ApiLiveCue; cue: LiveCue }>();
  private list: LiveCue[] = [];
  private lastInput: readonly ApiLiveCue[] | null = null;

  update(cues: readonly ApiLiveCue[]): readonly LiveCue[] {
    if (cues === this.lastInput) return this.list;
    this.lastInput = cues;
    const next: LiveCue[] = [];
    const seen = new Set<number>();
    for (const c of cues) {
      seen.add(c.cueId);
      const known = this.byId.get(c.cueId);
      if (known && known.source.startControllerMs === c.startControllerMs && known.source.durationMs === c.durationMs) {
        next.push(known.cue);
        continue;
      }
      const cue: LiveCue = { id: String(c.cueId), effect: c.effect, target: c.target, startControllerMs: c.startControllerMs, durationMs: c.durationMs };
      this.byId.set(c.cueId, { source: c, cue });
      next.push(cue);
    }
    for (const id of this.byId.keys()) if (!seen.has(id)) this.byId.delete(id);
    this.list = next;
    return next;
  }
}

function sameTransport(a: Transport, b: Transport): boolean {
  return a.mode === b.mode && a.anchorControllerMs === b.anchorControllerMs && a.anchorShowMs === b.anchorShowMs && a.rate === b.rate && a.blackout === b.blackout;
}

/**
 * The transport in force at an instant, as a phone holds it: the status carries the newest
 * transport, which may take effect a lead time later, so the one it replaces is kept until
 * then. The preview then switches when the phones do.
 */
export class TransportTimeline {
  private current: Transport | null = null;
  private next: Transport | null = null;

  /** A transport seen in a status taken at `controllerMs`. */
  update(t: Transport, controllerMs: number): void {
    if (this.next === null || this.current === null) {
      this.current = t;
      this.next = t;
      return;
    }
    if (sameTransport(t, this.next)) return;
    this.current = transportAt(this.current, this.next, controllerMs);
    this.next = t;
  }

  /** The transport in force at `controllerMs`; null before any update. */
  at(controllerMs: number): Transport | null {
    if (this.next === null || this.current === null) return null;
    return transportAt(this.current, this.next, controllerMs);
  }
}
