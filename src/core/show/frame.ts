import type { CompiledShow } from './compile-show.ts';
import type { LiveCue } from './live-cue.ts';
import { colorAtInstantInto } from './render.ts';
import type { Transport } from './transport.ts';
import type { SeatLike, Show } from './types.ts';

/** What `renderSeatsInto` needs from a venue (core/venue's `Venue` fits). */
export interface SeatSource<S extends SeatLike> {
  readonly seatCount: number;
  newCursor(): S;
  seatInto(cursor: S, index: number): S;
}

/**
 * The device seed a renderer should use for a seat when it stands in for that seat's phone
 * (console preview, simulator). Phones that know their seat use the same value, so seeded
 * effects such as sparkle look identical in the preview and in the stands.
 */
export function seatDeviceSeed(seatIndex: number): number {
  return seatIndex;
}

/**
 * Renders every seat of a venue for one controller instant into `out`: seat i's r, g, b at
 * out[i*stride .. i*stride+2] (stride 4 writes straight into RGBA pixel buffers, leaving
 * alpha alone). Allocation-free apart from one cursor per call.
 */
export function renderSeatsInto<S extends SeatLike>(
  out: Uint8Array | Uint8ClampedArray | Float32Array | number[],
  stride: number,
  show: Show | CompiledShow,
  transport: Transport,
  liveCues: readonly LiveCue[],
  controllerMs: number,
  seats: SeatSource<S>,
): void {
  const cursor = seats.newCursor();
  for (let i = 0; i < seats.seatCount; i++) {
    seats.seatInto(cursor, i);
    colorAtInstantInto(out, show, transport, liveCues, controllerMs, cursor, seatDeviceSeed(i), i * stride);
  }
}
