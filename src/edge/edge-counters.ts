/**
 * Cumulative counters of one edge process (since it started). Plain numbers and typed
 * arrays indexed by the frame's type byte, so counting on the hot paths never allocates.
 */
export class EdgeCounters {
  /** Inbound binary frames by type byte (any byte: unknown types are counted too). */
  readonly framesIn = new Float64Array(256);
  /** Inbound text frames (always refused). */
  textFramesIn = 0;
  /** Outbound frames by type byte: direct sends count 1, a topic publish counts its
   *  subscribers at the moment of publishing. */
  readonly framesOut = new Float64Array(256);
  framesOutTotal = 0;
  /** WebSocket payload bytes (frame headers and TCP/IP not included). */
  bytesIn = 0;
  bytesOut = 0;
  syncExchanges = 0;
  sessionsFresh = 0;
  sessionsResumed = 0;
  /** Hellos whose resume token did not verify (they got a fresh session). */
  resumeRejected = 0;
  upgradesAccepted = 0;
  /** Upgrades answered 503 by the upgrade-rate guard, or while draining. */
  upgradesRefused = 0;
  /** Keyframe passes (each re-publishes every retained frame). */
  keyframes = 0;
  /** Socket sweeps (idle and backpressure checks over every open socket). */
  sweeps = 0;
  feedOps = 0;
  /** Feed ops that could not be applied (bad bytes, bad venue). */
  feedErrors = 0;
  /** Venues applied (phones moved to their seat's topics); a replay of the same venue is not one. */
  venueChanges = 0;
  /** Closes by counted code (see close-names.ts). */
  readonly closes = new Map<number, number>();

  countOut(frame: Uint8Array, copies: number): void {
    if (copies <= 0) return;
    this.framesOut[frame[0]!]! += copies;
    this.framesOutTotal += copies;
    this.bytesOut += frame.length * copies;
  }

  countClose(code: number): void {
    this.closes.set(code, (this.closes.get(code) ?? 0) + 1);
  }
}
