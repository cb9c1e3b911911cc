/**
 * crowdlight's edge as the benches run it on its own: `createEdge` on a `Bun.serve` of this
 * process, fed over an in-process bus on which the bench plays the controller.
 */
import type { Server } from 'bun';
import { InProcessBus, Subjects, encodeFeedOp, type FeedOp } from '../../src/bus/index.ts';
import { createEdge, type Edge, type EdgeLimits, type EdgeSocketData } from '../../src/edge/index.ts';
// The clock alone, not the server's index: the edge-scale server process measures its own RSS.
import { controllerNow } from '../../src/server/controller-clock.ts';
import { StaticSite } from '../../src/web/static-site.ts';

export interface BenchEdge {
  edge: Edge;
  server: Server<EdgeSocketData>;
  /** Publishes a feed op as the controller would. */
  feed(op: FeedOp): void;
  stop(): Promise<void>;
}

/** An attached edge named `bench` listening on `hostname` (any free port). */
export function serveBenchEdge(hostname: string, limits: Partial<EdgeLimits>): BenchEdge {
  const bus = new InProcessBus();
  const edge = createEdge({ bus, edgeId: 'bench', now: controllerNow, site: new StaticSite(), limits });
  const server = Bun.serve({
    hostname,
    port: 0,
    fetch: (req, srv) => edge.fetch(req, srv) ?? new Response('not found', { status: 404 }),
    websocket: edge.websocket,
  });
  edge.attach(server);
  return {
    edge,
    server,
    feed: (op) => bus.publish(Subjects.feed, encodeFeedOp(op)),
    async stop() {
      await edge.close();
      await server.stop(true);
    },
  };
}
