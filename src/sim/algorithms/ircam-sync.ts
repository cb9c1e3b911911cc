/**
 * Baseline: the @ircam/sync package's client, driven for real in virtual time. The package takes
 * its time function and its send/receive functions as arguments; its timers (setTimeout /
 * clearTimeout) and its random series delay (Math.random) are globals, so while the package
 * runs they are swapped for the simulator's virtual timers and the device's seeded stream,
 * and restored right after. Package defaults are kept: series of 10 pings 250 ms apart, a new
 * series every 10-20 s, best-of-series offset (shortest travel time), linear regression of
 * offset and frequency over ~900 s after 120 s of training, monotonic stabilisation at
 * 160 ppm, ping timeout starting at 1 s. The package works in seconds; the adapter converts.
 */
import { SyncClient } from '@ircam/sync';
import type { AlgorithmFactory, PageLoad, SyncAlgorithm } from '../algorithm.ts';

type PongCallback = (pingId: number, clientPing: number, serverPing: number, serverPong: number) => void;
type TimerFn = () => void;

interface Globals {
  setTimeout: unknown;
  clearTimeout: unknown;
  random: () => number;
}

class IrcamSync implements SyncAlgorithm {
  private readonly client: SyncClient;
  private readonly random: () => number;
  private clockMs = 0;
  private readonly timers = new Map<number, { at: number; fn: TimerFn }>();
  private nextTimerId = 1;
  private onPong: PongCallback | null = null;
  private sentPingId = -1;
  /** Ping ids of requests in flight, oldest first (answers arrive in order). */
  private readonly inFlight: number[] = [];
  private readonly saved: Globals = { setTimeout: null, clearTimeout: null, random: Math.random };

  private readonly virtualSetTimeout = (fn: TimerFn, ms?: number): number => {
    const id = this.nextTimerId++;
    this.timers.set(id, { at: this.clockMs + (ms ?? 0), fn });
    return id;
  };

  private readonly virtualClearTimeout = (id: number): void => {
    this.timers.delete(id);
  };

  constructor(random: () => number) {
    this.random = random;
    this.client = new SyncClient(() => this.clockMs / 1000);
  }

  /** Run package code with virtual timers and seeded randomness in place of the globals. */
  private enter(fn: () => void): void {
    const g = globalThis as unknown as Record<string, unknown>;
    this.saved.setTimeout = g.setTimeout;
    this.saved.clearTimeout = g.clearTimeout;
    this.saved.random = Math.random;
    g.setTimeout = this.virtualSetTimeout;
    g.clearTimeout = this.virtualClearTimeout;
    Math.random = this.random;
    try {
      fn();
    } finally {
      g.setTimeout = this.saved.setTimeout;
      g.clearTimeout = this.saved.clearTimeout;
      Math.random = this.saved.random;
    }
  }

  start(load: PageLoad): void {
    // The package sends its first ping from start(); run start() when the first timer fires.
    this.clockMs = load.localMs;
    this.timers.set(this.nextTimerId++, {
      at: load.localMs,
      fn: () =>
        this.client.start(
          (pingId) => {
            this.sentPingId = pingId;
          },
          (callback) => {
            this.onPong = callback;
          },
        ),
    });
  }

  nextTimerLocal(): number {
    let at = Infinity;
    for (const t of this.timers.values()) if (t.at < at) at = t.at;
    return at;
  }

  onTimer(localMs: number): boolean {
    let id = -1;
    let at = Infinity;
    for (const [k, t] of this.timers) {
      if (t.at < at) {
        at = t.at;
        id = k;
      }
    }
    const timer = this.timers.get(id);
    if (!timer) return false;
    this.timers.delete(id);
    this.clockMs = localMs;
    const before = this.sentPingId;
    this.enter(timer.fn);
    if (this.sentPingId !== before) {
      this.inFlight.push(this.sentPingId);
      return true;
    }
    return false;
  }

  onResponse(t0: number, t1: number, t2: number, t3: number): void {
    const pong = this.onPong;
    const id = this.inFlight.shift();
    if (!pong || id === undefined) return;
    this.clockMs = t3;
    // The package itself ignores a pong whose id is not its latest ping.
    this.enter(() => pong(id, t0 / 1000, t1 / 1000, t2 / 1000));
  }

  now(localMs: number): number {
    return this.client.getSyncTime(localMs / 1000) * 1000;
  }
}

export const ircamSync: AlgorithmFactory = {
  name: 'ircam-sync',
  description: '@ircam/sync client (driven): 10-ping series every 10-20 s, regression over ~900 s',
  create: (random) => new IrcamSync(random),
};
