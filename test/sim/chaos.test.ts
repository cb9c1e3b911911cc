import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/index.ts';
import { runSmall, total } from './support.ts';

// Two edge processes sharing the port: one is killed mid-show, its phones go to the other.
let server: { url: string; token: string; stop(): Promise<void> };
const dataDir = mkdtempSync(join(tmpdir(), 'crowdlight-sim-chaos-'));

beforeAll(async () => {
  server = await startServer({ port: 0, dataDir, workers: 2, log: () => {} });
}, 30_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('sim chaos - an edge process killed mid-show: every device comes back, synced, none lost', async () => {
  const out = await runSmall(server, { scenario: 'chaos', durationS: 7, killAtS: 1.5 });
  expect(out.failures).toEqual([]);
  expect(out.status).toBe('completed');
  const r = out.report;
  const kill = r.notes.find((n) => n.startsWith('chaos: edge'));
  expect(kill).toBeDefined();
  // The killed edge had phones, and they reconnected.
  expect(Number(/(\d+) connections/.exec(kill!)![1])).toBeGreaterThan(0);
  expect(r.reconnectMs.count).toBeGreaterThan(0);
  expect(r.connectSuccessRate).toBe(1);
  expect(r.devicesLost).toBe(0);
  expect(total(out, (w) => w.connectedAtEnd)).toBe(200);
  expect(r.edge.edges).toBeGreaterThanOrEqual(2);
  expect(r.edge.peakConnections).toBeGreaterThan(0);
  // The timeline shows the drop and the return.
  const connected = r.timeline.map((p) => p.connected);
  expect(connected[connected.length - 1]).toBe(200);
}, 60_000);
