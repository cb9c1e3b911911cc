/**
 * What the edge keeps per connection (Bun's `ws.data`): a handful of numbers and two small
 * references. Nothing per connection runs on its own timer; everything time-based is a
 * per-process sweep or Bun's own idle timeout.
 */
import type { SeatRef } from '../core/protocol/index.ts';

export interface EdgeSocketData {
  /** 0 until hello; then the session id sent in welcome (kept across a resume). */
  sessionId: number;
  helloReceived: boolean;
  /** Controller time (ms) when the socket opened (hello-timeout sweep). */
  openedAtMs: number;
  /** Controller time (ms) of the latest inbound message (also the rate bucket's refill point).
   *  Edge-local timing runs on the controller clock the edge reads anyway; a backward step
   *  of that clock only delays a refill. */
  lastSeenMs: number;
  /** Message token bucket level. */
  tokens: number;
  /** Seat from hello (null: none), kept to re-subscribe when the venue changes. */
  seat: SeatRef | null;
  /** `${showId}.${showVersion}` of the latest ready, or null. */
  readyKey: string | null;
  /** Latest quality report's rtt and uncertainty bucket (latencyBucket), -1 before any. */
  rttBucket: number;
  uncertaintyBucket: number;
  /** Latest quality report flags: QUALITY_SYNCED | QUALITY_DEGRADED. */
  qualityFlags: number;
}

export const QUALITY_SYNCED = 1;
export const QUALITY_DEGRADED = 2;

/** Fresh per-connection state (one object per upgrade, always of the same shape). */
export function newSocketData(nowMs: number, tokens: number): EdgeSocketData {
  return {
    sessionId: 0,
    helloReceived: false,
    openedAtMs: nowMs,
    lastSeenMs: nowMs,
    tokens,
    seat: null,
    readyKey: null,
    rttBucket: -1,
    uncertaintyBucket: -1,
    qualityFlags: 0,
  };
}
