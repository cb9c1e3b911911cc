/**
 * The shape every clock-sync method takes inside the simulator: crowdlight's estimator and
 * each published baseline. The simulator owns time. It fires the method's single timer, carries
 * its requests over the simulated network, delivers the answers, and asks it for controller
 * time at arbitrary local instants. Every call passes the device's local clock reading.
 */

/** What a page knows from how it was loaded, before any exchange. */
export interface PageLoad {
  /** Local time at which the page's script ran. */
  localMs: number;
  /** Controller time the server embedded in the page when it generated it. */
  serverMs: number;
}

export interface SyncAlgorithm {
  /** The page is ready at local time `load.localMs`. */
  start(load: PageLoad): void;
  /** Local time at which the method's next timer fires (Infinity when none is armed). */
  nextTimerLocal(): number;
  /**
   * The armed timer fired at local time `localMs` (later than asked if the event loop was
   * paused). Returns true when the method sent a request at `localMs` (that becomes t0).
   * Requests are numbered 1, 2, ... in the order they are sent.
   */
  onTimer(localMs: number): boolean;
  /**
   * The answer to request number `seq` arrived; t3 is the local time its handler ran. Every
   * request is answered eventually (TCP), in order, even after a newer request was sent: a
   * method that matches answers to its latest request (by id) ignores older ones.
   */
  onResponse(t0: number, t1: number, t2: number, t3: number, seq: number): void;
  /** Estimated controller time at a local instant. */
  now(localMs: number): number;
  /** Optional exact inverse of `now` (local instant showing a controller time). When absent
   *  the simulator inverts `now` numerically. */
  localFor?(controllerMs: number): number;
}

/** What the page knows about its own clock (measured on the phone before syncing). */
export interface PageClockInfo {
  /** Step to which the browser floors performance.now() and rAF timestamps, ms (0: exact). */
  timerResolutionMs: number;
}

export interface AlgorithmFactory {
  readonly name: string;
  readonly description: string;
  /** `random` is a seeded uniform [0, 1) source for the method's own randomness. `page`
   *  describes the page's clock; a method that has no use for it ignores it. */
  create(random: () => number, page: PageClockInfo): SyncAlgorithm;
}

/** Raised for an unknown algorithm name or an algorithm that breaks the contract. */
export class AlgorithmError extends Error {
  override readonly name = 'AlgorithmError';
  constructor(
    readonly code: 'ALGORITHM_UNKNOWN' | 'ALGORITHM_UNAVAILABLE' | 'ALGORITHM_STALLED',
    message: string,
  ) {
    super(message);
  }
}
