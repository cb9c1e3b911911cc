/**
 * Simulation cost of sync-eval, per algorithm: simulated device-sessions (stadium profile,
 * 600 s each) per unit of wall time, each algorithm alone, against crowdlight measured in the
 * same run, and all five together (the cue frame windows are computed once per device and
 * shared, so "all five" costs far less than the sum). One thread; the CLI spreads devices
 * over two.
 *
 *   node_modules/.bin/bun bench/sync-eval.bench.ts
 */
import { allAlgorithms, builtinProfile, simulate, type AlgorithmFactory } from '../src/sim/index.ts';
import { measure, report } from './harness.ts';

const profile = builtinProfile('stadium');
let offset = 0;

function session(algorithms: readonly AlgorithmFactory[]) {
  return (n: number) => {
    // Fresh device indices each round, so rounds do not replay identical work.
    const from = offset;
    offset += n;
    return simulate({ profile, devices: from + n, from, to: from + n, seconds: 600, seed: 1, algorithms }).members;
  };
}

const results = [
  ...allAlgorithms.map((a) => measure({ name: `${a.name} (device-session)`, run: session([a]) }, 40, 3)),
  measure({ name: 'all five (device-session)', run: session(allAlgorithms) }, 40, 3),
];
report('sync-eval simulation cost, stadium, 600 s per device (ns per device-session)', results, 'crowdlight (device-session)');
const all = results[results.length - 1].nsPerOp;
console.log(`\nprojected single-thread time for 10,000 devices with all five: ${((all * 10_000) / 1e9).toFixed(1)} s`);
