/**
 * Baseline: Cristian's algorithm, best of N, as the ServerDate library does it (reimplemented
 * from its published algorithm; ServerDate needs a DOM and XMLHttpRequest, so it cannot be
 * driven here directly).
 *
 *  - The page embeds the server's clock when generated: the first offset is that value minus
 *    the local time the script ran (it ignores the download time).
 *  - A synchronisation sends 10 requests one after the other. Each gives
 *    offset = serverTime + rtt/2 - t3 with precision rtt/2; the sample with the smallest
 *    precision wins and becomes the target offset.
 *  - If the target is more than 2000 ms from the current offset, the offset jumps to it;
 *    otherwise a once-per-second tick moves the offset towards the target by at most 25 ms
 *    (amortisation, so the clock never jumps visibly).
 *  - It synchronises again every hour (the default interval).
 */
import type { AlgorithmFactory, PageLoad, SyncAlgorithm } from '../algorithm.ts';

const SAMPLES = 10;
const RESYNC_MS = 60 * 60 * 1000;
const AMORTIZE_MS_PER_TICK = 25;
const AMORTIZE_TICK_MS = 1000;
const JUMP_THRESHOLD_MS = 2000;

class CristianBestOfN implements SyncAlgorithm {
  constructor(private readonly resyncMs: number) {}

  private loadLocal = 0;
  /** Offset in force when the target was last set, and the tick count then. */
  private baseOffset = 0;
  private baseTicks = 0;
  private target = 0;
  private iteration = 0;
  private bestPrecision = Infinity;
  private bestOffset = 0;
  private nextSampleAt = Infinity;
  private nextSyncAt = Infinity;
  private inSync = false;
  private awaiting = false;

  start(load: PageLoad): void {
    this.loadLocal = load.localMs;
    this.baseOffset = load.serverMs - load.localMs;
    this.target = this.baseOffset;
    this.baseTicks = 0;
    this.nextSyncAt = load.localMs;
  }

  nextTimerLocal(): number {
    if (this.awaiting) return Infinity;
    return this.inSync ? this.nextSampleAt : this.nextSyncAt;
  }

  onTimer(_localMs: number): boolean {
    if (!this.inSync) {
      this.inSync = true;
      this.iteration = 0;
      this.bestPrecision = Infinity;
      this.nextSyncAt += this.resyncMs;
    }
    this.awaiting = true;
    return true;
  }

  onResponse(t0: number, _t1: number, t2: number, t3: number): void {
    this.awaiting = false;
    const precision = (t3 - t0) / 2;
    const offset = t2 + precision - t3;
    this.iteration++;
    if (this.iteration === 1 || precision <= this.bestPrecision) {
      this.bestPrecision = precision;
      this.bestOffset = offset;
    }
    if (this.iteration < SAMPLES) {
      // The next request goes out as soon as this answer is handled.
      this.nextSampleAt = t3;
      return;
    }
    this.inSync = false;
    this.setTarget(this.bestOffset, t3);
  }

  private ticks(localMs: number): number {
    return Math.floor((localMs - this.loadLocal) / AMORTIZE_TICK_MS);
  }

  private offsetAt(localMs: number): number {
    const n = this.ticks(localMs) - this.baseTicks;
    if (n <= 0) return this.baseOffset;
    const step = Math.max(-AMORTIZE_MS_PER_TICK * n, Math.min(AMORTIZE_MS_PER_TICK * n, this.target - this.baseOffset));
    return this.baseOffset + step;
  }

  private setTarget(target: number, localMs: number): void {
    const current = this.offsetAt(localMs);
    this.target = target;
    this.baseOffset = Math.abs(target - current) > JUMP_THRESHOLD_MS ? target : current;
    this.baseTicks = this.ticks(localMs);
  }

  now(localMs: number): number {
    return localMs + this.offsetAt(localMs);
  }
}

export const cristianBestOfN: AlgorithmFactory = {
  name: 'cristian-best-of-n',
  description: 'ServerDate: 10 back-to-back requests, min-RTT sample, 25 ms/s amortisation, hourly resync',
  create: () => new CristianBestOfN(RESYNC_MS),
};

/** The same resynchronising every 30 s instead of every hour (not a default). */
export const cristianBestOfNTuned: AlgorithmFactory = {
  name: 'cristian-best-of-n-tuned',
  description: 'ServerDate with a 30 s resynchronisation interval instead of 1 h (for comparison)',
  create: () => new CristianBestOfN(30_000),
};
