/**
 * A device's display and animation-frame pipeline. Vsync instants are a fixed grid in the
 * device's local clock (random phase per device). The browser calls requestAnimationFrame
 * callbacks once per vsync with a timestamp close to the vsync instant; the frame drawn in
 * callback k reaches the screen at vsync k+d (d, the pipeline depth, is 1 unless the profile
 * says otherwise), or one vsync later when it misses its deadline. A frame
 * whose callback falls inside an event-loop pause never runs. All per-frame randomness is a
 * pure function of the frame index, so any window of frames can be generated on demand.
 */
import { hashUniform, type Prng } from './prng.ts';
import type { DeviceProfile } from './profile-schema.ts';

export class Display {
  readonly hz: number;
  readonly periodMs: number;
  private readonly phase: number;
  private readonly jitterMs: number;
  private readonly drop: number;
  private readonly key: number;
  /** Vsyncs from callback to presentation on this device. */
  readonly pipelineFrames: number;

  constructor(profile: DeviceProfile, rng: Prng) {
    const d = profile.display;
    const i = rng.pick(d.refreshHz.map((r) => r.weight));
    this.hz = d.refreshHz[i].hz;
    // A display's period seen through the CPU clock differs slightly from nominal.
    this.periodMs = (1000 / this.hz) * (1 + rng.uniform(-50e-6, 50e-6));
    this.phase = rng.uniform(0, this.periodMs);
    this.jitterMs = d.rafJitterMs;
    this.drop = d.dropProbability;
    this.key = rng.nextU32();
    // Drawn last so that adding the field did not change existing devices' other draws.
    const depths = d.pipelineFrames;
    this.pipelineFrames = depths.length === 1 ? depths[0].frames : depths[rng.pick(depths.map((x) => x.weight))].frames;
  }

  /** Index of the last vsync at or before local time `local`. */
  frameIndexAt(local: number): number {
    return Math.floor((local - this.phase) / this.periodMs);
  }

  /** Local time of vsync k. */
  vsyncLocal(k: number): number {
    return this.phase + k * this.periodMs;
  }

  /** rAF timestamp of frame k: the vsync instant plus a small non-negative jitter. */
  rafLocal(k: number): number {
    if (this.jitterMs === 0) return this.vsyncLocal(k);
    const u = 1 - hashUniform(this.key, k | 0, 1);
    const v = hashUniform(this.key, k | 0, 2);
    const n = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return this.vsyncLocal(k) + Math.abs(n) * this.jitterMs;
  }

  /** Local time at which the frame drawn in callback k is shown. */
  presentLocal(k: number): number {
    const late = this.drop > 0 && hashUniform(this.key, k | 0, 3) < this.drop;
    return this.vsyncLocal(k + this.pipelineFrames + (late ? 1 : 0));
  }
}
