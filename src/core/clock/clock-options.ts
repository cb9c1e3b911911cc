import { ClockError } from './errors.ts';
import type { ClockEstimatorOptions } from './types.ts';

/** Every numeric option with its default (see ClockEstimatorOptions for meanings). */
export type Resolved = Required<Omit<ClockEstimatorOptions, 'random' | 'seed' | 'offsetMethod' | 'driftMethod'>>;

export const DEFAULTS: Resolved = {
  burstSize: 10,
  burstSpacingMs: 80,
  minIntervalMs: 1000,
  maxIntervalMs: 15000,
  intervalGrowth: 1.6,
  jitterFraction: 0.2,
  retryBaseMs: 1000,
  exchangeTimeoutMs: 10000,
  compensationBoundMs: 500,
  stepThresholdMs: 50,
  minSlewMs: 500,
  maxSlewRate: 0.05,
  catchUpRate: 0.4,
  windowSize: 48,
  windowMaxAgeMs: 600000,
  bestCount: 3,
  maxDriftPpm: 500,
  driftPriorPpm: 100,
  envelopeNoiseMs: 1,
  syncSamples: 5,
  settleUncertaintyMs: 50,
  settleExchanges: 5,
  maxFastExchanges: 20,
  probeIntervalMs: 4000,
  timerResolutionMs: 0,
};


/** Validate options and fill in defaults; throws ClockError('CLOCK_BAD_OPTION'). */
export function resolveOptions(o: ClockEstimatorOptions): Resolved {
  if (o.offsetMethod !== undefined && o.offsetMethod !== 'intersection' && o.offsetMethod !== 'median') {
    throw new ClockError('CLOCK_BAD_OPTION', 'offsetMethod must be "intersection" or "median"');
  }
  if (o.driftMethod !== undefined && o.driftMethod !== 'envelope' && o.driftMethod !== 'regression') {
    throw new ClockError('CLOCK_BAD_OPTION', 'driftMethod must be "envelope" or "regression"');
  }
  const r: Resolved = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof Resolved)[]) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new ClockError('CLOCK_BAD_OPTION', `option ${key} must be a finite non-negative number`);
    }
    r[key] = v;
  }
  if (r.burstSize < 1 || r.windowSize < 3 || r.bestCount < 1 || r.syncSamples < 1) {
    throw new ClockError('CLOCK_BAD_OPTION', 'burstSize, bestCount, syncSamples must be >= 1 and windowSize >= 3');
  }
  if (r.minIntervalMs > r.maxIntervalMs) throw new ClockError('CLOCK_BAD_OPTION', 'minIntervalMs exceeds maxIntervalMs');
  if (r.maxSlewRate <= 0 || r.maxSlewRate > 0.5 || r.catchUpRate <= 0 || r.catchUpRate > 0.5) {
    throw new ClockError('CLOCK_BAD_OPTION', 'maxSlewRate must be in (0, 0.5] and catchUpRate in (0, 0.5]');
  }
  if (r.jitterFraction >= 1) throw new ClockError('CLOCK_BAD_OPTION', 'jitterFraction must be below 1');
  r.windowSize = Math.floor(r.windowSize);
  r.burstSize = Math.floor(r.burstSize);
  r.bestCount = Math.floor(r.bestCount);
  return r;
}
