/**
 * Jittered exponential backoff for reconnecting: 250 ms doubling to 10 s, each delay
 * multiplied by a uniform factor in [1 - jitter, 1 + jitter] (default ±50 %), so 100,000
 * phones dropped by the same event do not come back in the same millisecond.
 */
export interface BackoffOptions {
  /** First delay, ms. Default 250. */
  baseMs?: number;
  /** Largest delay before jitter, ms. Default 10000. */
  maxMs?: number;
  /** Relative jitter in [0, 1]. Default 0.5. */
  jitter?: number;
}

export class Backoff {
  private readonly baseMs: number;
  private readonly maxMs: number;
  private readonly jitter: number;
  private attempt = 0;

  constructor(
    private readonly random: () => number,
    options: BackoffOptions = {},
  ) {
    this.baseMs = options.baseMs ?? 250;
    this.maxMs = options.maxMs ?? 10_000;
    this.jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  }

  /** Consecutive delays handed out since the last reset. */
  get attempts(): number {
    return this.attempt;
  }

  /** The next delay, ms; each call doubles the base until `maxMs`. */
  next(): number {
    const raw = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return raw * (1 + this.jitter * (2 * this.random() - 1));
  }

  /** A connection succeeded: start again from `baseMs`. */
  reset(): void {
    this.attempt = 0;
  }
}
