/**
 * A device's JavaScript event loop: pauses (garbage collection, long tasks) during which no
 * timer, message handler or animation-frame callback can run, plus the small queueing delay
 * before a message handler runs. Pauses are drawn once per device (a function of time).
 */
import type { Prng } from './prng.ts';
import type { DeviceProfile } from './profile-schema.ts';

export class EventLoop {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly handlerMedian: number;
  private readonly handlerSigma: number;

  constructor(profile: DeviceProfile, startMs: number, endMs: number, rng: Prng) {
    const e = profile.eventLoop;
    this.handlerMedian = e.handlerMedianMs;
    this.handlerSigma = e.handlerSigma;
    const starts: number[] = [];
    const ends: number[] = [];
    if (e.pausesPerSecond > 0) {
      const meanGap = 1000 / e.pausesPerSecond;
      let t = startMs + rng.exponential(meanGap);
      let lastEnd = -Infinity;
      while (t < endMs) {
        const d = Math.min(e.pauseMaxMs, rng.logNormal(e.pauseMedianMs, e.pauseSigma));
        if (t <= lastEnd && ends.length > 0) {
          // A pause due while another runs extends it (the work queues up).
          lastEnd += d;
          ends[ends.length - 1] = lastEnd;
        } else {
          starts.push(t);
          ends.push(t + d);
          lastEnd = t + d;
        }
        t += rng.exponential(meanGap);
      }
    }
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
  }

  get pauseCount(): number {
    return this.starts.length;
  }

  /** Index of the last pause starting at or before t, or -1. */
  private lastStartAtOrBefore(t: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** The earliest true time >= t at which JavaScript can run (t itself unless paused). */
  runnableAt(t: number): number {
    const i = this.lastStartAtOrBefore(t);
    return i >= 0 && t < this.ends[i] ? this.ends[i] : t;
  }

  /** True when a pause covers true time t. */
  isPaused(t: number): boolean {
    const i = this.lastStartAtOrBefore(t);
    return i >= 0 && t < this.ends[i];
  }

  /** Delay between a message arriving and its handler running, excluding pauses, ms. */
  handlerDelayMs(rng: Prng): number {
    return rng.logNormal(this.handlerMedian, this.handlerSigma);
  }

  /** True time at which the handler of a message that reaches the page at true time `t`
   *  runs: after any pause covering `t`, its queueing delay, and any pause that starts
   *  meanwhile (one draw from `rng`). In-order handling is the caller's. */
  handlerAt(t: number, rng: Prng): number {
    return this.runnableAt(this.runnableAt(t) + this.handlerDelayMs(rng));
  }
}
