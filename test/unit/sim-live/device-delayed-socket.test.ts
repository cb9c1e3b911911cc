/**
 * DelayedSocket over a real socket to a small Bun.serve server: the modelled delays hold
 * each way, TCP order holds whatever the delays, a close from either side comes after the
 * messages before it, and bytes are counted with their frame headers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Server } from 'bun';
import { DelayedSocket, OFFLINE_FAIL_MS, clientFrameBytes, serverFrameBytes, type LinkModel } from '../../../src/sim/live/device/delayed-socket.ts';
import { DelayScheduler } from '../../../src/sim/live/device/scheduler.ts';

const now = () => performance.now();

/** Server side: 'burst N' answers N numbered frames at once; 'close' closes with 4001 right
 *  after a last frame; every binary message is recorded in arrival order. */
let server: Server<undefined>;
const received: number[] = [];
let serverSawClose = false;

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(req, srv) {
      return srv.upgrade(req) ? undefined : new Response('no', { status: 400 });
    },
    websocket: {
      message(ws, msg) {
        if (typeof msg === 'string') {
          const [cmd, n] = msg.split(' ');
          if (cmd === 'burst') for (let i = 0; i < Number(n); i++) ws.send(new Uint8Array([i]));
          if (cmd === 'close') {
            ws.send(new Uint8Array([99]));
            ws.close(4001, 'bye');
          }
          return;
        }
        received.push(new Uint8Array(msg as unknown as ArrayBuffer)[0]!);
      },
      close() {
        serverSawClose = true;
      },
    },
  });
});

afterAll(() => {
  server?.stop(true);
});

interface TestModel extends LinkModel {
  up: number[];
  down: number[];
  handledAt: number[];
  arrivedAt: number[];
  bytesOut: number;
  bytesIn: number;
  closes: Array<{ code: number; opened: boolean; error: string }>;
  pageCloses: boolean[];
}

/** Delays from lists (cycled), handler runs 1 ms after delivery. */
function model(up: number[], down: number[]): TestModel {
  let u = 0;
  let d = 0;
  const m: TestModel = {
    up,
    down,
    handledAt: [],
    arrivedAt: [],
    bytesOut: 0,
    bytesIn: 0,
    closes: [],
    pageCloses: [],
    now,
    uplinkDelayMs: () => up[u++ % up.length]!,
    downlinkDelayMs: () => down[d++ % down.length]!,
    handlerAt: (at) => at + 1,
    sentBytes: (n) => (m.bytesOut += n),
    receivedBytes: (n) => (m.bytesIn += n),
    arrived: (_data, at) => m.arrivedAt.push(at),
    handled: (_data, at) => m.handledAt.push(at),
    closed: (code, opened, error) => m.closes.push({ code, opened, error }),
    pageClosed: (opened) => m.pageCloses.push(opened),
  };
  return m;
}

