/**
 * One contract, every bus: the in-process bus of the embedded default and the socket bus
 * between processes must behave the same for everything crowdlight relies on.
 */
import { afterEach, describe, expect, test } from 'bun:test';
import { decodeFeedOp, encodeFeedOp, type Bus } from '../../../src/bus/index.ts';
import { barrier, inProcess, settled, socketBus, until, type BusRig } from './bus-rigs.ts';

const bytes = (...v: number[]) => Uint8Array.from(v);
const u32 = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};
const readU32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(0, true);

for (const kind of [inProcess, socketBus]) {
  describe(`bus contract (${kind.name})`, () => {
    let rig: BusRig | null = null;
    const start = async () => (rig = await kind.start());
    afterEach(async () => {
      await rig?.stop();
      rig = null;
    });

    test('bus - a message reaches every subscriber of its subject, and only of that subject', async () => {
      const { endpoints: [hub, a, b] } = await start();
      const got: string[] = [];
      const record = (who: string) => (d: Uint8Array, subject: string) => got.push(`${who}:${subject}:${d[0]}`);
      hub.subscribe('s.one', record('hub'));
      a.subscribe('s.one', record('a'));
      b.subscribe('s.two', record('b'));
      await settled(a);
      await settled(b);
      hub.publish('s.one', bytes(1));
      b.publish('s.one', bytes(2));
      a.publish('s.two', bytes(3));
      hub.publish('s.one.more', bytes(4));
      await barrier(hub, a);
      await barrier(b, a);
      await barrier(a, b);
      expect(got.filter((g) => g.startsWith('hub:')).sort()).toEqual(['hub:s.one:1', 'hub:s.one:2']);
      expect(got.filter((g) => g.startsWith('a:')).sort()).toEqual(['a:s.one:1', 'a:s.one:2']);
      expect(got.filter((g) => g.startsWith('b:'))).toEqual(['b:s.two:3']);
    });

    test('bus - unsubscribe stops that handler only', async () => {
      const { endpoints: [hub, a] } = await start();
      const first: number[] = [];
      const second: number[] = [];
      const off = a.subscribe('s.x', (d) => first.push(d[0]!));
      a.subscribe('s.x', (d) => second.push(d[0]!));
      await settled(a);
      hub.publish('s.x', bytes(1));
      await barrier(hub, a);
      off();
      off();
      hub.publish('s.x', bytes(2));
      await barrier(hub, a);
      expect(first).toEqual([1]);
      expect(second).toEqual([1, 2]);
    });

    test('bus - a publisher\'s messages arrive in publish order, exactly once each', async () => {
      const { endpoints: [hub, a, b] } = await start();
      const atHub: number[] = [];
      const atB: number[] = [];
      const atB2: number[] = [];
      hub.subscribe('s.seq', (d) => atHub.push(readU32(d)));
      b.subscribe('s.seq', (d) => atB.push(readU32(d)));
      b.subscribe('s.seq', (d) => atB2.push(readU32(d)));
      await settled(b);
      const n = 2000;
      for (let i = 0; i < n; i++) a.publish('s.seq', u32(i));
      await barrier(a, b);
      await barrier(a, hub);
      const expected = Array.from({ length: n }, (_, i) => i);
      expect(atB).toEqual(expected);
      expect(atB2).toEqual(expected);
      expect(atHub).toEqual(expected);
    });

    test('bus - a publisher subscribed to its own subject hears each message once', async () => {
      const { endpoints: [, a] } = await start();
      const got: number[] = [];
      a.subscribe('s.self', (d) => got.push(d[0]!));
      await settled(a);
      for (let i = 0; i < 10; i++) a.publish('s.self', bytes(i));
      await barrier(a, a);
      expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    test('bus - a handler that throws does not stop the others', async () => {
      const { endpoints: [hub, a], logs } = await start();
      const got: string[] = [];
      const places = [...new Set<Bus>([hub, a])];
      places.forEach((bus, i) => {
        bus.subscribe('s.boom', () => {
          throw new Error('handler bug');
        });
        bus.subscribe('s.boom', (d) => got.push(`${i}:${d[0]}`));
      });
      await settled(a);
      a.publish('s.boom', bytes(7));
      hub.publish('s.boom', bytes(8));
      await barrier(a, hub);
      await barrier(hub, a);
      await barrier(a, a);
      const expected = places.flatMap((_, i) => [`${i}:7`, `${i}:8`]);
      expect(got.sort()).toEqual(expected.sort());
      expect(logs.filter((l) => l.includes('handler bug')).length).toBe(2 * places.length);
    });

    test('bus - a 4 MiB show package op arrives intact', async () => {
      const { endpoints: [hub, a] } = await start();
      const body = new Uint8Array(4 * 1024 * 1024);
      for (let i = 0; i < body.length; i += 4096) body[i] = (i / 4096) & 255;
      body[body.length - 1] = 42;
      const op = encodeFeedOp({ op: 'package', path: '/pkg/abc.json', contentType: 'application/json', body });
      let got: Uint8Array | null = null;
      a.subscribe('crowdlight.feed', (d) => {
        got = d.slice();
      });
      await settled(a);
      hub.publish('crowdlight.feed', op);
      await until(() => got !== null, 'the package op');
      const decoded = decodeFeedOp(got!);
      expect(decoded.op).toBe('package');
      if (decoded.op !== 'package') return;
      expect(decoded.path).toBe('/pkg/abc.json');
      expect(decoded.body.length).toBe(body.length);
      expect(Bun.hash(decoded.body)).toBe(Bun.hash(body));
    });

    test('bus - after close nothing is delivered and publishing does not throw', async () => {
      const { endpoints: [hub, a, b] } = await start();
      const atA: number[] = [];
      const atHub: number[] = [];
      a.subscribe('s.c', (d) => atA.push(d[0]!));
      hub.subscribe('s.c', (d) => atHub.push(d[0]!));
      await settled(a);
      await a.close();
      expect(() => a.publish('s.c', bytes(1))).not.toThrow();
      hub.publish('s.c', bytes(2));
      // (One object for the in-process bus: closing `a` closed all of it.)
      if (hub !== a) await barrier(hub, b);
      expect(atA).toEqual([]);
      expect(atHub).toEqual(hub === a ? [] : [2]);
      await hub.close();
      expect(() => hub.publish('s.c', bytes(3))).not.toThrow();
      expect(() => b.publish('s.c', bytes(4))).not.toThrow();
      await Bun.sleep(20);
      expect(atHub).toEqual(hub === a ? [] : [2]);
    });
  });
}
