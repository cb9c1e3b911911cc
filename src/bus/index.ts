export type { Bus, BusHandler } from './types.ts';
export { Subjects } from './types.ts';
export { InProcessBus } from './in-process-bus.ts';
export { SocketBusHub, type SocketBusHubOptions } from './socket-bus-hub.ts';
export { SocketBusClient, type SocketBusClientOptions } from './socket-bus-client.ts';
export { BusError, type BusErrorCode } from './errors.ts';
export { encodeBusFrame, BusFrameReader, MAX_BUS_FRAME_BYTES, type BusFrame } from './bus-frame.ts';
export { encodeFeedOp, decodeFeedOp, FeedError, TOPIC_ALL, zoneTopic, sectionTopic, type FeedOp } from './edge-feed.ts';
export { LATENCY_BUCKETS_MS, STATS_STALE_MS, latencyBucket, histogramQuantile, goneReport, type EdgeStats } from './edge-stats.ts';
