/**
 * crowdlight's own clock sync, driven exactly as the phone page drives it: `ClockSession`
 * (core/clock) owns the exchange loop around the `ClockEstimator` (one request in flight,
 * the estimator's schedule and timeout, late answers still used), seeded with the controller
 * time the server stamped into the page, and told the step of the page's clock (which the
 * page measures with `estimateTimerResolution` before syncing). The simulator only supplies
 * time and the network.
 */
import { ClockSession } from '../../core/clock/index.ts';
import type { AlgorithmFactory, PageClockInfo, PageLoad, SyncAlgorithm } from '../algorithm.ts';

class Crowdlight implements SyncAlgorithm {
  private readonly session: ClockSession;

  constructor(random: () => number, page: PageClockInfo) {
    this.session = new ClockSession({ random, timerResolutionMs: page.timerResolutionMs });
  }

  start(load: PageLoad): void {
    this.session.start(load.localMs, load.serverMs);
  }

  nextTimerLocal(): number {
    return this.session.nextTimerLocal();
  }

  onTimer(localMs: number): boolean {
    return this.session.onTimer(localMs);
  }

  onResponse(t0: number, t1: number, t2: number, t3: number): void {
    this.session.onResponse(t0, t1, t2, t3);
  }

  now(localMs: number): number {
    return this.session.now(localMs);
  }

  localFor(controllerMs: number): number {
    return this.session.estimator.localTime(controllerMs);
  }
}

export const crowdlight: AlgorithmFactory = {
  name: 'crowdlight',
  description: 'core/clock ClockSession + ClockEstimator, seeded from the page',
  create: (random, page) => new Crowdlight(random, page),
};

/** The same page without the measured step (timerResolutionMs 0): what the correction for a
 *  coarse clock is worth. Available by name only. */
export const crowdlightUnaware: AlgorithmFactory = {
  name: 'crowdlight-unaware',
  description: 'crowdlight, not told the step of the page clock (timerResolutionMs 0)',
  create: (random) => new Crowdlight(random, { timerResolutionMs: 0 }),
};
