/**
 * Admission at capacity: an edge holding `maxConnections` sockets refuses further upgrades
 * with 503 and a jittered Retry-After, counts them, and admits again once a socket closes.
 */
import { afterEach, expect, test } from 'bun:test';
import { connectionCapacity, openFileWarning, RESERVED_DESCRIPTORS } from '../../src/cli/open-file-limit.ts';
import { startEdge, type EdgeRig } from './support/edge-harness.ts';
import { WsPhone, isType } from './support/ws-phone.ts';

let rig: EdgeRig | null = null;
const phones: WsPhone[] = [];
afterEach(async () => {
  for (const p of phones.splice(0)) p.close();
  await rig?.stop();
  rig = null;
});

const upgrade = (url: string) =>
  fetch(url.replace('ws:', 'http:'), {
    headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' },
  });

test('edge admission - over maxConnections an upgrade gets 503 with Retry-After, counted, until a socket closes', async () => {
  rig = startEdge({ limits: { maxConnections: 2, retryAfterMinSec: 2, retryAfterMaxSec: 4 } });
  for (let i = 0; i < 2; i++) {
    const p = await WsPhone.join(rig.wsUrl, null);
    phones.push(p);
    await p.waitFor(isType('welcome'));
  }
  const refused = await upgrade(rig.wsUrl);
  expect(refused.status).toBe(503);
  const retry = Number(refused.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(2);
  expect(retry).toBeLessThanOrEqual(4);
  expect(await refused.text()).toContain('full');
  const metrics = rig.edge.metricsText();
  expect(metrics).toContain('crowdlight_edge_upgrades_refused_full_total{edge="edge-test"} 1');
  expect(metrics).toContain('crowdlight_edge_max_connections{edge="edge-test"} 2');
  phones.shift()!.close();
  const deadline = performance.now() + 3000;
  while (rig.edge.stats().connections > 1 && performance.now() < deadline) await Bun.sleep(5);
  const again = await WsPhone.join(rig.wsUrl, null);
  phones.push(again);
  expect((await again.waitFor(isType('welcome'))).edgeId).toBe('edge-test');
});

test('edge admission - the default cap is the open-file limit less the reserve; the warning counts every process', () => {
  expect(connectionCapacity(20_000)).toBe(20_000 - RESERVED_DESCRIPTORS);
  expect(connectionCapacity(null)).toBe(0);
  expect(connectionCapacity(Number.POSITIVE_INFINITY)).toBe(0);
  expect(openFileWarning(20_000, 100_000, 6)).toBeNull();
  const w = openFileWarning(20_000, 100_000, 2)!;
  expect(w).toContain('2 edge processes');
  expect(w).toContain((2 * (20_000 - RESERVED_DESCRIPTORS)).toLocaleString('en-US'));
});
