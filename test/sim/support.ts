/**
 * Small simulated crowds for the scenario tests: a few hundred devices, seconds each, on the
 * lan profile unless the scenario needs another, run through the real orchestrator and the
 * real worker processes.
 */
import { resolveSimOptions, runSim, toWebSocketUrl, type SimOptionsInput, type SimOutcome } from '../../src/sim/live/orchestrator/index.ts';

/** The parts of a running server a run needs. */
export interface ServerUnderTest {
  url: string;
  token: string;
}

export function wsUrlOf(server: Pick<ServerUnderTest, 'url'>): string {
  return toWebSocketUrl(server.url);
}

/** Runs `scenario` small against `server`: 2 workers, 1 s to join, 2 s to settle, 4 s measured
 *  with a cue every second. */
export function runSmall(server: ServerUnderTest, input: Partial<SimOptionsInput>): Promise<SimOutcome> {
  const o = resolveSimOptions({
    devices: 200,
    workers: 2,
    durationS: 4,
    joinS: 1,
    settleS: 2,
    cueEveryS: 1,
    seed: 7,
    ...input,
    urls: input.urls ?? [wsUrlOf(server)],
    token: input.token ?? server.token,
  });
  return runSim(o, { readyTimeoutMs: 20_000, resultTimeoutMs: 15_000 });
}

/** Sum of a per-worker figure over the results. */
export function total(outcome: SimOutcome, pick: (r: SimOutcome['input']['results'][number]) => number): number {
  return outcome.input.results.reduce((n, r) => n + pick(r), 0);
}
