import { afterEach, expect, test } from 'bun:test';
import { InProcessBus, Subjects, encodeFeedOp, type FeedOp } from '../../src/bus/index.ts';
import type { SeatRef } from '../../src/core/protocol/index.ts';
import { createEdge, type Edge, type EdgeSocket } from '../../src/edge/index.ts';
import { StaticSite } from '../../src/web/static-site.ts';
import { controllerNow, helloMessage, TestPhone, TWO_SECTION_VENUE, within } from './support/edge-harness.ts';

// A real edge on a real Bun.serve whose open handler also keeps every socket, so the test can
// look at what the edge stores per connection.
interface Rig {
  edge: Edge;
  sockets: EdgeSocket[];
  wsUrl: string;
  feed(op: FeedOp): void;
  stop(): Promise<void>;
}
let rig: Rig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

function start(): Rig {
  const bus = new InProcessBus();
  const edge = createEdge({ bus, edgeId: 'edge-data', now: controllerNow, site: new StaticSite(), log: () => {} });
  const sockets: EdgeSocket[] = [];
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: (req, srv) => edge.fetch(req, srv) ?? new Response('not found', { status: 404 }),
    websocket: {
      ...edge.websocket,
      open(ws) {
        sockets.push(ws);
        edge.websocket.open!(ws);
      },
    },
  });
  edge.attach(server);
  return {
    edge,
    sockets,
    wsUrl: `ws://127.0.0.1:${server.port}/ws`,
    feed: (op) => bus.publish(Subjects.feed, encodeFeedOp(op)),
    async stop() {
      await edge.close();
      await server.stop(true);
      await bus.close();
    },
  };
}

async function join(r: Rig, seat: SeatRef | null): Promise<{ phone: TestPhone; ws: EdgeSocket }> {
  const phone = new TestPhone(r.wsUrl);
  await within(phone.opened, 'the socket to open');
  phone.send(helloMessage(seat));
  await phone.nextOf('welcome');
  return { phone, ws: r.sockets[r.sockets.length - 1]! };
}

/** Waits until the edge has taken in what the phone sent (its stats say so). */
async function until(cond: () => boolean, what: string): Promise<void> {
  await within(
    (async () => {
      while (!cond()) await Bun.sleep(5);
    })(),
    what,
  );
}

test('edge socket data - after hello, ready and a quality report a phone\'s data holds no object', async () => {
  rig = start();
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  const { phone, ws } = await join(rig, { section: 'A', row: 'R2', seat: 4 });
  phone.send({ type: 'ready', showId: 7, showVersion: 2, contentHash: new Uint8Array(32) });
  phone.send({
    type: 'qualityReport',
    uncertaintyMs: 0.7,
    rttMs: 12,
    offsetChangeMs: 0,
    driftPpm: 3,
    framesDropped: 0,
    framesRendered: 60,
    batteryPercent: 50,
    synced: true,
    degraded: false,
    charging: false,
    torchAvailable: false,
    torchOn: false,
    wakeLockHeld: true,
    pageHidden: false,
  });
  const e = rig.edge;
  await until(() => e.stats().synced === 1 && e.stats().ready['7.2'] === 1, 'ready and quality counted');
  for (const [k, v] of Object.entries(ws.data)) expect([k, typeof v]).toEqual([k, expect.stringMatching(/^(number|boolean|string)$/)]);
  expect([ws.data.seatSection, ws.data.seatRow, ws.data.seatNumber]).toEqual(['A', 'R2', 4]);
  expect(ws.data.readySlot).toBeGreaterThanOrEqual(0);
  expect(ws.data.quality).toBeGreaterThanOrEqual(0);
  // The phone's close takes it out of every count.
  phone.close();
  await until(() => e.stats().connections === 0, 'the close');
  const s = e.stats();
  expect([s.synced, s.ready, s.rttHistogram.reduce((a, b) => a + b, 0)]).toEqual([0, {}, 0]);
});

test('edge socket data - a phone keeps its seat across venues and is moved by it', async () => {
  rig = start();
  // Before any venue: all only, the seat kept as sent.
  const { phone, ws } = await join(rig, { section: 'B', row: '2', seat: 1 });
  expect(ws.subscriptions).toEqual(['all']);
  expect([ws.data.seatSection, ws.data.seatRow, ws.data.seatNumber]).toEqual(['B', '2', 1]);
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  expect(new Set(ws.subscriptions)).toEqual(new Set(['all', 'zone:1', 'zone:2', 'section:1']));
  // A venue where B comes first and row 2 no longer exists: section B, row 2 is not a seat there.
  const swapped = { ...TWO_SECTION_VENUE, sections: [{ ...TWO_SECTION_VENUE.sections[1]!, rows: 1 }, TWO_SECTION_VENUE.sections[0]!] };
  rig.feed({ op: 'venue', json: JSON.stringify(swapped) });
  expect(ws.subscriptions).toEqual(['all']);
  expect([ws.data.seatSection, ws.data.seatRow, ws.data.seatNumber]).toEqual(['B', '2', 1]);
  // Back to a venue that has the row: the phone is placed again from its kept seat.
  const grown = { ...swapped, sections: [{ ...TWO_SECTION_VENUE.sections[1]! }, TWO_SECTION_VENUE.sections[0]!] };
  rig.feed({ op: 'venue', json: JSON.stringify(grown) });
  expect(new Set(ws.subscriptions)).toEqual(new Set(['all', 'zone:1', 'zone:2', 'section:0']));
  phone.close();
});
