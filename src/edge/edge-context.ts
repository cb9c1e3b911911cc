/**
 * The state one edge process shares between its socket handlers, its feed handler, its
 * timers and its HTTP routes. Everything here exists once per process.
 */
import type { Server, ServerWebSocket } from 'bun';
import type { AudienceStats } from './audience-stats.ts';
import type { EdgeCounters } from './edge-counters.ts';
import type { EdgeLimits } from './edge-limits.ts';
import type { ResumeTokens } from './resume-token.ts';
import type { RetainedFrames } from './retained-frames.ts';
import type { EdgeSocketData } from './socket-data.ts';
import type { VenueTopics } from './venue-topics.ts';

export type EdgeSocket = ServerWebSocket<EdgeSocketData>;
export type EdgeServer = Server<EdgeSocketData>;

export interface EdgeContext {
  readonly edgeId: string;
  /** Controller time, ms. */
  readonly now: () => number;
  readonly limits: EdgeLimits;
  readonly counters: EdgeCounters;
  readonly audience: AudienceStats;
  readonly retained: RetainedFrames;
  readonly resumeTokens: ResumeTokens;
  /** Every open socket (for draining and the backpressure pass). */
  readonly sockets: Set<EdgeSocket>;
  /** Open sockets that have not said hello yet (for the hello-timeout sweep). */
  readonly awaitingHello: Set<EdgeSocket>;
  /** Seat -> topics, from the latest venue the controller sent; null before one arrives. */
  topics: VenueTopics | null;
  /** Open sockets that have said hello. */
  connections: number;
  /** Last session id handed out (u32, never 0). */
  lastSessionId: number;
  /** Set by attach(); until then retained frames are kept but not published. */
  server: EdgeServer | null;
  /** Set by close(). */
  closed: boolean;
  readonly log: (line: string) => void;
}

/** Next session id: a u32 counter from a random start, skipping 0. */
export function nextSessionId(ctx: EdgeContext): number {
  let id = (ctx.lastSessionId + 1) >>> 0;
  if (id === 0) id = 1;
  ctx.lastSessionId = id;
  return id;
}

/** Publishes one frame to a topic (once attached) and counts a copy per subscriber. */
export function publishFrame(ctx: EdgeContext, topic: string, frame: Uint8Array): void {
  const server = ctx.server;
  if (server === null || ctx.closed) return;
  const n = server.subscriberCount(topic);
  if (n === 0) return;
  server.publish(topic, frame);
  ctx.counters.countOut(frame, n);
}
