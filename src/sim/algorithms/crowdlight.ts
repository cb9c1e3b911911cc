/**
 * crowdlight's own estimator (core/clock), driven exactly as the phone page drives it: one
 * exchange in flight at a time, the next one `nextExchangeInMs()` after each answer, a timeout
 * of `exchangeTimeoutMs()` after which `noteTimeout()` is called and the schedule backs off,
 * and late answers (the socket is TCP: they do arrive) still fed to `addSample`.
 */
import { ClockEstimator } from '../../core/clock/index.ts';
import type { AlgorithmFactory, PageLoad, SyncAlgorithm } from '../algorithm.ts';

class Crowdlight implements SyncAlgorithm {
  private readonly est: ClockEstimator;
  private timerAt = Infinity;
  private awaiting = false;
  private sent = 0;

  constructor(random: () => number) {
    this.est = new ClockEstimator({ random });
  }

  start(load: PageLoad): void {
    this.timerAt = load.localMs;
  }

  nextTimerLocal(): number {
    return this.timerAt;
  }

  onTimer(localMs: number): boolean {
    if (this.awaiting) {
      this.awaiting = false;
      this.est.noteTimeout();
      this.timerAt = localMs + this.est.nextExchangeInMs();
      return false;
    }
    this.awaiting = true;
    this.sent++;
    this.timerAt = localMs + this.est.exchangeTimeoutMs();
    return true;
  }

  onResponse(t0: number, t1: number, t2: number, t3: number, seq: number): void {
    this.est.addSample(t0, t1, t2, t3);
    // A late answer to an abandoned request still teaches the estimator; it only moves the
    // schedule when no newer request is waiting for its own answer.
    if (this.awaiting && seq !== this.sent) return;
    this.awaiting = false;
    this.timerAt = t3 + this.est.nextExchangeInMs();
  }

  now(localMs: number): number {
    return this.est.controllerTime(localMs);
  }

  localFor(controllerMs: number): number {
    return this.est.localTime(controllerMs);
  }
}

export const crowdlight: AlgorithmFactory = {
  name: 'crowdlight',
  description: 'core/clock ClockEstimator: burst, min-delay median, drift fit, slewing, adaptive schedule',
  create: (random) => new Crowdlight(random),
};
