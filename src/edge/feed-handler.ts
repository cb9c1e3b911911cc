/**
 * Applies the controller's feed ops (src/bus/edge-feed.ts) to one edge: retained state,
 * one-off frames, show packages for the static site, and the venue's seat -> topic map.
 */
import { decodeFeedOp } from '../bus/index.ts';
import type { StaticSite } from '../web/static-site.ts';
import { publishFrame, type EdgeContext } from './edge-context.ts';
import { subscribeSeat } from './socket-handler.ts';
import { VenueTopics } from './venue-topics.ts';

export function createFeedHandler(ctx: EdgeContext, site: StaticSite): (data: Uint8Array) => void {
  // Package paths from the feed, least recently announced first. Paths are content-addressed,
  // so a path already held is the same bytes (a replay): it only moves to the end, and is not
  // added (and compressed) again.
  const packages: string[] = [];
  let venueJson: string | null = null;
  const addPackage = (path: string, body: Uint8Array, contentType: string): void => {
    const known = packages.indexOf(path);
    if (known >= 0) packages.splice(known, 1);
    if (known < 0 || !site.has(path)) site.add({ path, body, contentType, cache: 'immutable' });
    packages.push(path);
    while (packages.length > ctx.limits.maxShowPackages) site.remove(packages.shift()!);
  };
  return (data) => {
    ctx.counters.feedOps++;
    try {
      const op = decodeFeedOp(data);
      switch (op.op) {
        case 'retain':
          ctx.retained.retain(op.key, op.topic, op.frame);
          publishFrame(ctx, op.topic, op.frame);
          break;
        case 'send':
          publishFrame(ctx, op.topic, op.frame);
          break;
        case 'drop':
          ctx.retained.drop(op.key);
          break;
        case 'reset':
          ctx.retained.clear();
          break;
        case 'package':
          addPackage(op.path, op.body, op.contentType);
          break;
        case 'venue':
          // A replay re-sends the venue in force: moving every phone again would cost
          // O(connections) on every edge for nothing.
          if (op.json === venueJson) break;
          ctx.topics = VenueTopics.fromJson(op.json);
          venueJson = op.json;
          ctx.counters.venueChanges++;
          resubscribeAll(ctx);
          break;
      }
    } catch (err) {
      ctx.counters.feedErrors++;
      ctx.log(`edge ${ctx.edgeId}: feed op not applied: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

/**
 * A new venue changes which zone and section topics each seat belongs to: every phone that
 * said hello is moved to its new topics (once per venue change, O(connections)). Retained
 * frames of topics it newly joins reach it with the next keyframe.
 */
function resubscribeAll(ctx: EdgeContext): void {
  for (const ws of ctx.sockets) {
    if (!ws.data.helloReceived) continue;
    for (const t of ws.subscriptions) ws.unsubscribe(t);
    subscribeSeat(ctx, ws);
  }
}
