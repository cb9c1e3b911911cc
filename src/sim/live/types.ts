/**
 * The load simulator's shared shapes: what the `crowdlight sim` orchestrator tells its worker
 * processes, what the workers report back, and the report a run produces (docs/simulator.md).
 *
 * Time: "controller time" is the host clock in ms (`performance.timeOrigin + performance.now()`,
 * the same in every process on one host to within microseconds), which is also the truth the
 * simulator measures against. Run-relative times (`...RelMs`) count from `WorkerStart.runStartMs`.
 */

export type ScenarioName = 'steady' | 'ramp' | 'spike' | 'chaos' | 'degrade' | 'mixed';
export const SCENARIOS: readonly ScenarioName[] = ['steady', 'ramp', 'spike', 'chaos', 'degrade', 'mixed'];

/** A network/device profile as JSON (a built-in profile's document, or a --profile-file's). */
export type ProfileJson = unknown;

/** orchestrator -> worker, once, as the worker's first IPC message. */
export interface WorkerConfig {
  type: 'config';
  workerIndex: number;
  /** Global device indices [firstDevice, firstDevice + deviceCount) run by this worker. */
  firstDevice: number;
  deviceCount: number;
  /** Edge WebSocket URLs (ws://host:port/ws); device i connects to urls[i % urls.length]. */
  urls: string[];
  /** HTTP base for relative package URLs (the page's location), e.g. http://127.0.0.1:8080/. */
  pageUrl: string;
  seed: number;
  /** Profile every device starts with, and its name (for reports). */
  profile: ProfileJson;
  profileName: string;
  /** `degrade`: from this run-relative time on, delays are drawn from `degradeProfile`. */
  degradeProfile?: ProfileJson;
  degradeAtRelMs?: number;
  /** Each device connects once at a run-relative time drawn uniformly in
   *  [connectStartRelMs, connectStartRelMs + connectSpreadMs) (its own seeded draw). */
  connectStartRelMs: number;
  connectSpreadMs: number;
  /** `mixed`: each connected device goes away (closes, or reloads as a new page) at this
   *  Poisson rate and comes back after a uniform draw in offlineMs. 0 = no churn. */
  churnPerDevicePerMinute: number;
  churnOfflineMs: [number, number];
  /** Devices fetch the show package over HTTP themselves (true), or one fetch per worker is
   *  shared by its devices (false, for runs where the sim's own HTTP load would dominate). */
  fetchPackagePerDevice: boolean;
  /** Run-relative time at which devices stop and the worker sends its result. */
  endRelMs: number;
}

/** orchestrator -> worker. */
export type MainToWorker =
  | WorkerConfig
  /** Start the clock: run-relative 0 is `runStartMs` (controller time). */
  | { type: 'start'; runStartMs: number }
  /** A live cue the orchestrator fired through the operator API: `issuedAtMs` is the controller
   *  time just before the API request was sent (delivery latency is measured from it). */
  | { type: 'cue'; cueId: number; issuedAtMs: number; startControllerMs: number }
  /** Stop now (Ctrl-C): close every device and send the result. */
  | { type: 'stop' };

/** Counts a worker reports each second. */
export interface WorkerProgress {
  type: 'progress';
  workerIndex: number;
  atRelMs: number;
  /** Devices with an open, welcomed connection. */
  connected: number;
  /** Devices whose clock estimator says synced. */
  synced: number;
  /** Devices that sent `ready` for the current show. */
  ready: number;
  /** Devices currently disconnected after having connected (waiting to reconnect). */
  reconnecting: number;
  /** Failed connection attempts so far (refused upgrades, errors). */
  errors: number;
  /** Clock-error samples (abs ms) taken at this message's instant, one per synced device, as
   *  a histogram (see SerializedHistogram). */
  clockError: SerializedHistogram;
  /** Process RSS, bytes. */
  rssBytes: number;
}

/** A LogHistogram (src/sim/histogram.ts) on the wire: sparse [bucketIndex, count] pairs. */
export interface SerializedHistogram {
  buckets: Array<[number, number]>;
  count: number;
  infinite: number;
  max: number;
  sumUs: number;
}

/** Per live cue, what a worker's devices saw. */
export interface CueOutcome {
  cueId: number;
  startControllerMs: number;
  /** Devices connected (welcomed) at some point before the cue's instant and still running
   *  at it: they should have shown it. */
  expected: number;
  /** Of those, devices that received the cue frame at all. */
  seen: number;
  /** Of those, devices whose handled receipt was before the cue's instant. */
  onTime: number;
}

