/**
 * One animation frame of the phone, without the DOM: the rAF timestamp goes to the
 * FrameClock (the same rule as core/clock's frameTarget, without its per-frame copy), its
 * target (the middle of the frame's predicted time on the glass) is turned into controller
 * time by the clock estimate, and the seat's colour for that instant is computed with
 * core/show's renderer (timeline at the transport in force, live cues above, blackout over
 * all). The caller paints only when `step` says the colour changed.
 */
import { FrameClock } from '../../core/clock/index.ts';
import { colorAtInstantInto, type CompiledShow, type SeatLike, type Show } from '../../core/show/runtime.ts';
import type { ShowState } from './show-state.ts';

export interface ColorChange {
  /** The rAF timestamp of the frame that first showed the colour (page-local ms). */
  rafMs: number;
  /** Controller instant the frame was rendered for. */
  targetControllerMs: number;
  rgb: [number, number, number];
}

export interface RenderInputs {
  /** The show id (announce) `show` belongs to. */
  showId: number;
  show: Show | CompiledShow;
  seat: SeatLike;
  deviceSeed: number;
}

/** Colour-change records kept for the debug object. */
export const CHANGE_RING_SIZE = 32;

export class RenderLoop {
  readonly frameClock: FrameClock;
  /** Colour of the last frame (r, g, b); starts at -1 so the first frame counts as a change. */
  readonly rgb: [number, number, number] = [-1, -1, -1];
  private readonly scratch: [number, number, number] = [0, 0, 0];
  framesRendered = 0;
  framesDropped = 0;
  private lastRafMs = NaN;
  private readonly ring: ColorChange[] = [];
  private ringNext = 0;

  constructor(timerResolutionMs: number) {
    this.frameClock = new FrameClock({ timerResolutionMs });
  }

  /**
   * Renders the frame of callback timestamp `rafMs`. `toController` maps a local instant to
   * controller time. Returns true when the colour differs from the previous frame's (read it
   * from `rgb`), or null when the transport in force at the frame's instant plays another
   * show than `inputs` (a show switch: the new package is still loading, or it loaded ahead
   * of the switch's instant): nothing to paint for that show, the caller shows its waiting
   * colour. The switch thus happens at its instant on every phone, not on receipt.
   */
  step(rafMs: number, toController: (localMs: number) => number, state: ShowState, inputs: RenderInputs): boolean | null {
    const timing = this.frameClock.frame(rafMs);
    this.countFrame(rafMs, timing.periodMs);
    const t = toController(timing.targetLocalMs);
    const transport = state.transportAt(t);
    if (transport.showId !== 0 && transport.showId !== inputs.showId) return null;
    const cues = state.liveCues(t);
    const out = this.scratch;
    colorAtInstantInto(out, inputs.show, transport, cues, t, inputs.seat, inputs.deviceSeed);
    const rgb = this.rgb;
    if (out[0] === rgb[0] && out[1] === rgb[1] && out[2] === rgb[2]) return false;
    rgb[0] = out[0];
    rgb[1] = out[1];
    rgb[2] = out[2];
    this.record(rafMs, t);
    return true;
  }

  /** Feeds a frame that paints nothing (waiting screen), keeping the frame clock warm. */
  idle(rafMs: number): void {
    const timing = this.frameClock.frame(rafMs);
    this.countFrame(rafMs, timing.periodMs);
  }

  /** Forget the last colour, so the next rendered frame paints (after a waiting screen). */
  invalidate(): void {
    this.rgb[0] = this.rgb[1] = this.rgb[2] = -1;
  }

  /** Colour changes, oldest first (a copy). */
  changes(): ColorChange[] {
    const n = this.ring.length;
    if (n < CHANGE_RING_SIZE) return this.ring.slice();
    return [...this.ring.slice(this.ringNext), ...this.ring.slice(0, this.ringNext)];
  }

  private countFrame(rafMs: number, periodMs: number): void {
    this.framesRendered++;
    if (Number.isFinite(this.lastRafMs) && periodMs > 0) {
      const missed = Math.round((rafMs - this.lastRafMs) / periodMs) - 1;
      // A gap of more than a second is a hidden page, not dropped frames.
      if (missed > 0 && rafMs - this.lastRafMs < 1000) this.framesDropped += missed;
    }
    this.lastRafMs = rafMs;
  }

  private record(rafMs: number, targetControllerMs: number): void {
    const entry: ColorChange = { rafMs, targetControllerMs, rgb: [this.rgb[0], this.rgb[1], this.rgb[2]] };
    if (this.ring.length < CHANGE_RING_SIZE) this.ring.push(entry);
    else this.ring[this.ringNext] = entry;
    this.ringNext = (this.ringNext + 1) % CHANGE_RING_SIZE;
  }
}
