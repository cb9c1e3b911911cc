import { AlgorithmError, type AlgorithmFactory } from '../algorithm.ts';
import { cristianBestOfN, cristianBestOfNTuned } from './cristian-best-of-n.ts';
import { crowdlight, crowdlightUnaware } from './crowdlight.ts';
import { ircamSync } from './ircam-sync.ts';
import { ntpClockFilter } from './ntp-clock-filter.ts';
import { timesync, timesyncTuned } from './timesync.ts';

/** Every method the simulator knows, crowdlight first. */
export const allAlgorithms: readonly AlgorithmFactory[] = [
  crowdlight,
  cristianBestOfN,
  timesync,
  ircamSync,
  ntpClockFilter,
];

/** Variants with non-default settings, available by name only (not run by default). */
export const extraAlgorithms: readonly AlgorithmFactory[] = [cristianBestOfNTuned, timesyncTuned, crowdlightUnaware];

export function algorithmByName(name: string): AlgorithmFactory {
  const a = allAlgorithms.find((x) => x.name === name) ?? extraAlgorithms.find((x) => x.name === name);
  if (!a) {
    throw new AlgorithmError(
      'ALGORITHM_UNKNOWN',
      `unknown algorithm "${name}" (known: ${[...allAlgorithms, ...extraAlgorithms].map((x) => x.name).join(', ')})`,
    );
  }
  return a;
}

export { crowdlight, cristianBestOfN, timesync, ircamSync, ntpClockFilter };
