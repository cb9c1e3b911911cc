/**
 * Seeded randomness for the simulator. Every random quantity in a simulated device comes from
 * a stream derived from (run seed, device index, stream id), so a device's realisation does
 * not depend on how many devices or algorithms are simulated, nor in which order.
 */
import { avalanche32 } from '../core/show/hash.ts';

/** Well-mixed 32-bit hash of up to three integers (murmur3 finaliser over a combination). */
export function mix32(a: number, b = 0, c = 0): number {
  let h = (a ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = (h + Math.imul(b ^ 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = (h + Math.imul(c ^ 0x165667b1, 0x27d4eb2f)) >>> 0;
  return avalanche32(h);
}

/** Stable uniform in [0, 1) from integers, for stateless per-index draws (e.g. per frame). */
export function hashUniform(a: number, b: number, c: number): number {
  return mix32(a, b, c) / 4294967296;
}

/** Stream identifiers: one per independent random process of a device. */
export const Stream = {
  device: 1,
  packets: 2,
  pauses: 3,
  congestion: 4,
  display: 5,
  drift: 6,
  algorithm: 7,
  timer: 8,
} as const;

/** sfc32: small, fast, good-quality 32-bit generator. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, device = 0, stream = 0) {
    this.a = mix32(seed, device, stream);
    this.b = mix32(this.a, stream, 0x1234);
    this.c = mix32(this.b, device, 0x5678);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform in [lo, hi]. */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box-Muller, one value per call). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Pareto (type I) with scale xm and shape alpha: heavy tail, P(X > x) = (xm/x)^alpha. */
  pareto(xm: number, alpha: number): number {
    return xm / Math.pow(1 - this.next(), 1 / alpha);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** +1 or -1 with equal probability. */
  sign(): number {
    return this.next() < 0.5 ? -1 : 1;
  }

  /** Index drawn from non-negative weights. */
  pick(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}