async function until(what: string, probe: () => boolean, ms = 5000): Promise<void> {
  const end = now() + ms;
  while (!probe()) {
    if (now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function openSocket(m: LinkModel, sched: DelayScheduler): Promise<DelayedSocket> {
  const s = new DelayedSocket(`ws://127.0.0.1:${server.port}/`, m, sched);
  return new Promise((resolve, reject) => {
    s.onopen = () => resolve(s);
    s.onclose = () => reject(new Error('closed before open'));
  });
}

describe('device delayed socket', () => {
  test('device delayed socket - outbound messages keep their order when a later one draws a shorter delay', async () => {
    received.length = 0;
    const sched = new DelayScheduler(now);
    const m = model([60, 5, 30, 0, 10], [0]);
    const s = await openSocket(m, sched);
    const buf = new Uint8Array(1);
    const sentAt = now();
    for (let i = 0; i < 10; i++) {
      buf[0] = i; // the same buffer reused, as the clock driver does
      s.send(buf);
    }
    await until('all ten', () => received.length === 10);
    expect(received).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // None could leave before the first one's delay.
    expect(now() - sentAt).toBeGreaterThanOrEqual(60);
    expect(m.bytesOut).toBe(10 * clientFrameBytes(1));
    s.close();
    sched.stop();
  });

  test('device delayed socket - inbound messages wait their downlink and handler delay, in order', async () => {
    const sched = new DelayScheduler(now);
    const m = model([0], [40, 1, 25, 3]);
    const s = await openSocket(m, sched);
    const got: number[] = [];
    const ranAt: number[] = [];
    s.onmessage = (ev) => {
      ranAt.push(now());
      got.push(new Uint8Array(ev.data as ArrayBuffer)[0]!);
    };
    (s as unknown as { real: WebSocket }).real.send('burst 8');
    await until('eight frames', () => got.length === 8);
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(m.arrivedAt.length).toBe(8);
    // Each modelled handling instant: its arrival plus its downlink delay and the handler's
    // 1 ms, and never before the one before it.
    for (let i = 0; i < 8; i++) {
      expect(m.handledAt[i]!).toBeGreaterThanOrEqual(m.arrivedAt[i]! + m.down[i % 4]! + 1);
      if (i > 0) expect(m.handledAt[i]!).toBeGreaterThanOrEqual(m.handledAt[i - 1]!);
      // The page's handler runs at the modelled instant or (a busy process) after it.
      expect(ranAt[i]!).toBeGreaterThanOrEqual(m.handledAt[i]!);
    }
    expect(m.bytesIn).toBe(8 * serverFrameBytes(1));
    s.close();
    sched.stop();
  });

  test('device delayed socket - the edge closing comes to the page after the frames before it', async () => {
    const sched = new DelayScheduler(now);
    const m = model([0], [50]);
    const s = await openSocket(m, sched);
    const events: string[] = [];
    s.onmessage = (ev) => events.push(`frame ${new Uint8Array(ev.data as ArrayBuffer)[0]}`);
    const closed = new Promise<number>((resolve) => (s.onclose = (ev) => resolve(ev.code)));
    (s as unknown as { real: WebSocket }).real.send('close');
    const code = await closed;
    events.push(`close ${code}`);
    expect(events).toEqual(['frame 99', 'close 4001']);
    expect(m.closes).toEqual([{ code: 4001, opened: true, error: '' }]);
    expect(s.readyState).toBe(3);
    sched.stop();
  });

  test('device delayed socket - a close by the page leaves after the messages it sent before it', async () => {
    received.length = 0;
    serverSawClose = false;
    const sched = new DelayScheduler(now);
    const m = model([40], [0]);
    const s = await openSocket(m, sched);
    s.send(new Uint8Array([7]));
    s.close(1000);
    expect(s.readyState).toBe(3);
    await until('the close', () => serverSawClose);
    expect(received).toEqual([7]);
    // The page closed it: that is not reported as a close of the edge's, but as the page's.
    expect(m.closes).toEqual([]);
    expect(m.pageCloses).toEqual([true]);
    s.close(1000);
    expect(m.pageCloses).toEqual([true]);
    sched.stop();
  });

  test('device delayed socket - a page giving up on a socket still connecting is told as unopened; a drop or terminate is not a page close', async () => {
    const sched = new DelayScheduler(now);
    const m = model([0], [0]);
    const s = new DelayedSocket(`ws://127.0.0.1:${server.port}/`, m, sched);
    s.close(1000);
    expect(m.pageCloses).toEqual([false]);
    const a = await openSocket(m, sched);
    a.drop();
    const b = await openSocket(m, sched);
    b.terminate();
    expect(m.pageCloses).toEqual([false]);
    sched.stop();
  });

  test('device delayed socket - a dropped network closes with 1006 at once; a connect without network fails unopened', async () => {
    const sched = new DelayScheduler(now);
    const m = model([0], [0]);
    const s = await openSocket(m, sched);
    let code = 0;
    s.onclose = (ev) => (code = ev.code);
    s.drop();
    expect(code).toBe(1006);
    expect(s.readyState).toBe(3);
    const offline = new DelayedSocket(null, m, sched);
    let opened = false;
    offline.onopen = () => (opened = true);
    const t = now();
    const failed = await new Promise<number>((resolve) => (offline.onclose = (ev) => resolve(ev.code)));
    expect(failed).toBe(1006);
    expect(opened).toBe(false);
    expect(now() - t).toBeGreaterThanOrEqual(OFFLINE_FAIL_MS - 5);
    sched.stop();
  });

  test('device delayed socket - a refused upgrade is reported unopened with the HTTP status in its error', async () => {
    const refuse = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('busy', { status: 503 }) });
    const sched = new DelayScheduler(now);
    const m = model([0], [0]);
    const s = new DelayedSocket(`ws://127.0.0.1:${refuse.port}/`, m, sched);
    const code = await new Promise<number>((resolve) => (s.onclose = (ev) => resolve(ev.code)));
    expect(code).toBe(1006);
    expect(m.closes.length).toBe(1);
    expect(m.closes[0]!.opened).toBe(false);
    expect(m.closes[0]!.error).toContain('503');
    refuse.stop(true);
    sched.stop();
  });
});
