import { expect, test } from 'bun:test';
import { builtinProfile, simulate, type AlgorithmFactory, type SyncAlgorithm } from '../../../src/sim/index.ts';

/**
 * A fault-injecting method: its first exchange gives an exact offset (lan paths are
 * sub-millisecond), and from its `driftAfter`-th answer on it reports controller time
 * `errorMs` off. It asks once at start and then every second.
 */
function faulty(driftAfter: number, errorMs: number): AlgorithmFactory {
  return {
    name: 'faulty',
    description: 'exact after one exchange, then off by a fixed error',
    create(): SyncAlgorithm {
      let offset = NaN;
      let answers = 0;
      let next = 0;
      return {
        start: (load) => void (next = load.localMs),
        nextTimerLocal: () => next,
        onTimer: (local) => ((next = local + 1000), true),
        onResponse: (t0, t1, t2, t3) => {
          answers++;
          if (answers === 1) offset = (t1 - t0 + (t2 - t3)) / 2;
        },
        now: (local) => local + (Number.isNaN(offset) ? 0 : offset) + (answers >= driftAfter ? errorMs : 0),
      };
    },
  };
}

const lan = builtinProfile('lan');

test('sync-eval - a single reading inside the bound is acquisition, not convergence', () => {
  const r = simulate({ profile: lan, devices: 4, seconds: 60, seed: 2, algorithms: [faulty(3, 20)] });
  const m = r.metrics.get('faulty')!;
  // Inside 5 ms from the first answer to the third (about 2 s): acquired, never settled.
  expect(m.acquire.infinite).toBe(0);
  expect(m.acquire.quantile(1)).toBeLessThan(1000);
  expect(m.converge.infinite).toBe(4);
});

test('sync-eval - a method that stays inside the bound converges at its first good reading', () => {
  const r = simulate({ profile: lan, devices: 4, seconds: 60, seed: 2, algorithms: [faulty(Infinity, 0)] });
  const m = r.metrics.get('faulty')!;
  expect(m.converge.infinite).toBe(0);
  expect(m.converge.quantile(1)).toBe(m.acquire.quantile(1));
});
