/** `crowdlight sim`: runs a simulated crowd against a server and reports (docs/simulator.md). */
export { runSim, type RunHooks, type SimOutcome } from './run-sim.ts';
export { resolveSimOptions, type SimOptions, type SimOptionsInput } from './options.ts';
export { planRun, workerConfigs, profileDocument, type RunPlan } from './plan.ts';
export { SimRunError, SimOptionError, type SimRunErrorCode } from './errors.ts';
export { toWebSocketUrl, httpBaseOf, spreadHosts, EPHEMERAL_PORTS } from './urls.ts';
export { computeEdgeFigures, type EdgeSample } from './edge-figures.ts';
export { OperatorClient, cueColor, type EdgeStatus, type ServerStatus } from './operator-client.ts';
export { spawnWorkerProcess, killLiveWorkers, type WorkerLink, type WorkerSpawner } from './worker-pool.ts';
export { formatProgress, progressWriter, type ProgressSnapshot, type ProgressWriter, type RunPhase } from './progress-line.ts';
