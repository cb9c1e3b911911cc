/**
 * Baseline: the `timesync` npm package (enmasseio/timesync 1.0.x), reimplemented from its
 * source because it schedules with promises and real timers (it cannot be stepped in virtual
 * time without patching the promise library it bundles). Its defaults are kept:
 *
 *  - a synchronisation round on creation, then every `interval` = 1 hour;
 *  - a round makes `repeat` = 5 requests, each after the previous answer plus `delay` = 1 s;
 *    a request unanswered after `timeout` = 10 s counts as failed;
 *  - each answer gives roundtrip = t3 - t0 and offset = serverTime - t3 + roundtrip / 2
 *    (one server timestamp, no t1/t2 split); the very first offset is applied at once;
 *  - at the end of a round, answers whose roundtrip is not below median + standard deviation
 *    (of the round's roundtrips) are dropped and the offset becomes the mean of the rest.
 */
import type { AlgorithmFactory, PageLoad, SyncAlgorithm } from '../algorithm.ts';

const INTERVAL_MS = 60 * 60 * 1000;
const DELAY_MS = 1000;
const REPEAT = 5;
const TIMEOUT_MS = 10_000;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function sampleStd(xs: number[]): number {
  if (xs.length < 2) return 0;
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) * (x - m);
  return Math.sqrt(v / (xs.length - 1));
}

class Timesync implements SyncAlgorithm {
  constructor(private readonly intervalMs: number) {}

  private offset = 0;
  private first = true;
  private nextRoundAt = Infinity;
  private inRound = false;
  private awaiting = false;
  private timerAt = Infinity;
  private attempts = 0;
  private sent = 0;
  private rtts: number[] = [];
  private offsets: number[] = [];

  start(load: PageLoad): void {
    this.nextRoundAt = load.localMs;
    this.timerAt = load.localMs;
  }

  nextTimerLocal(): number {
    return this.timerAt;
  }

  onTimer(localMs: number): boolean {
    if (this.awaiting) {
      // The request timed out: it counts as a failed attempt.
      this.awaiting = false;
      this.attempts++;
      return this.afterAttempt(localMs);
    }
    if (!this.inRound) {
      this.inRound = true;
      this.attempts = 0;
      this.rtts = [];
      this.offsets = [];
      this.nextRoundAt += this.intervalMs;
    }
    this.awaiting = true;
    this.sent++;
    this.timerAt = localMs + TIMEOUT_MS;
    return true;
  }

  onResponse(t0: number, _t1: number, t2: number, t3: number, seq: number): void {
    // Answers are matched by request id; one that timed out was already given up.
    if (!this.awaiting || seq !== this.sent) return;
    this.awaiting = false;
    this.attempts++;
    const roundtrip = t3 - t0;
    const offset = t2 - t3 + roundtrip / 2;
    if (this.first) {
      this.first = false;
      this.offset = offset;
    }
    this.rtts.push(roundtrip);
    this.offsets.push(offset);
    this.afterAttempt(t3);
  }

  private afterAttempt(localMs: number): boolean {
    if (this.attempts < REPEAT) {
      this.timerAt = localMs + DELAY_MS;
      return false;
    }
    this.inRound = false;
    this.timerAt = this.nextRoundAt;
    if (this.rtts.length > 0) {
      const limit = median(this.rtts) + sampleStd(this.rtts);
      let sum = 0;
      let n = 0;
      for (let i = 0; i < this.rtts.length; i++) {
        if (this.rtts[i] < limit) {
          sum += this.offsets[i];
          n++;
        }
      }
      if (n > 0) this.offset = sum / n;
    }
    return false;
  }

  now(localMs: number): number {
    return localMs + this.offset;
  }
}

export const timesync: AlgorithmFactory = {
  name: 'timesync',
  description: 'timesync npm defaults: 5 requests 1 s apart, drop RTT >= median+std, mean offset, hourly',
  create: () => new Timesync(INTERVAL_MS),
};

/** The same with `interval` = 10 s, as an application tuned for drift would configure it. */
export const timesyncTuned: AlgorithmFactory = {
  name: 'timesync-tuned',
  description: 'timesync with interval 10 s instead of 1 h (not a default; for comparison)',
  create: () => new Timesync(10_000),
};
