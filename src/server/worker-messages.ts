/**
 * What the controller process and its edge processes say to each other over Bun's IPC
 * channel (structured clone). The bus carries the show; IPC carries only the process's own
 * life: its start-up configuration, "listening" or "failed", and log lines.
 */
import type { EdgeLimits } from '../edge/index.ts';
import type { StaticAsset } from '../web/static-site.ts';

export interface EdgeProcessConfig {
  edgeId: string;
  hostname: string;
  port: number;
  /** The bus hub's Unix socket. */
  busPath: string;
  /** The controller's private HTTP socket (operator API and aggregate /metrics). */
  controlPath: string;
  limits: Partial<EdgeLimits>;
  /** How often the edge publishes its metrics page on the bus, ms. */
  metricsIntervalMs: number;
}

/** controller process -> edge process. */
export type ToEdgeProcess = { type: 'start'; config: EdgeProcessConfig; assets: StaticAsset[] };

export type EdgeStartFailure = 'port-in-use' | 'listen-failed' | 'bus-unavailable' | 'bad-option';

/** edge process -> controller process. */
export type FromEdgeProcess =
  | { type: 'listening'; edgeId: string; port: number; pid: number }
  | { type: 'failed'; edgeId: string; code: EdgeStartFailure; message: string }
  | { type: 'log'; line: string };
