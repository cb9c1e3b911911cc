/**
 * What only the socket bus has: framing over a byte stream, a bad peer isolated, clients
 * that come back after the hub restarts, and a bound on how far a peer may fall behind.
 */
import { afterEach, expect, test } from 'bun:test';
import { connect, type Socket } from 'node:net';
import { BusError, BusFrameReader, encodeBusFrame, SocketBusClient, SocketBusHub, type BusFrame } from '../../../src/bus/index.ts';
import { settled, tempSocketPath, until } from './bus-rigs.ts';

const enc = new TextEncoder();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function hubAt(opts: { maxQueuedBytes?: number } = {}) {
  const { path, remove } = tempSocketPath();
  const logs: string[] = [];
  const hub = new SocketBusHub({ path, log: (l) => logs.push(l), ...opts });
  cleanups.push(remove, () => hub.close());
  return { hub, path, logs };
}

async function client(path: string, onReconnect?: () => void) {
  const c = await SocketBusClient.connect({ path, log: () => {}, onReconnect });
  cleanups.push(() => c.close());
  return c;
}

function raw(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(path, () => resolve(s));
    s.on('error', reject);
    cleanups.push(() => void s.destroy());
  });
}

test('bus frame - frames split at every byte boundary and glued together are read back', () => {
  const frames = [encodeBusFrame(enc.encode('a.b'), Uint8Array.of(1, 2, 3)), encodeBusFrame(enc.encode('ü'), new Uint8Array(0)), encodeBusFrame(enc.encode('x'), new Uint8Array(300).fill(9))];
  const stream = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
  let o = 0;
  for (const f of frames) {
    stream.set(f, o);
    o += f.length;
  }
  for (let cut = 1; cut < stream.length; cut += 7) {
    const r = new BusFrameReader(16);
    const got: BusFrame[] = [];
    r.push(stream.subarray(0, cut), (f) => got.push(f));
    r.push(stream.subarray(cut), (f) => got.push(f));
    expect(got.map((f) => [f.subject, f.payload.length])).toEqual([['a.b', 3], ['ü', 0], ['x', 300]]);
    expect([...got[0]!.payload]).toEqual([1, 2, 3]);
    expect(r.pendingBytes).toBe(0);
  }
});

test('bus frame - impossible lengths and subjects are corrupt frames', () => {
  const bad = [
    Uint8Array.of(1, 0, 0, 0, 0), // length 1: no room for a subject
    Uint8Array.of(255, 255, 255, 255, 1), // length far over the limit
    Uint8Array.of(3, 0, 0, 0, 0, 65, 65), // subject length 0
    Uint8Array.of(3, 0, 0, 0, 9, 65, 65), // subject longer than the frame
    Uint8Array.of(3, 0, 0, 0, 2, 0xff, 0xfe), // subject not UTF-8
  ];
  for (const b of bad) {
    const r = new BusFrameReader();
    let err: unknown = null;
    try {
      r.push(b, () => {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BusError);
    expect((err as BusError).code).toBe('corrupt-frame');
  }
});

test('socket bus - reserved and oversized subjects are refused', async () => {
  const { hub } = hubAt();
  expect(() => hub.publish('$bus.sub', new Uint8Array(1))).toThrow(BusError);
  expect(() => hub.publish('x'.repeat(256), new Uint8Array(1))).toThrow(BusError);
  expect(() => hub.subscribe('', () => {})).toThrow(BusError);
});

test('socket bus - a corrupt frame closes that connection only', async () => {
  const { hub, path, logs } = hubAt();
  const good = await client(path);
  const got: number[] = [];
  good.subscribe('s.ok', (d) => got.push(d[0]!));
  await settled(good);
  const bad = await raw(path);
  const closed = new Promise<void>((resolve) => bad.on('close', () => resolve()));
  bad.write(Uint8Array.of(3, 0, 0, 0, 9, 65, 65));
  await closed;
  await until(() => logs.some((l) => l.includes('corrupt frame')), 'the log line');
  hub.publish('s.ok', Uint8Array.of(5));
  await until(() => got.length === 1, 'delivery to the good client');
  expect(got).toEqual([5]);
  expect(good.connected).toBe(true);
});

test('socket bus - a client resubscribes after the hub restarts, and says so', async () => {
  const { hub, path } = hubAt();
  let reconnects = 0;
  const c = await client(path, () => reconnects++);
  const got: number[] = [];
  c.subscribe('s.back', (d) => got.push(d[0]!));
  await settled(c);
  hub.publish('s.back', Uint8Array.of(1));
  await until(() => got.length === 1, 'the first message');
  await hub.close();
  await until(() => !c.connected, 'the client to notice');
  c.publish('s.back', Uint8Array.of(2)); // queued while the hub is away
  const hub2 = new SocketBusHub({ path, log: () => {} });
  cleanups.push(() => hub2.close());
  const atHub: number[] = [];
  hub2.subscribe('s.back', (d) => atHub.push(d[0]!));
  await until(() => reconnects === 1, 'the reconnection');
  await until(() => atHub.length === 1, 'the queued publish');
  await settled(c);
  hub2.publish('s.back', Uint8Array.of(3));
  await until(() => got.includes(3), 'delivery after the restart');
  expect(atHub).toEqual([2, 3]);
  expect(got).toEqual([1, 2, 3]);
});

test('socket bus - a peer that stops reading is dropped with a log line once too far behind', async () => {
  const { hub, path, logs } = hubAt({ maxQueuedBytes: 1024 * 1024 });
  const good = await client(path);
  const atGood: number[] = [];
  good.subscribe('s.big', (d) => atGood.push(d.length));
  const slow = await raw(path);
  const closed = new Promise<void>((resolve) => slow.on('close', () => resolve()));
  const subject = enc.encode('s.big');
  slow.write(encodeBusFrame(enc.encode('$bus.sub'), subject));
  slow.pause();
  await settled(good);
  await until(() => hub.remoteSubscribers('s.big') === 2, 'both subscriptions at the hub');
  const big = new Uint8Array(512 * 1024);
  // One message at a time, each awaited by the reading client: only the paused peer falls behind.
  for (let i = 0; i < 40 && !logs.some((l) => l.includes('behind')); i++) {
    hub.publish('s.big', big);
    await until(() => atGood.length === i + 1, `message ${i + 1} at the reading client`);
  }
  expect(logs.some((l) => /dropping connection \d+: more than 1048576 bytes behind/.test(l))).toBe(true);
  slow.resume();
  await closed;
  const before = atGood.length;
  hub.publish('s.big', big);
  await until(() => atGood.length === before + 1, 'the reading client to keep receiving');
  expect(good.connected).toBe(true);
});
