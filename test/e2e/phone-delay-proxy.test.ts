import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startDelayProxy, type DelayProxy } from './support/delay-proxy.ts';

let server: ReturnType<typeof Bun.serve>;
let proxy: DelayProxy;
const DELAY = 40;

beforeAll(async () => {
  server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch(req, srv) {
      if (srv.upgrade(req, { data: undefined })) return undefined;
      return new Response(new Uint8Array(300_000).map((_, i) => i % 251));
    },
    websocket: {
      message(ws, msg) {
        ws.send(msg);
      },
    },
  });
  proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: server.port!, delayMs: DELAY });
});
afterAll(() => {
  proxy.close();
  server.stop(true);
});

describe('phone e2e delay proxy', () => {
  test('delay proxy - a large HTTP body arrives intact and in order', async () => {
    const body = new Uint8Array(await (await fetch(`${proxy.url}/big`)).arrayBuffer());
    expect(body.length).toBe(300_000);
    let bad = 0;
    for (let i = 0; i < body.length; i++) if (body[i] !== i % 251) bad++;
    expect(bad).toBe(0);
  });

  test('delay proxy - WebSocket messages keep their order and each round trip waits out both delays', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${proxy.port}/ws`);
    ws.binaryType = 'arraybuffer';
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    const got: number[] = [];
    const rtts: number[] = [];
    const sentAt = new Map<number, number>();
    const done = new Promise<void>((resolve) => {
      ws.onmessage = (ev) => {
        const n = new Uint32Array(ev.data as ArrayBuffer)[0]!;
        rtts.push(performance.now() - sentAt.get(n)!);
        got.push(n);
        if (got.length === 50) resolve();
      };
    });
    for (let i = 0; i < 50; i++) {
      sentAt.set(i, performance.now());
      ws.send(new Uint32Array([i]));
    }
    await done;
    ws.close();
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // A lower bound only: the proxy must never deliver early.
    expect(Math.min(...rtts)).toBeGreaterThanOrEqual(2 * DELAY - 1);
    expect(proxy.connections).toBeGreaterThanOrEqual(2);
  });
});
