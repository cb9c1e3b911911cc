/**
 * The aggregate /metrics of a multi-process server: pages merged family by family, and the
 * board that keeps the latest page of each live edge.
 */
import { expect, test } from 'bun:test';
import { goneReport, InProcessBus, STATS_STALE_MS, Subjects } from '../../src/bus/index.ts';
import { Audience } from '../../src/control/audience.ts';
import { mergeMetricsPages } from '../../src/edge/index.ts';
import { EdgeMetricsBoard } from '../../src/server/edge-metrics-board.ts';
import { controllerNow, startEdge, within } from './support/edge-harness.ts';

const page = (edge: string, n: number) =>
  [
    '# HELP crowdlight_edge_connections Open phone sockets that have said hello.',
    '# TYPE crowdlight_edge_connections gauge',
    `crowdlight_edge_connections{edge="${edge}"} ${n}`,
    '# HELP crowdlight_edge_closes_total Socket closes by close code.',
    '# TYPE crowdlight_edge_closes_total counter',
    `crowdlight_edge_closes_total{edge="${edge}",code="4020",name="draining"} ${n * 2}`,
    '',
  ].join('\n');

test('edge metrics - pages merge into one family each, samples in page order', () => {
  const merged = mergeMetricsPages([page('edge-1', 3), page('edge-2', 5)]);
  expect(merged).toBe(
    [
      '# HELP crowdlight_edge_connections Open phone sockets that have said hello.',
      '# TYPE crowdlight_edge_connections gauge',
      'crowdlight_edge_connections{edge="edge-1"} 3',
      'crowdlight_edge_connections{edge="edge-2"} 5',
      '# HELP crowdlight_edge_closes_total Socket closes by close code.',
      '# TYPE crowdlight_edge_closes_total counter',
      'crowdlight_edge_closes_total{edge="edge-1",code="4020",name="draining"} 6',
      'crowdlight_edge_closes_total{edge="edge-2",code="4020",name="draining"} 10',
      '',
    ].join('\n'),
  );
  expect(mergeMetricsPages([])).toBe('');
  expect(mergeMetricsPages(['', page('edge-9', 1)])).toBe(page('edge-9', 1));
});

test('edge metrics - the board keeps the latest page per edge, drops a stale or exited edge', () => {
  const bus = new InProcessBus();
  let now = 0;
  const board = new EdgeMetricsBoard(bus, 5000, () => now);
  const send = (edge: string, n: number) => bus.publish(Subjects.metrics, new TextEncoder().encode(`${edge}\n${page(edge, n)}`));
  send('edge-2', 1);
  send('edge-1', 1);
  send('edge-1', 4);
  bus.publish(Subjects.metrics, new TextEncoder().encode('no newline, ignored'));
  expect(board.edges()).toEqual(['edge-1', 'edge-2']);
  const text = board.text('# TYPE crowdlight_edge_processes gauge\ncrowdlight_edge_processes 2\n');
  expect(text).toContain('crowdlight_edge_connections{edge="edge-1"} 4\ncrowdlight_edge_connections{edge="edge-2"} 1\n');
  expect(text).not.toContain('crowdlight_edge_connections{edge="edge-1"} 1');
  expect(text.endsWith('crowdlight_edge_processes 2\n')).toBe(true);
  board.forget('edge-2');
  expect(board.edges()).toEqual(['edge-1']);
  now = 5001;
  expect(board.edges()).toEqual([]);
  send('edge-1', 7);
  expect(board.text()).toContain('crowdlight_edge_connections{edge="edge-1"} 7');
  board.close();
  send('edge-3', 1);
  expect(board.edges()).toEqual([]);
});

test('edge stats - the status lists live edges by id with their process figures; a gone report removes one at once', () => {
  const audience = new Audience();
  const report = (edgeId: string, atMs: number, connections: number) => ({
    ...goneReport(edgeId, atMs, 100 + connections), gone: false, connections, rssBytes: connections * 4096, cpuMicros: 5, framesOut: 9, loopLagMaxMs: 1.5,
    rttHistogram: [0], uncertaintyHistogram: [0],
  });
  audience.accept(report('edge-2', 1000, 20));
  audience.accept(report('edge-1', 1000, 10));
  expect(audience.edges(2000)).toEqual([
    { edgeId: 'edge-1', pid: 110, connections: 10, rssBytes: 40960, cpuMicros: 5, framesOut: 9, loopLagMaxMs: 1.5, atMs: 1000 },
    { edgeId: 'edge-2', pid: 120, connections: 20, rssBytes: 81920, cpuMicros: 5, framesOut: 9, loopLagMaxMs: 1.5, atMs: 1000 },
  ]);
  expect(audience.summary(2000, null).connections).toBe(30);
  audience.accept(goneReport('edge-2', 2100));
  expect(audience.edges(2200).map((e) => e.edgeId)).toEqual(['edge-1']);
  expect(audience.summary(2200, null).connections).toBe(10);
  // A report older than STATS_STALE_MS drops out too.
  expect(audience.edges(1000 + STATS_STALE_MS + 1)).toEqual([]);
});

test('edge stats - an edge that listened before its controller existed reports to it once the controller feeds it', async () => {
  // With --workers the edges listen (and send their first report) before the controller in the
  // main process exists; that report reaches nobody. The stats interval here is far longer than
  // the test, so only the report that follows the controller's first feed op can arrive.
  const rig = startEdge({ edgeId: 'edge-early', limits: { statsIntervalMs: 600_000 } });
  try {
    const audience = new Audience();
    const reported = new Promise<void>((resolve) =>
      rig.bus.subscribe(Subjects.stats, (d) => {
        audience.accept(JSON.parse(new TextDecoder().decode(d)));
        resolve();
      }),
    );
    rig.feed({ op: 'reset' });
    await within(reported, 'a stats report after the first feed op');
    expect(audience.edges(controllerNow()).map((e) => e.edgeId)).toEqual(['edge-early']);
  } finally {
    await rig.stop();
  }
});
