/**
 * The load report for a terminal: the run's key figures, then the targets table (target,
 * source, limit, measured, PASS/FAIL) in fixed-width columns, then the notes. Control
 * characters in strings that came with the run are shown as "?".
 */
import type { LoadReport, TargetRow } from '../types.ts';
import { count, fmt, percent, plain, triple } from './format.ts';

/** A target's measured cell: the value with its unit, "none" when there was nothing to measure. */
export function measuredText(t: TargetRow): string {
  if (t.measured === null) return t.pass ? 'none' : 'not measured';
  return `${fmt(t.measured)} ${t.unit}`;
}

function table(head: string[], rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function formatReportTable(report: LoadReport): string {
  const r = report;
  const out: string[] = [];
  out.push(
    `crowdlight sim: scenario ${r.scenario}, profile ${r.profile}, ${count(r.devices)} devices, ` +
      `${fmt(r.durationMs / 1000)} s, ${r.workers} workers, seed ${r.seed}: ${r.passed ? 'PASS' : 'FAIL'}`,
  );
  out.push(`started ${r.startedAt}; edges ${r.urls.join(' ')}`);
  out.push('');
  const reconnect =
    r.reconnectMs.count === 0
      ? 'none'
      : `${fmt(r.reconnectMs.p50)} / ${fmt(r.reconnectMs.p95)} / ${fmt(r.reconnectMs.max)} ms (p50 / p95 / max, ${count(r.reconnectMs.count)} reconnections)`;
  const key: Array<[string, string]> = [
    ['connect success', `${percent(r.connectSuccessRate)} of ${count(r.devices)}`],
    ['delivery latency', `${triple(r.deliveryLatencyMs, 'ms')} (p50 / p95 / p99)`],
    ['  server part', `${triple(r.serverDeliveryLatencyMs, 'ms')}`],
    ['clock error', `${triple(r.clockErrorMs, 'ms')}`],
    ['visual error', `${triple(r.visualErrorMs, 'ms')}`],
    ['time to sync', `${triple(r.syncTimeMs, 'ms')}`],
    ['reconnection', reconnect],
    ['devices lost', count(r.devicesLost)],
    ['traffic', `${fmt(r.bytesPerDevicePerSec)} B/s per device`],
    ['live cues', `${count(r.cues.fired)} fired; ${count(r.cues.seen)} of ${count(r.cues.expected)} expected receipts seen, ${count(r.cues.onTime)} on time`],
    [
      'edges',
      `${r.edge.edges} process(es), peak ${count(r.edge.peakConnections)} connections, ${fmt(r.edge.rssPerConnectionKB)} KB/connection, ` +
        `CPU ${fmt(r.edge.cpuPercent)} %, ${fmt(r.edge.cpuMicrosPerDeliveredFrame)} us/frame, loop lag ${fmt(r.edge.eventLoopLagMs)} ms`,
    ],
    ['simulator', `${fmt(r.sim.rssPerDeviceKB)} KB/device, CPU ${fmt(r.sim.cpuPercent)} %`],
  ];
  const errs = Object.entries(r.errors);
  if (errs.length > 0) key.push(['connect errors', errs.map(([k, v]) => `${k} ${count(v)}`).join(', ')]);
  const closes = Object.entries(r.closesByCode);
  if (closes.length > 0) key.push(['closes', closes.map(([k, v]) => `${k} ${count(v)}`).join(', ')]);
  const keyWidth = Math.max(...key.map(([k]) => k.length));
  for (const [k, v] of key) out.push(`${k.padEnd(keyWidth)}  ${v}`);
  out.push('');
  out.push(
    ...table(
      ['target', 'source', 'limit', 'measured', 'result'],
      r.targets.map((t) => [t.name, t.source, t.limit, measuredText(t), t.pass ? 'PASS' : 'FAIL']),
      new Set([3]),
    ),
  );
  const failed = r.targets.filter((t) => !t.pass).length;
  out.push(`${r.targets.length - failed} of ${r.targets.length} targets passed`);
  if (r.notes.length > 0) {
    out.push('');
    out.push('notes:');
    for (const n of r.notes) out.push(`- ${n}`);
  }
  return out.map(plain).join('\n');
}
