/**
 * The bus between the controller and its edges. Subjects and payloads are NATS-shaped
 * (a subject string, opaque bytes), so the in-process bus of the embedded default and a
 * NATS or inter-process bus can stand in for one another behind this interface.
 */
export type BusHandler = (data: Uint8Array, subject: string) => void;

export interface Bus {
  /** Delivers `data` to every current subscriber of `subject` (exact match). Fire and forget. */
  publish(subject: string, data: Uint8Array): void;
  /** Returns a function that removes this subscription. */
  subscribe(subject: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}

/** Subjects crowdlight uses. */
export const Subjects = {
  /** controller -> edges: edge-feed ops (see edge-feed.ts). */
  feed: 'crowdlight.feed',
  /** edge -> controller: "I am new (or lost my state); send me everything". Payload: edge id, UTF-8. */
  replay: 'crowdlight.feed.replay',
  /** edge -> controller, about once a second: EdgeStats as UTF-8 JSON. */
  stats: 'crowdlight.edge.stats',
  /** edge -> controller process, about once a second: `<edge id>\n` then the edge's /metrics
   *  page (UTF-8), so one scrape of any edge can answer for every edge process. */
  metrics: 'crowdlight.edge.metrics',
} as const;
