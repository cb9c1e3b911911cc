/**
 * A tiny benchmark harness for crowdlight's bench/ scripts: each case runs in rounds, the
 * best round's time per operation is kept (the least disturbed by other work on a shared
 * machine), and results are printed as ratios against a peer measured in the same run.
 */
export interface BenchCase {
  name: string;
  /** Runs `n` operations. Return something derived from the work so it is not optimised away. */
  run: (n: number) => unknown;
}

export interface BenchResult {
  name: string;
  nsPerOp: number;
}

let sink: unknown;

export function measure(c: BenchCase, opsPerRound: number, rounds = 7): BenchResult {
  c.run(Math.max(1, Math.floor(opsPerRound / 10))); // warm-up: let the JIT settle
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    sink = c.run(opsPerRound);
    const dt = performance.now() - t0;
    if (dt < best) best = dt;
  }
  return { name: c.name, nsPerOp: (best * 1e6) / opsPerRound };
}

/** Prints a table of results with each one's ratio against `peer` (peer time / case time). */
export function report(title: string, results: BenchResult[], peer: string): void {
  const base = results.find((r) => r.name === peer);
  console.log(`\n${title}`);
  console.log(`${'case'.padEnd(44)} ${'ns/op'.padStart(10)} ${'speed vs ' + peer}`);
  for (const r of results) {
    const ratio = base ? (base.nsPerOp / r.nsPerOp).toFixed(2) + 'x' : '-';
    console.log(`${r.name.padEnd(44)} ${r.nsPerOp.toFixed(1).padStart(10)} ${ratio}`);
  }
  if (sink === Symbol.for('never')) console.log(sink);
}
