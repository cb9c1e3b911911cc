export { AlgorithmError, type AlgorithmFactory, type PageClockInfo, type PageLoad, type SyncAlgorithm } from './algorithm.ts';
export { allAlgorithms, algorithmByName, extraAlgorithms } from './algorithms/index.ts';
export { SimDevice } from './device.ts';
export { DeviceClock } from './device-clock.ts';
export { Display } from './display.ts';
export { EventLoop } from './event-loop.ts';
export { LogHistogram } from './histogram.ts';
export { AlgorithmMetrics } from './metrics.ts';
export { NetworkPath } from './network-path.ts';
export { Prng, Stream, mix32 } from './prng.ts';
export {
  parseProfile,
  ProfileError,
  type DeviceProfile,
  type ProfileInput,
  type ResolvedProfile,
} from './profile-schema.ts';
export { builtinProfile, builtinProfileNames, builtinProfiles, profileFromJson } from './profiles.ts';
export { simulate, simulationWindow, type SimOptions, type SimResult } from './simulate.ts';
export { runDevice } from './run-device.ts';
export { simulateParallel, type ParallelOptions } from './parallel.ts';
export {
  checkGoals,
  formatTable,
  summarize,
  type AlgorithmSummary,
  type EvalReport,
  type GoalCheck,
  type Percentiles,
} from './report.ts';
