/**
 * The aggregate /metrics of a multi-process server: pages merged family by family, and the
 * board that keeps the latest page of each live edge.
 */
import { expect, test } from 'bun:test';
import { InProcessBus, Subjects } from '../../src/bus/index.ts';
import { mergeMetricsPages } from '../../src/edge/index.ts';
import { EdgeMetricsBoard } from '../../src/server/edge-metrics-board.ts';

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
