export { ClockEstimator } from './clock-estimator.ts';
export { ClockError, type ClockErrorCode } from './errors.ts';
export { createSeededRandom } from './seeded-random.ts';
export type { CorrectionKind } from './output-clock.ts';
export type {
  ClockEstimatorApi,
  ClockEstimatorOptions,
  ClockQuality,
  ClockSnapshot,
  FrameClockOptions,
  FrameTiming,
  SampleVerdict,
} from './types.ts';
export { FrameClock, frameTarget } from './frame-clock.ts';
export { ClockSession } from './clock-session.ts';
export { estimateTimerResolution } from './timer-resolution.ts';
