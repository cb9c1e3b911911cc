import { ClockError } from './errors.ts';
import type { FrameClockOptions, FrameTiming } from './types.ts';

/** Intervals used to find the refresh period before the fit takes over. */
const BOOTSTRAP_INTERVALS = 6;
/** An interval further than this fraction of a period from a whole number of periods
 *  does not fit the current estimate. */
const MISFIT_FRACTION = 0.3;
/** Consecutive misfits (or consecutive multi-period intervals) that force a re-estimate:
 *  the display changed rate (variable refresh, power saving, moved to another screen). */
const MISFIT_LIMIT = 6;
const MULTI_PERIOD_LIMIT = 24;

/**
 * Predicts when each animation frame reaches the screen. Fed with the timestamps passed to
 * requestAnimationFrame callbacks (local ms), it fits a vsync grid t = phase + period * k by
 * least squares over the recent frames, where k counts vsyncs, so a dropped frame (an
 * interval of two or more periods) only skips an index instead of corrupting the period.
 *
 * For a callback at `rafTs` on grid index j, the frame is shown at vsync j + pipelineDepth
 * and stays on screen for one period. It should show the show state at the middle of that
 * interval: a change scheduled at T then first appears on the frame whose presentation is
 * nearest T, i.e. within +-period/2 of T, the least error a whole-frame display allows.
 */
export class FrameClock {
  private readonly depth: number;
  private readonly cap: number;
  private readonly maxGapMs: number;
  private readonly initialPeriod: number;
  /** Half the timestamp resolution: a floored timestamp's centre is this much later. */
  private readonly half: number;
  private readonly ts: Float64Array;
  private readonly idx: Float64Array;
  private head = 0;
  private n = 0;
  private period: number;
  /** Local time of a vsync on the fitted grid (the one nearest the newest sample). */
  private phase = 0;
  private lastTs = -Infinity;
  private lastIdx = 0;
  private bootstrapping = true;
  private readonly boot: number[] = [];
  private misfits = 0;
  private multis = 0;
  private readonly scratch: FrameTiming = { presentLocalMs: 0, periodMs: 0, targetLocalMs: 0 };

  constructor(options: FrameClockOptions = {}) {
    this.depth = options.pipelineDepth ?? 1;
    this.cap = options.windowSize ?? 120;
    this.maxGapMs = options.maxGapMs ?? 1000;
    this.initialPeriod = options.initialPeriodMs ?? 1000 / 60;
    const res = options.timerResolutionMs ?? 0;
    if (!(res >= 0) || !Number.isFinite(res)) throw new ClockError('CLOCK_BAD_OPTION', 'timerResolutionMs must be a finite number >= 0');
    this.half = res / 2;
    if (!Number.isInteger(this.depth) || this.depth < 0) throw new ClockError('CLOCK_BAD_OPTION', 'pipelineDepth must be an integer >= 0');
    if (!Number.isInteger(this.cap) || this.cap < 8) throw new ClockError('CLOCK_BAD_OPTION', 'windowSize must be an integer >= 8');
    if (!(this.initialPeriod > 0) || !(this.maxGapMs > 0)) throw new ClockError('CLOCK_BAD_OPTION', 'initialPeriodMs and maxGapMs must be positive');
    this.period = this.initialPeriod;
    this.ts = new Float64Array(this.cap);
    this.idx = new Float64Array(this.cap);
  }

  /** Current refresh period estimate, ms. */
  get periodMs(): number {
    return this.period;
  }

  /** True once the period comes from measurement rather than the initial guess. */
  get locked(): boolean {
    return !this.bootstrapping;
  }

  /**
   * Feed the timestamp of an animation-frame callback and get that frame's timing. The
   * returned object is reused by the next call; copy it to keep it.
   */
  frame(rafTs: number): FrameTiming {
    this.observe(rafTs + this.half);
    return this.predict(rafTs, this.scratch);
  }

  /** Timing for a callback at `rafTs` without learning from it. */
  predict(rafTs: number, out: FrameTiming = { presentLocalMs: 0, periodMs: 0, targetLocalMs: 0 }): FrameTiming {
    const p = this.period;
    const t = rafTs + this.half;
    if (this.n === 0) {
      out.presentLocalMs = t + this.depth * p;
    } else {
      const j = Math.round((t - this.phase) / p);
      out.presentLocalMs = this.phase + (j + this.depth) * p;
    }
    out.periodMs = p;
    out.targetLocalMs = out.presentLocalMs + p / 2;
    return out;
  }

