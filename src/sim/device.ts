/**
 * One simulated phone: its profile (drawn from the crowd mix), local clock, network path,
 * event loop and display, all derived from (seed, device index) only.
 */
import { DeviceClock } from './device-clock.ts';
import { Display } from './display.ts';
import { EventLoop } from './event-loop.ts';
import { NetworkPath } from './network-path.ts';
import { Prng, Stream } from './prng.ts';
import type { DeviceProfile, ResolvedProfile } from './profile-schema.ts';

export interface SimWindow {
  /** Simulated session length, ms of controller time (the session starts at 0). */
  durationMs: number;
  /** Devices join uniformly within [0, joinSpreadMs). */
  joinSpreadMs: number;
}

/** How long after the session end the device models stay defined, ms. */
const TAIL_MS = 300_000;

export class SimDevice {
  readonly index: number;
  readonly profile: DeviceProfile;
  readonly joinMs: number;
  readonly clock: DeviceClock;
  readonly net: NetworkPath;
  readonly loop: EventLoop;
  readonly display: Display;
  readonly seed: number;
  /** Step of the page's clock, ms (0: exact). */
  readonly timerResolutionMs: number;

  constructor(resolved: ResolvedProfile, seed: number, index: number, window: SimWindow) {
    this.index = index;
    this.seed = seed;
    const rng = new Prng(seed, index, Stream.device);
    const m = rng.pick(resolved.members.map((x) => x.weight));
    this.profile = resolved.members[m].profile;
    this.joinMs = rng.next() * window.joinSpreadMs;
    const c = this.profile.clock;
    const start = this.joinMs - 60_000;
    const end = window.durationMs + TAIL_MS;
    this.clock = new DeviceClock(
      {
        startMs: start,
        endMs: end,
        offsetMs: rng.sign() * rng.uniform(c.offsetS[0], c.offsetS[1]) * 1000,
        driftPpm: rng.sign() * rng.uniform(c.driftPpm[0], c.driftPpm[1]),
        walkPpm: c.driftWalkPpm,
      },
      new Prng(seed, index, Stream.drift),
    );
    this.net = new NetworkPath(this.profile, start, end, new Prng(seed, index, Stream.congestion));
    this.loop = new EventLoop(this.profile, start, end, new Prng(seed, index, Stream.pauses));
    this.display = new Display(this.profile, new Prng(seed, index, Stream.display));
    // Its own stream, so that drawing it leaves every other draw of the device unchanged.
    const steps = c.timerResolutionMs;
    this.timerResolutionMs =
      steps.length === 1 ? steps[0].ms : steps[new Prng(seed, index, Stream.timer).pick(steps.map((x) => x.weight))].ms;
  }

  /** What the page reads for local instant `local`: floored to the clock's step. */
  pageReading(local: number): number {
    const r = this.timerResolutionMs;
    return r > 0 ? Math.floor(local / r) * r : local;
  }

  /** What the page's clock reads at true controller time t. */
  pageNow(t: number): number {
    return this.pageReading(this.clock.localOf(t));
  }

  /** A fresh packet-level random stream: identical for every algorithm run on this device. */
  packetStream(): Prng {
    return new Prng(this.seed, this.index, Stream.packets);
  }

  /** A fresh stream for an algorithm's own randomness (e.g. jittered schedules). */
  algorithmStream(): Prng {
    return new Prng(this.seed, this.index, Stream.algorithm);
  }
}
