/**
 * PhoneClient's `ready`: sent once per connection, not again on every keyframe that repeats
 * the show's announce (at a stadium that repeat would be 20,000 needless messages a second).
 */
import { afterAll, beforeAll, expect, test } from 'bun:test';
import type { RunningServer } from '../../../src/server/index.ts';
import { PhoneClient } from '../../../src/web/phone/phone-client.ts';
import { wsUrlFor } from '../../../src/web/phone/seat-query.ts';
import { startDelayProxy, type DelayProxy } from '../../e2e/support/delay-proxy.ts';
import { startScratchServer } from '../../e2e/support/scratch-server.ts';

let server: RunningServer;
let proxy: DelayProxy;
let client: PhoneClient | null = null;

beforeAll(async () => {
  // Keyframes every 50 ms: many repeats of the announce within a short test.
  server = await startScratchServer('crowdlight-phone-ready-', { edgeLimits: { keyframeIntervalMs: 50 } });
  proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: server.port, delayMs: 1 });
});

afterAll(async () => {
  client?.stop();
  proxy?.close();
  await server?.stop();
});

const metric = (re: RegExp): number => Number(re.exec(server.edge.metricsText())?.[1] ?? 0);
const readyIn = () => metric(/crowdlight_edge_frames_in_total\{[^}]*type="ready"\} (\d+)/);
const keyframes = () => metric(/crowdlight_edge_keyframes_total\{[^}]*\} (\d+)/);

async function until(what: string, ms: number, probe: () => boolean): Promise<void> {
  const end = performance.now() + ms;
  while (!probe()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

test('phone client - ready is sent once per connection, not on every repeated announce, and again after a reconnect', async () => {
  const c = (client = new PhoneClient({
    wsUrl: wsUrlFor(`${proxy.url}/`),
    pageUrl: `${proxy.url}/`,
    deviceId: new Uint8Array(16).fill(5),
    seat: null,
    now: () => performance.now(),
    timerResolutionMs: 0,
    seed: 5,
  }));
  c.start();
  await until('ready', 10_000, () => c.status === 'ready');
  await until('the edge to count the ready', 5_000, () => readyIn() === 1);
  const k = keyframes();
  await until('ten more keyframes', 10_000, () => keyframes() >= k + 10);
  expect(readyIn()).toBe(1);
  proxy.dropConnections();
  await until('back and ready', 15_000, () => c.connects === 2 && c.status === 'ready');
  await until('the new connection to say ready', 5_000, () => readyIn() === 2);
  const k2 = keyframes();
  await until('ten more keyframes', 10_000, () => keyframes() >= k2 + 10);
  expect(readyIn()).toBe(2);
}, 40_000);