  private observe(t: number): void {
    if (!Number.isFinite(t)) return;
    const dt = t - this.lastTs;
    if (this.n === 0 || dt > this.maxGapMs || dt < 0) {
      this.restartFit(t, dt > this.maxGapMs && !this.bootstrapping);
      return;
    }
    if (this.bootstrapping) {
      if (dt <= 0) return;
      this.boot.push(dt);
      this.push(this.lastIdx + 1, t); // provisional index, fixed when the period is known
      if (this.boot.length >= BOOTSTRAP_INTERVALS) {
        this.finishBootstrap();
        this.refit();
      } else {
        this.phase = t;
      }
      return;
    }
    const p = this.period;
    const steps = Math.round(dt / p);
    if (steps === 0) return; // same vsync reported twice
    const misfit = Math.abs(dt - steps * p) > MISFIT_FRACTION * p;
    this.misfits = misfit ? this.misfits + 1 : 0;
    this.multis = steps >= 2 ? this.multis + 1 : 0;
    if (!this.bootstrapping && (this.misfits >= MISFIT_LIMIT || this.multis >= MULTI_PERIOD_LIMIT)) {
      this.bootstrapping = true;
      this.boot.length = 0;
      this.restartFit(t, false);
      return;
    }
    if (misfit) return; // an odd timestamp (late callback): do not let it bend the grid
    this.push(this.lastIdx + steps, t);
    this.refit();
  }

  private restartFit(t: number, keepPeriod: boolean): void {
    this.n = 0;
    this.head = 0;
    this.misfits = 0;
    this.multis = 0;
    if (!keepPeriod && this.bootstrapping) this.boot.length = 0;
    this.push(0, t);
    this.phase = t;
  }

  private finishBootstrap(): void {
    // The smallest of a few intervals is one period unless every one of them was a drop;
    // use the median of those within 30 % of it to shed noise.
    const sorted = this.boot.slice().sort((a, b) => a - b);
    const low = sorted[0];
    const near = sorted.filter((v) => v < low * 1.3);
    this.period = near[Math.floor(near.length / 2)];
    this.bootstrapping = false;
    this.boot.length = 0;
    // Re-index what is in the window with the measured period.
    if (this.n > 0) {
      const first = this.ts[this.head];
      for (let i = 0; i < this.n; i++) {
        const k = (this.head + i) % this.cap;
        this.idx[k] = Math.round((this.ts[k] - first) / this.period);
      }
      this.lastIdx = this.idx[(this.head + this.n - 1) % this.cap];
    }
  }

  private push(k: number, t: number): void {
    const slot = (this.head + this.n) % this.cap;
    this.ts[slot] = t;
    this.idx[slot] = k;
    if (this.n < this.cap) this.n++;
    else this.head = (this.head + 1) % this.cap;
    this.lastTs = t;
    this.lastIdx = k;
  }

  /** Least-squares grid through the window, centred on the newest sample for precision. */
  private refit(): void {
    const n = this.n;
    const t0 = this.lastTs;
    const k0 = this.lastIdx;
    if (n < 3 || this.bootstrapping) {
      this.phase = t0;
      return;
    }
    let sk = 0;
    let st = 0;
    for (let i = 0; i < n; i++) {
      const s = (this.head + i) % this.cap;
      sk += this.idx[s] - k0;
      st += this.ts[s] - t0;
    }
    const mk = sk / n;
    const mt = st / n;
    let skk = 0;
    let skt = 0;
    for (let i = 0; i < n; i++) {
      const s = (this.head + i) % this.cap;
      const dk = this.idx[s] - k0 - mk;
      skk += dk * dk;
      skt += dk * (this.ts[s] - t0 - mt);
    }
    if (skk > 0) {
      const p = skt / skk;
      if (p > 0) this.period = p;
    }
    // The slope comes from least squares; the grid's position from the lower envelope:
    // a callback never runs before its vsync, so delays only push timestamps later and the
    // earliest residual is the best estimate of the vsync instant itself. A coarse clock
    // floors each timestamp by up to a whole resolution (stored here as its centre, half a
    // resolution off either way): the envelope of the centres sits up to half a resolution
    // before the vsync, so it moves up by that half. The grid then never lies before a
    // vsync, just as without coarsening.
    let lowest = Infinity;
    for (let i = 0; i < n; i++) {
      const s = (this.head + i) % this.cap;
      const r = this.ts[s] - t0 - this.period * (this.idx[s] - k0);
      if (r < lowest) lowest = r;
    }
    this.phase = t0 + lowest + this.half;
  }
}

/** The shared rendering rule: feed the callback timestamp, get what to draw for. The phone
 *  renderer and the simulator both call this so they agree exactly. Returns a fresh object. */
export function frameTarget(clock: FrameClock, rafTs: number): FrameTiming {
  const t = clock.frame(rafTs);
  return { presentLocalMs: t.presentLocalMs, periodMs: t.periodMs, targetLocalMs: t.targetLocalMs };
}
