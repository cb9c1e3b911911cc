/**
 * Test support for the edge: a real Bun.serve on port 0 carrying one edge, an InProcessBus
 * on which the test plays the controller (publishing feed ops built with core/protocol), and
 * phones that are real WebSocket clients. Every wait is on an event, with a timeout guard.
 */
import type { Server } from 'bun';
import { InProcessBus, Subjects, encodeFeedOp, type FeedOp } from '../../../src/bus/index.ts';
import {
  decodeServerMessage,
  encode,
  type ClientMessage,
  type HelloMessage,
  type ServerMessage,
  type SeatRef,
} from '../../../src/core/protocol/index.ts';
import type { VenueSpec } from '../../../src/core/venue/runtime.ts';
import { createEdge, type Edge, type EdgeLimits, type EdgeSocketData } from '../../../src/edge/index.ts';
import { StaticSite } from '../../../src/web/static-site.ts';

export const WAIT_MS = 3000;

/** Rejects after `ms` with a message naming what was awaited. */
export function within<T>(p: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

/** The test's controller clock: epoch-sized, like the real one. */
export const controllerNow = (): number => performance.timeOrigin + performance.now();

/** A venue with two sections: A in zones north and bowl, B in zones south and bowl. */
export const TWO_SECTION_VENUE: VenueSpec = {
  version: 1,
  id: 'test-arena',
  name: 'Test Arena',
  sections: [
    { id: 'A', x: 0, y: 20, rotation: 90, rows: 3, seatsPerRow: 10, seatPitch: 0.5, rowPitch: 0.8, tier: 1, rowLabels: ['R1', 'R2', 'R3'] },
    { id: 'B', x: 0, y: -20, rotation: 270, rows: 2, seatsPerRow: 8, seatPitch: 0.5, rowPitch: 0.8, tier: 1 },
  ],
  zones: [
    { id: 'north', sections: ['A'] },
    { id: 'south', sections: ['B'] },
    { id: 'bowl', sections: ['A', 'B'] },
  ],
};

export interface EdgeRig {
  bus: InProcessBus;
  edge: Edge;
  server: Server<EdgeSocketData>;
  site: StaticSite;
  /** http://127.0.0.1:port */
  url: string;
  wsUrl: string;
  /** Publish a feed op as the controller would. */
  feed(op: FeedOp): void;
  /** Edge ids the edge asked to replay for. */
  replays: string[];
  stop(): Promise<void>;
}

export function startEdge(
  opts: { limits?: Partial<EdgeLimits>; edgeId?: string; log?: (line: string) => void; attach?: boolean } = {},
): EdgeRig {
  const bus = new InProcessBus();
  const site = new StaticSite();
  const replays: string[] = [];
  bus.subscribe(Subjects.replay, (d) => replays.push(new TextDecoder().decode(d)));
  const edge = createEdge({ bus, edgeId: opts.edgeId ?? 'edge-test', now: controllerNow, site, limits: opts.limits, log: opts.log ?? (() => {}) });
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch(req, srv) {
      const r = edge.fetch(req, srv);
      if (r === undefined) return undefined;
      return r ?? new Response('not found\n', { status: 404 });
    },
    websocket: edge.websocket,
  });
  if (opts.attach !== false) edge.attach(server);
  const url = `http://127.0.0.1:${server.port}`;
  return {
    bus,
    edge,
    server,
    site,
    url,
    wsUrl: `ws://127.0.0.1:${server.port}/ws`,
    feed: (op) => bus.publish(Subjects.feed, encodeFeedOp(op)),
    replays,
    async stop() {
      await edge.close();
      await server.stop(true);
      await bus.close();
    },
  };
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A phone: a real WebSocket client that queues what it receives, decoded. */
export class TestPhone {
  readonly ws: WebSocket;
  readonly received: ServerMessage[] = [];
  readonly closed: Promise<CloseInfo>;
  readonly opened: Promise<void>;
  private waiters: (() => void)[] = [];
  private cursor = 0;
  isClosed = false;

  constructor(wsUrl: string) {
    this.ws = new WebSocket(wsUrl);
    this.ws.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.addEventListener('open', () => resolve(), { once: true });
      this.ws.addEventListener('error', () => reject(new Error('websocket error before open')), { once: true });
    });
    this.closed = new Promise((resolve) => {
      this.ws.addEventListener('close', (e) => {
        this.isClosed = true;
        resolve({ code: e.code, reason: e.reason });
        this.wake();
      });
    });
    this.ws.addEventListener('message', (e) => {
      this.received.push(decodeServerMessage(e.data as ArrayBuffer));
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** The next message not yet taken, in arrival order. */
  async next(what = 'a frame'): Promise<ServerMessage> {
    await within(
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (this.cursor < this.received.length) resolve();
          else if (this.isClosed) reject(new Error(`socket closed while waiting for ${what}`));
          else this.waiters.push(check);
        };
        check();
      }),
      what,
    );
    return this.received[this.cursor++]!;
  }

  /** Takes frames until one of `type` arrives; returns it (skipped frames are returned too). */
  async nextOf<T extends ServerMessage['type']>(type: T): Promise<{ msg: Extract<ServerMessage, { type: T }>; skipped: ServerMessage[] }> {
    const skipped: ServerMessage[] = [];
    for (;;) {
      const m = await this.next(`a ${type} frame`);
      if (m.type === type) return { msg: m as Extract<ServerMessage, { type: T }>, skipped };
      skipped.push(m);
    }
  }

  send(msg: ClientMessage): void {
    this.ws.send(encode(msg));
  }

  sendRaw(data: Uint8Array | string): void {
    this.ws.send(typeof data === 'string' ? data : (data.slice() as Uint8Array<ArrayBuffer>));
  }

  waitClosed(what = 'the socket to close'): Promise<CloseInfo> {
    return within(this.closed, what);
  }

  close(): void {
    this.ws.close();
  }
}

let deviceCounter = 0;

/** A hello with a fresh device id (and optional seat / resume token). */
export function helloMessage(seat: SeatRef | null = null, resumeToken: Uint8Array | null = null, deviceId?: Uint8Array): HelloMessage {
  const id = deviceId ?? new Uint8Array(16);
  if (!deviceId) new DataView(id.buffer).setUint32(0, ++deviceCounter, true);
  return { type: 'hello', protocolVersion: 1, deviceId: id, seat, resumeToken };
}

/** Opens a phone and, unless `hello` is false, says hello and waits for welcome. */
export async function joinPhone(rig: EdgeRig, seat: SeatRef | null = null, opts: { resumeToken?: Uint8Array; deviceId?: Uint8Array } = {}) {
  const phone = new TestPhone(rig.wsUrl);
  await within(phone.opened, 'the socket to open');
  const hello = helloMessage(seat, opts.resumeToken ?? null, opts.deviceId);
  phone.send(hello);
  const welcome = await phone.next('welcome');
  if (welcome.type !== 'welcome') throw new Error(`expected welcome first, got ${welcome.type}`);
  return { phone, welcome, hello };
}

/** Waits until `cond()` holds, re-checking on each turn of the event loop (bounded). */
export async function until(cond: () => boolean, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await Bun.sleep(2);
  }
}
