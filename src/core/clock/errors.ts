/** Stable codes for everything core/clock can refuse. */
export type ClockErrorCode = 'CLOCK_BAD_OPTION' | 'CLOCK_BAD_SNAPSHOT';

/** Raised for invalid estimator options or an unusable snapshot. Bad exchanges are not
 *  errors: the estimator reports them through its verdict and counters. */
export class ClockError extends Error {
  override readonly name = 'ClockError';
  readonly code: ClockErrorCode;

  constructor(code: ClockErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
