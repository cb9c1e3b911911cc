/**
 * src/edge: the WebSocket edge server (docs/edge.md).
 */
export { createEdge, type Edge, type EdgeOptions } from './edge.ts';
export { DEFAULT_EDGE_LIMITS, resolveEdgeLimits, type EdgeLimits } from './edge-limits.ts';
export { EdgeError, type EdgeErrorCode } from './errors.ts';
export type { EdgeSocketData } from './socket-data.ts';
export type { EdgeServer, EdgeSocket } from './edge-context.ts';
export { mergeMetricsPages } from './metrics-text.ts';
export { closeCodeName, countedCloseCode } from './close-names.ts';
export { ResumeTokens, RESUME_TOKEN_BYTES } from './resume-token.ts';
export { VenueTopics } from './venue-topics.ts';
