/**
 * The corrected clock the rest of crowdlight reads: a linear model of controller time
 * (offset + frequency) plus a decaying correction residual, so that a new estimate never
 * shows as a visible jump.
 *
 * The output is a pure function of the state and the query time (no memory of earlier
 * queries), so answers do not depend on the order of questions. It is continuous and
 * increasing in L for a given state (slope >= 1 - max(maxSlewRate, catchUpRate) > 0), and a
 * new model is adopted with continuity at the instant it becomes known (`at`, the arrival
 * of the exchange that produced it). Together: a caller reading at non-decreasing local
 * times never sees time run backwards, except for a bounded revision of instants it read
 * ahead of `at` (see docs/clock-sync.md, "Monotonic output").
 *
 *   out(L) = L + a + b (L - lr) + residual(L)
 *   residual(L) = r0                         for L <= pivot
 *               = r0 (1 - (L - pivot)/dur)   for pivot < L < pivot + dur
 *               = 0                          afterwards
 */
export type CorrectionKind = 'step' | 'slew' | 'catch-up' | 'none';

export interface SlewPolicy {
  stepThresholdMs: number;
  minSlewMs: number;
  maxSlewRate: number;
  catchUpRate: number;
}

export class OutputClock {
  private a = 0;
  private b = 0;
  private lr = 0;
  private r0 = 0;
  private pivot = 0;
  private dur = 0;
  private initialised = false;

  constructor(private readonly policy: SlewPolicy) {}

  get isInitialised(): boolean {
    return this.initialised;
  }

  /** Offset of the model line (without residual) at local time L. */
  lineOffset(L: number): number {
    return this.a + this.b * (L - this.lr);
  }

  get rate(): number {
    return this.b;
  }

  /** Correction still to be absorbed at local time L (output minus model line). */
  residual(L: number): number {
    if (this.dur <= 0) return 0;
    if (L <= this.pivot) return this.r0;
    const end = this.pivot + this.dur;
    if (L >= end) return 0;
    return this.r0 * (1 - (L - this.pivot) / this.dur);
  }

  /** Controller time for local L. */
  read(L: number): number {
    return L + this.a + this.b * (L - this.lr) + this.residual(L);
  }

  /** Local time at which the output reads C (exact inverse of `read`). */
  invert(C: number): number {
    const onePlusB = 1 + this.b;
    const base = C - this.a + this.b * this.lr;
    if (this.dur <= 0) return base / onePlusB; // no residual pending (r0 is 0 whenever dur is 0)
    const cPivot = this.read(this.pivot);
    if (C <= cPivot) return (base - this.r0) / onePlusB;
    const end = this.pivot + this.dur;
    if (C >= this.read(end)) return base / onePlusB;
    const k = this.r0 / this.dur;
    return (base - this.r0 - k * this.pivot) / (onePlusB - k);
  }

  /** Replace the model, with no attempt at continuity (first sync, or before sync). */
  setHard(a: number, b: number, lr: number): void {
    this.a = a;
    this.b = b;
    this.lr = lr;
    this.r0 = 0;
    this.pivot = lr;
    this.dur = 0;
    this.initialised = true;
  }

  /**
   * Adopt a new model from local time `at` on. The output stays continuous at `at`; the
   * difference is absorbed by a slew, a fast catch-up (backward, large) or a step (forward,
   * large). Returns what was done and the size of the correction (positive: output was
   * ahead of the new model).
   */
  adopt(a: number, b: number, lr: number, at: number): { kind: CorrectionKind; errorMs: number } {
    const pivot = at;
    const current = this.read(pivot);
    this.a = a;
    this.b = b;
    this.lr = lr;
    const e = current - (pivot + this.lineOffset(pivot));
    const p = this.policy;
    this.pivot = pivot;
    if (e === 0) {
      this.r0 = 0;
      this.dur = 0;
      return { kind: 'none', errorMs: 0 };
    }
    if (e < -p.stepThresholdMs) {
      this.r0 = 0;
      this.dur = 0;
      return { kind: 'step', errorMs: e };
    }
    this.r0 = e;
    if (e > p.stepThresholdMs) {
      this.dur = e / p.catchUpRate;
      return { kind: 'catch-up', errorMs: e };
    }
    this.dur = Math.max(p.minSlewMs, Math.abs(e) / p.maxSlewRate);
    return { kind: 'slew', errorMs: e };
  }

  /** State for snapshots. */
  state(): { a: number; b: number; lr: number } {
    return { a: this.a, b: this.b, lr: this.lr };
  }
}
