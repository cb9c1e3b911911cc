/**
 * What the edge keeps per connection (Bun's `ws.data`): one flat object of numbers and
 * strings shared with the rest of the process. Nothing per connection runs on its own
 * timer, owns a string of its own once placed in the venue, or points to another object:
 * at 100,000 phones every field costs about 0.8 MB, every extra object several times that
 * (docs/edge.md, "Memory per connection").
 */

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
  /** Seat from hello, kept to re-subscribe when the venue changes: section id ('' = no
   *  seat), row label ('' = unknown), seat number (0 = unknown). Once the seat is found in
   *  the venue, the two strings are the venue's own (shared by every phone of that row). */
  seatSection: string;
  seatRow: string;
  seatNumber: number;
  /** The AudienceStats slot of the show named by the latest counted `ready`, -1 for none. */
  readySlot: number;
  /** Latest quality report, packed (see packQuality), -1 before any. */
  quality: number;
}

export const QUALITY_SYNCED = 1;
export const QUALITY_DEGRADED = 2;

/** One quality report in one number: rtt bucket, uncertainty bucket (each < 256) and flags. */
export function packQuality(rttBucket: number, uncertaintyBucket: number, flags: number): number {
  return (rttBucket & 0xff) | ((uncertaintyBucket & 0xff) << 8) | ((flags & 0xff) << 16);
}
export const qualityRttBucket = (q: number): number => q & 0xff;
export const qualityUncertaintyBucket = (q: number): number => (q >>> 8) & 0xff;
export const qualityFlags = (q: number): number => (q >>> 16) & 0xff;

/** Fresh per-connection state (one object per upgrade, always of the same shape). */
export function newSocketData(nowMs: number, tokens: number): EdgeSocketData {
  return {
    sessionId: 0,
    helloReceived: false,
    openedAtMs: nowMs,
    lastSeenMs: nowMs,
    tokens,
    seatSection: '',
    seatRow: '',
    seatNumber: 0,
    readySlot: -1,
    quality: -1,
  };
}
