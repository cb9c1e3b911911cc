/**
 * An edge out of file descriptors (a flood of connections) cannot read its own resident size
 * from /proc: its stats and metrics must still be produced, with the last reading.
 */
import { afterEach, expect, test } from 'bun:test';
import { startEdge, type EdgeRig } from './support/edge-harness.ts';

let rig: EdgeRig | null = null;
const realRss = process.memoryUsage.rss;

afterEach(async () => {
  process.memoryUsage.rss = realRss;
  await rig?.stop();
  rig = null;
});

test('edge stats - a failing memory reading (no descriptor left) keeps the last value instead of throwing', () => {
  rig = startEdge();
  const before = rig.edge.stats().rssBytes ?? 0;
  expect(before).toBeGreaterThan(0);
  // Fault injection: what Bun throws when /proc cannot be opened.
  process.memoryUsage.rss = () => {
    throw new Error('Failed to get memory usage');
  };
  expect(rig.edge.stats().rssBytes).toBe(before);
  expect(rig.edge.metricsText()).toContain(`crowdlight_edge_process_resident_memory_bytes{edge="${rig.edge.edgeId}"} ${before}`);
});
