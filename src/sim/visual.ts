/**
 * Visual error of cues on one device. The renderer is crowdlight's: each animation frame
 * feeds its rAF timestamp to a FrameClock and draws the show state at the frame's target local
 * time mapped to controller time by the clock estimate. A cue at controller time T first
 * appears in the first frame whose target maps to >= T; its visual error is the true
 * controller time at which that frame reaches the screen, minus T.
 *
 * The frame timings do not depend on the clock estimate, so they are computed once per cue
 * and device (a FrameClock warmed up on the frames before the cue) and shared by every
 * algorithm. When the cue's frame is not in that window (an estimate far off, or an
 * event-loop pause hiding the frames next to the cue, so that the first frame to show it is
 * the first one after the pause), windows around the estimate are searched. Every cue gets a
 * figure: one never shown counts as Infinity, none is dropped.
 */
import { FrameClock } from '../core/clock/index.ts';
import type { SyncAlgorithm } from './algorithm.ts';
import type { SimDevice } from './device.ts';
import { FRAME_WARMUP } from './metrics.ts';

/** The part of a sync method the presentation-time model reads: its clock estimate. */
export type ControllerTimeEstimate = Pick<SyncAlgorithm, 'now' | 'localFor'>;

/** Frames in a cue's window before and after the frame nearest the cue. */
const BEFORE = 8;
const AFTER = 10;
const SPAN = BEFORE + AFTER;

/** Local instant that the algorithm maps to controller time T. */
export function localForController(alg: ControllerTimeEstimate, T: number, guessLocal: number): number {
  if (alg.localFor) return alg.localFor(T);
  let L = guessLocal;
  for (let i = 0; i < 3; i++) L += T - alg.now(L);
  return L;
}

export interface CueResult {
  /** Presented true time minus T, ms (NaN if no frame could be found). */
  visualMs: number;
  /** Same with the naive renderer (state at the callback timestamp), if requested. */
  naiveMs: number;
}

/** Frame timings of one window: callbacks that ran, in order. */
class FrameWindow {
  firstK = 0;
  n = 0;
  readonly raf = new Float64Array(SPAN);
  readonly target = new Float64Array(SPAN);
  readonly presentTrue = new Float64Array(SPAN);

  fill(dev: SimDevice, kStart: number): void {
    const d = dev.display;
    const clk = dev.clock;
    // The renderer knows its clock's step (measured by the page) and reads coarse
    // timestamps, like performance.now().
    const fc = new FrameClock({ timerResolutionMs: dev.timerResolutionMs });
    for (let k = kStart - FRAME_WARMUP; k < kStart; k++) {
      const raf = d.rafLocal(k);
      if (!dev.loop.isPaused(clk.trueOf(raf))) fc.frame(dev.pageReading(raf));
    }
    this.firstK = kStart;
    this.n = 0;
    for (let k = kStart; k < kStart + SPAN; k++) {
      const raf = d.rafLocal(k);
      if (dev.loop.isPaused(clk.trueOf(raf))) continue;
      const i = this.n++;
      const seen = dev.pageReading(raf);
      this.raf[i] = seen;
      this.target[i] = fc.frame(seen).targetLocalMs;
      this.presentTrue[i] = clk.trueOf(d.presentLocal(k));
    }
  }
}

/** Per-device cache of cue frame windows, reused across devices. */
export class CueFrames {
  private dev: SimDevice | null = null;
  private readonly windows = new Map<number, FrameWindow>();
  private readonly pool: FrameWindow[] = [];
  private readonly spare = new FrameWindow();

  reset(dev: SimDevice): void {
    this.dev = dev;
    for (const w of this.windows.values()) this.pool.push(w);
    this.windows.clear();
  }

  private windowFor(cueIndex: number, T: number): FrameWindow {
    let w = this.windows.get(cueIndex);
    if (w) return w;
    const dev = this.dev!;
    const d = dev.display;
    w = this.pool.pop() ?? new FrameWindow();
    w.fill(dev, d.frameIndexAt(dev.clock.localOf(T) - 1.5 * d.periodMs) - BEFORE);
    this.windows.set(cueIndex, w);
    return w;
  }

  /** Evaluate cue `cueIndex` at controller time T for an algorithm whose estimate puts T at
   *  local `estimateLocal`. A cue whose frame cannot be found at all is reported as
   *  Infinity (never shown), not dropped. */
  evaluate(alg: ControllerTimeEstimate, cueIndex: number, T: number, estimateLocal: number, naive: boolean, out: CueResult): void {
    const dev = this.dev!;
    const d = dev.display;
    let w = this.windowFor(cueIndex, T);
    out.visualMs = NaN;
    out.naiveMs = NaN;
    if (scan(w, alg, T, naive, out) === FOUND) return;
    // The cue's frame is not in the shared window: the estimate is far from the truth, or an
    // event-loop pause hides the frames next to the cue. Walk windows from the estimate on.
    // Two windows with opposite outcomes and only paused frames between them bracket the
    // answer: the first frame of the later window is the first to show the cue.
    let kStart = d.frameIndexAt(estimateLocal - 1.5 * d.periodMs) - BEFORE;
    w = this.spare;
    let step = 0;
    let early = false;
    let late = false;
    let lateVisual = NaN;
    let lateNaive = NaN;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      w.fill(dev, kStart);
      const r = scan(w, alg, T, naive, out);
      if (r === FOUND) return;
      if (r === TOO_LATE) {
        if (early) {
          out.visualMs = w.presentTrue[0] - T;
          out.naiveMs = naive ? naiveIn(w, alg, T) : NaN;
          return;
        }
        late = true;
        lateVisual = w.presentTrue[0] - T;
        lateNaive = naive ? naiveIn(w, alg, T) : NaN;
        step = -1;
      } else if (w.n > 0) {
        if (late) {
          out.visualMs = lateVisual;
          out.naiveMs = lateNaive;
          return;
        }
        early = true;
        step = 1;
      } else if (step === 0) {
        step = 1; // every frame of the window paused: keep looking later
      }
      kStart += step * (SPAN - 5);
    }
    out.visualMs = Infinity;
    out.naiveMs = naive ? Infinity : NaN;
  }
}

/** Windows tried around an estimate before a cue counts as never shown (about 14 s of
 *  frames at 60 Hz). */
const MAX_ATTEMPTS = 64;

/** With the naive renderer (state at the callback time), the cue's frame in `w`, as its
 *  visual error (NaN when it is not in the window). */
function naiveIn(w: FrameWindow, alg: ControllerTimeEstimate, T: number): number {
  for (let i = 0; i < w.n; i++) if (alg.now(w.raf[i]) >= T) return w.presentTrue[i] - T;
  return NaN;
}

/** Outcomes of scanning a window: the cue's frame is in it, or the window starts after it,
 *  or ends before it. */
const FOUND = 0;
const TOO_LATE = 1;
const TOO_EARLY = 2;

function scan(w: FrameWindow, alg: ControllerTimeEstimate, T: number, naive: boolean, out: CueResult): number {
  if (w.n === 0) return TOO_EARLY;
  if (alg.now(w.target[0]) >= T) return TOO_LATE;
  let found = false;
  let naiveDone = !naive;
  for (let i = 1; i < w.n; i++) {
    if (!found && alg.now(w.target[i]) >= T) {
      found = true;
      out.visualMs = w.presentTrue[i] - T;
    }
    if (!naiveDone && alg.now(w.raf[i]) >= T) {
      naiveDone = true;
      out.naiveMs = w.presentTrue[i] - T;
    }
    if (found && naiveDone) return FOUND;
  }
  return found ? FOUND : TOO_EARLY;
}
