import { createSeededRandom } from '../../../src/core/clock/index.ts';

/**
 * A tiny synthetic device and network for unit tests: the device clock reads
 * local = (controller - offset) * (1 + skew); delays are a fixed base per direction plus
 * exponential queueing. Everything is driven by a seeded generator.
 */
export interface PathModel {
  seed: number;
  /** controller - local at controller time 0, ms */
  offsetMs: number;
  /** device frequency error, ppm (positive: device clock runs fast) */
  skewPpm: number;
  upBaseMs: number;
  downBaseMs: number;
  /** mean of the exponential queueing added to each direction, ms */
  jitterMs: number;
}

export class SyntheticPath {
  readonly random: () => number;
  constructor(readonly m: PathModel) {
    this.random = createSeededRandom(m.seed);
  }

  localAt(controllerMs: number): number {
    return (controllerMs - this.m.offsetMs) * (1 + this.m.skewPpm * 1e-6);
  }

  controllerAt(localMs: number): number {
    return localMs / (1 + this.m.skewPpm * 1e-6) + this.m.offsetMs;
  }

  private queue(): number {
    return -Math.log(1 - this.random()) * this.m.jitterMs;
  }

  /** One exchange started at controller time `c`; extra delays may be forced per direction. */
  exchange(c: number, extraUp = 0, extraDown = 0): [number, number, number, number] {
    const t0 = this.localAt(c);
    const t1 = c + this.m.upBaseMs + this.queue() + extraUp;
    const t2 = t1 + 0.2;
    const t3 = this.localAt(t2 + this.m.downBaseMs + this.queue() + extraDown);
    return [t0, t1, t2, t3];
  }
}
