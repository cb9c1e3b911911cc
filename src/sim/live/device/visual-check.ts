/**
 * When a simulated phone shows a live cue: the evaluator's presentation-time model
 * (CueFrames: the device's display, vsync phase, event-loop pauses and page clock, with the
 * renderer's FrameClock) run against the live phone's clock estimate. A cue whose frame
 * reached the phone after the frame that should have shown it is drawn by the first frame
 * whose callback runs after that receipt.
 */
import type { ClockEstimator } from '../../../core/clock/index.ts';
import type { SimDevice } from '../../device.ts';
import { CueFrames, type CueResult } from '../../visual.ts';
import { EstimatorView } from './estimator-view.ts';

/** Frames looked through for the first one after a receipt before giving up. */
const MAX_FRAMES_AFTER = 10_000;

export class VisualCheck {
  private readonly frames = new CueFrames();
  private readonly view = new EstimatorView();
  private readonly out: CueResult = { visualMs: NaN, naiveMs: NaN };

  /**
   * Signed visual error, ms (presented true time - T; Infinity when the estimate never
   * shows it), of a cue at run-relative controller time `tRel` received by the page's
   * handler at run-relative true time `handledRel`.
   */
  errorMs(dev: SimDevice, est: ClockEstimator, runStartMs: number, tRel: number, handledRel: number): number {
    const view = this.view.use(est, runStartMs);
    this.frames.reset(dev);
    this.frames.evaluate(view, 0, tRel, view.localFor(tRel), false, this.out);
    const onTime = this.out.visualMs;
    const late = firstPresentAfter(dev, handledRel) - tRel;
    if (Number.isNaN(onTime)) return late;
    return onTime > late ? onTime : late;
  }
}

/** True time at which the first frame whose callback runs at or after true time `t` is
 *  shown (frames inside an event-loop pause never run). */
function firstPresentAfter(dev: SimDevice, t: number): number {
  const d = dev.display;
  const clk = dev.clock;
  let k = d.frameIndexAt(clk.localOf(t));
  for (let i = 0; i < MAX_FRAMES_AFTER; i++, k++) {
    const cb = clk.trueOf(d.rafLocal(k));
    if (cb < t || dev.loop.isPaused(cb)) continue;
    return clk.trueOf(d.presentLocal(k));
  }
  return Infinity;
}