/** worker -> orchestrator, once, at the end. */
export interface WorkerResult {
  type: 'result';
  workerIndex: number;
  devices: number;
  /** Devices that got a welcome at least once. */
  connectedEver: number;
  /** Devices connected + synced at the end of the run. */
  connectedAtEnd: number;
  /** Devices that were welcomed once, later lost the connection, and were not connected and
   *  synced again by the end of the run. */
  lost: number;
  /** Failed connection attempts, by reason ('refused-503', 'error', 'close-<code>', and
   *  'no-open' / 'no-welcome' for attempts the page gave up on). */
  errors: Record<string, number>;
  closesByCode: Record<string, number>;
  /** abs(estimate - truth) sampled every second per synced device, ms. */
  clockError: SerializedHistogram;
  /** abs(visual error) per cue per device that showed it, ms (present time - cue instant). */
  visualError: SerializedHistogram;
  /** Signed visual error extremes, ms (early < 0). */
  visualMinMs: number;
  visualMaxMs: number;
  /** Handled receipt - issuedAtMs, per live cue per device, ms (network model included). */
  deliveryLatency: SerializedHistogram;
  /** The same without the injected downlink and event-loop delay: socket arrival - issuedAtMs. */
  serverDeliveryLatency: SerializedHistogram;
  /** Connection lost -> welcomed again, per reconnection, ms. */
  reconnect: SerializedHistogram;
  /** Join (socket opened by the page) -> clock synced, per device, ms. */
  syncTime: SerializedHistogram;
  cues: CueOutcome[];
  /** WebSocket payload + frame header bytes, both directions, and device-seconds connected. */
  bytesIn: number;
  bytesOut: number;
  connectedDeviceSeconds: number;
  rssBytesPeak: number;
  cpuMicros: number;
  /** How late the worker ran its scheduled tasks (message deliveries, sends, joins), mean and
   *  max, ms: the simulator's own delay, which every figure it measures includes. */
  simLagMeanMs?: number;
  simLagMaxMs?: number;
}

export type WorkerToMain = { type: 'ready'; workerIndex: number } | WorkerProgress | WorkerResult | { type: 'fatal'; workerIndex: number; message: string };

// ---------------------------------------------------------------- report

export interface Quantiles {
  p50: number;
  p95: number;
  p99: number;
}

/** One row of the report's targets table. */
export interface TargetRow {
  /** e.g. "visual sync p95". */
  name: string;
  /** Published industry figure, or crowdlight's own stricter target. */
  source: 'industry' | 'crowdlight';
  /** e.g. "< 50 ms", "<= 12 ms". */
  limit: string;
  measured: number | null;
  unit: string;
  pass: boolean;
}

/** A point of the run's time series (one per second). */
export interface TimelinePoint {
  tRelMs: number;
  connected: number;
  synced: number;
  ready: number;
  reconnecting: number;
  errors: number;
  /** p95 of abs clock error over that second, ms (null: no samples). */
  clockP95Ms: number | null;
  /** Connections the server's edges reported, when known. */
  edgeConnections: number | null;
}

/** Distribution for plots: [value ms, cumulative fraction] pairs, ascending (at most ~200). */
export type Cdf = Array<[number, number]>;

export interface EdgeFigures {
  edges: number;
  peakConnections: number;
  rssPerConnectionKB: number | null;
  /** Server CPU (every edge process) over the measured window, % of the machine's cores. */
  cpuPercent: number | null;
  cpuMicrosPerDeliveredFrame: number | null;
  /** Largest event-loop lag any edge reported, ms. */
  eventLoopLagMs: number | null;
}

export interface LoadReport {
  format: 'crowdlight-sim-report';
  version: 1;
  scenario: ScenarioName;
  profile: string;
  devices: number;
  startedAt: string;
  durationMs: number;
  urls: string[];
  seed: number;
  workers: number;
  connectSuccessRate: number;
  deliveryLatencyMs: Quantiles;
  serverDeliveryLatencyMs: Quantiles;
  clockErrorMs: Quantiles;
  visualErrorMs: Quantiles;
  reconnectMs: { p50: number; p95: number; max: number; count: number };
  syncTimeMs: Quantiles;
  devicesLost: number;
  bytesPerDevicePerSec: number;
  cues: { fired: number; expected: number; seen: number; onTime: number };
  edge: EdgeFigures;
  sim: { rssPerDeviceKB: number; cpuPercent: number };
  errors: Record<string, number>;
  closesByCode: Record<string, number>;
  timeline: TimelinePoint[];
  plots: { deliveryLatency: Cdf; serverDeliveryLatency: Cdf; clockError: Cdf; visualError: Cdf; reconnect: Cdf };
  targets: TargetRow[];
  /** Every target passed. */
  passed: boolean;
  /** Things the run itself noticed (e.g. "sim CPU was 95 %: figures include the simulator's own delays"). */
  notes: string[];
}

/** What the orchestrator hands to the report builder (src/sim/live/report) at the end of a run. */
export interface ReportInput {
  scenario: ScenarioName;
  profile: string;
  devices: number;
  startedAt: string;
  durationMs: number;
  urls: string[];
  seed: number;
  results: WorkerResult[];
  timeline: TimelinePoint[];
  edge: EdgeFigures;
  /** Live cues fired by the orchestrator. */
  cuesFired: number;
  /** Simulator processes' CPU (all workers + orchestrator) over the run, and the run's wall time. */
  simCpuMicros: number;
  wallMs: number;
  /** os.availableParallelism() of the host. */
  cores: number;
  notes: string[];
}
