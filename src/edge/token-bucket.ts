/**
 * Token buckets. The per-connection one lives in the socket's data (two numbers, refilled
 * lazily on each message); the per-process upgrade bucket is one small object.
 */
import type { EdgeSocketData } from './socket-data.ts';

/** Takes one token from a socket's bucket; false when empty (the socket is over its rate). */
export function takeMessageToken(d: EdgeSocketData, nowMs: number, burst: number, perSecond: number): boolean {
  const elapsed = nowMs - d.lastSeenMs;
  d.lastSeenMs = nowMs;
  let t = d.tokens + (elapsed > 0 ? (elapsed * perSecond) / 1000 : 0);
  if (t > burst) t = burst;
  if (t < 1) {
    d.tokens = t;
    return false;
  }
  d.tokens = t - 1;
  return true;
}

/** A token bucket shared by the whole process (the upgrade-rate guard). */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.last = nowMs;
  }

  take(nowMs: number): boolean {
    const elapsed = nowMs - this.last;
    this.last = nowMs;
    if (elapsed > 0) this.tokens = Math.min(this.burst, this.tokens + (elapsed * this.perSecond) / 1000);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
