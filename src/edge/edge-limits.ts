/**
 * The edge's limits and intervals. Every one has a default chosen for a stadium (see
 * docs/edge.md for the reasoning); tests and operators override single fields.
 */
import { MAX_CLIENT_FRAME_BYTES } from '../core/protocol/index.ts';
import { EdgeError } from './errors.ts';

export interface EdgeLimits {
  /** Largest inbound WebSocket message, bytes. Bun closes a larger one itself with 1009. */
  maxPayloadBytes: number;
  /** Bytes Bun may queue for one socket before it drops the socket (closeOnBackpressureLimit). */
  backpressureLimitBytes: number;
  /** Queued bytes at which the socket sweep closes a socket with 4011 before Bun's hard limit. */
  softBackpressureBytes: number;
  /** A socket with no inbound message for this long is closed with 4012 by the socket sweep
   *  (0 = never). Phones exchange clock-sync at least every ~15 s: that is the heartbeat.
   *  (Bun's own idleTimeout is only a backstop: every frame the edge sends restarts it.) */
  idleTimeoutMs: number;
  /** Period of the socket sweep (idle and backpressure checks over every open socket). */
  sweepIntervalMs: number;
  /** A socket that has not sent hello this long after opening is closed with 4013. */
  helloTimeoutMs: number;
  /** Per-connection message token bucket: capacity and refill rate. Over it: 4010. */
  messageBurst: number;
  messagesPerSecond: number;
  /** Per-process upgrade token bucket (IP-agnostic): capacity and refill rate. Over it: 503. */
  upgradeBurst: number;
  upgradesPerSecond: number;
  /** Open sockets this process accepts (0 = no limit). Over it, upgrades get 503 with the
   *  jittered Retry-After, so the phone's next attempt can land on another process. Each socket
   *  is a file descriptor: `crowdlight serve` sets this from the open-file limit. */
  maxConnections: number;
  /** Range of the jittered Retry-After of a refused upgrade, whole seconds. */
  retryAfterMinSec: number;
  retryAfterMaxSec: number;
  /** How often every retained frame is re-published to its topic. */
  keyframeIntervalMs: number;
  /** How often EdgeStats is published on the bus (also the event-loop lag window). */
  statsIntervalMs: number;
  /** Period of the event-loop lag probe. */
  lagProbeMs: number;
  /** Show packages from the feed kept in the static site: the newest this many (the current
   *  one and those before it, for phones still fetching during a switch); older ones go. */
  maxShowPackages: number;
}

export const DEFAULT_EDGE_LIMITS: Readonly<EdgeLimits> = Object.freeze({
  maxPayloadBytes: MAX_CLIENT_FRAME_BYTES,
  backpressureLimitBytes: 64 * 1024,
  softBackpressureBytes: 32 * 1024,
  idleTimeoutMs: 90_000,
  sweepIntervalMs: 5000,
  helloTimeoutMs: 10_000,
  messageBurst: 40,
  messagesPerSecond: 10,
  upgradeBurst: 5000,
  upgradesPerSecond: 1000,
  maxConnections: 0,
  retryAfterMinSec: 1,
  retryAfterMaxSec: 10,
  keyframeIntervalMs: 15_000,
  statsIntervalMs: 1000,
  lagProbeMs: 100,
  maxShowPackages: 4,
});

function need(ok: boolean, what: string): void {
  if (!ok) throw new EdgeError('bad-option', `edge limits: ${what}`);
}

/** Defaults overlaid with `partial`, checked; throws EdgeError('bad-option'). */
export function resolveEdgeLimits(partial: Partial<EdgeLimits> = {}): EdgeLimits {
  const l: EdgeLimits = { ...DEFAULT_EDGE_LIMITS };
  for (const [k, v] of Object.entries(partial)) {
    if (v === undefined) continue;
    need(Object.hasOwn(DEFAULT_EDGE_LIMITS, k), `unknown limit "${k}"`);
    need(typeof v === 'number' && Number.isFinite(v) && v >= 0, `${k} must be a finite number >= 0`);
    (l as unknown as Record<string, number>)[k] = v;
  }
  need(Number.isInteger(l.maxPayloadBytes) && l.maxPayloadBytes >= 20, 'maxPayloadBytes must be an integer >= 20 (a hello)');
  need(l.softBackpressureBytes <= l.backpressureLimitBytes, 'softBackpressureBytes must not exceed backpressureLimitBytes');
  need(l.idleTimeoutMs <= 900_000, 'idleTimeoutMs must be at most 900000 (15 min)');
  need(l.helloTimeoutMs > 0, 'helloTimeoutMs must be > 0');
  need(l.messageBurst >= 1 && l.messagesPerSecond > 0, 'messageBurst must be >= 1 and messagesPerSecond > 0');
  need(l.upgradeBurst >= 1 && l.upgradesPerSecond > 0, 'upgradeBurst must be >= 1 and upgradesPerSecond > 0');
  need(
    Number.isInteger(l.retryAfterMinSec) && Number.isInteger(l.retryAfterMaxSec) && l.retryAfterMinSec >= 1 && l.retryAfterMaxSec >= l.retryAfterMinSec,
    'need whole seconds 1 <= retryAfterMinSec <= retryAfterMaxSec',
  );
  need(Number.isInteger(l.maxConnections), 'maxConnections must be a whole number (0 = no limit)');
  need(Number.isInteger(l.maxShowPackages) && l.maxShowPackages >= 1, 'maxShowPackages must be an integer >= 1');
  need(l.keyframeIntervalMs >= 10 && l.statsIntervalMs >= 10 && l.sweepIntervalMs >= 10 && l.lagProbeMs >= 1, 'intervals too small');
  return l;
}

/**
 * Bun's idleTimeout (whole seconds, 8..960, 0 = off) for given limits: a backstop past the
 * edge's own idle sweep, for sockets to which nothing is being sent either.
 */
export function bunIdleTimeoutSec(l: EdgeLimits): number {
  if (l.idleTimeoutMs === 0) return 0;
  return Math.min(960, Math.max(8, Math.ceil((l.idleTimeoutMs + l.sweepIntervalMs) / 1000) + 10));
}
