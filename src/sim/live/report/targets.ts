/**
 * The load report's targets: the published industry figures for large WebSocket fan-out and
 * crowdlight's own stricter ones (docs/sim-report.md says where each comes from). Each target
 * reads one figure off the report and compares it with its limit; the comparison uses the
 * figure as shown (rounded to 3 decimals), so a row never shows a value at its limit with the
 * opposite verdict.
 */
import type { LoadReport, TargetRow } from '../types.ts';
import { finiteOrNull } from './histogram-figures.ts';

/** Everything of the report a target may read (the report before its targets are judged). */
export type ReportFigures = Omit<LoadReport, 'targets' | 'passed'>;

export type Comparison = '<' | '<=' | '>' | '>=' | '=';

/** What a target's row says when its figure could not be measured. */
export type WhenMissing =
  /** Nothing to measure is a fine outcome (no reconnection happened): pass, shown as "none". */
  | 'pass'
  /** A missing figure could hide a failure: the row fails and a note says why. */
  | 'fail';

export interface TargetSpec {
  /** Stable identifier (for code and tests); `name` is for people. */
  id: string;
  name: string;
  source: TargetRow['source'];
  comparison: Comparison;
  bound: number;
  unit: string;
  /** The figure; null when the run has nothing to measure (judged by `whenMissing`). A figure
   *  that is not finite (NaN: no samples, or a quantile among samples that never completed)
   *  is shown as null and always fails. */
  measure: (r: ReportFigures) => number | null;
  whenMissing: WhenMissing;
  /** Why the figure can be missing, for the note written when it is. */
  missingReason: string;
}

/** A figure that may be null in the report (edge figures): null stays "nothing reported". */
const num = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v);
const reconnectP95 = (r: ReportFigures): number | null => (r.reconnectMs.count === 0 ? null : r.reconnectMs.p95);

export const TARGETS: readonly TargetSpec[] = [
  {
    id: 'connect-success',
    name: 'connection success',
    source: 'industry',
    comparison: '>',
    bound: 99.5,
    unit: '%',
    measure: (r) => (r.devices > 0 ? r.connectSuccessRate * 100 : null),
    whenMissing: 'fail',
    missingReason: 'the run had no devices',
  },
  ...(
    [
      ['p50', 30],
      ['p95', 100],
      ['p99', 200],
    ] as const
  ).map(
    ([q, bound]): TargetSpec => ({
      id: `delivery-${q}`,
      name: `delivery latency ${q}`,
      source: 'industry',
      comparison: '<',
      bound,
      unit: 'ms',
      measure: (r) => r.deliveryLatencyMs[q],
      whenMissing: 'fail',
      missingReason: 'no live cue reached a device, so delivery latency was not measured',
    }),
  ),
  {
    id: 'visual-p95-industry',
    name: 'visual sync p95',
    source: 'industry',
    comparison: '<',
    bound: 50,
    unit: 'ms',
    measure: (r) => r.visualErrorMs.p95,
    whenMissing: 'fail',
    missingReason: 'no device showed a cue, so visual sync was not measured',
  },
  {
    id: 'reconnect-p95-industry',
    name: 'reconnection p95',
    source: 'industry',
    comparison: '<',
    bound: 3000,
    unit: 'ms',
    measure: reconnectP95,
    whenMissing: 'pass',
    missingReason: 'no device reconnected during the run',
  },
  {
    id: 'server-cpu',
    name: 'server CPU',
    source: 'industry',
    comparison: '<',
    bound: 60,
    unit: '%',
    measure: (r) => num(r.edge.cpuPercent),
    whenMissing: 'fail',
    missingReason: 'the server did not report its CPU use',
  },
  {
    id: 'memory-per-connection-industry',
    name: 'memory per connection',
    source: 'industry',
    comparison: '<',
    bound: 5,
    unit: 'KB',
    measure: (r) => num(r.edge.rssPerConnectionKB),
    whenMissing: 'fail',
    missingReason: 'the server did not report its memory per connection',
  },
  {
    id: 'visual-p95',
    name: 'visual sync p95',
    source: 'crowdlight',
    comparison: '<=',
    bound: 12,
    unit: 'ms',
    measure: (r) => r.visualErrorMs.p95,
    whenMissing: 'fail',
    missingReason: 'no device showed a cue, so visual sync was not measured',
  },
  {
    id: 'clock-p95',
    name: 'clock error p95',
    source: 'crowdlight',
    comparison: '<=',
    bound: 3,
    unit: 'ms',
    measure: (r) => r.clockErrorMs.p95,
    whenMissing: 'fail',
    missingReason: 'no synced device reported a clock-error sample',
  },
  {
    id: 'memory-per-connection',
    name: 'memory per connection',
    source: 'crowdlight',
    comparison: '<=',
    bound: 3.5,
    unit: 'KB',
    measure: (r) => num(r.edge.rssPerConnectionKB),
    whenMissing: 'fail',
    missingReason: 'the server did not report its memory per connection',
  },
  {
    id: 'reconnect-p95',
    name: 'reconnection p95',
    source: 'crowdlight',
    comparison: '<=',
    bound: 1000,
    unit: 'ms',
    measure: reconnectP95,
    whenMissing: 'pass',
    missingReason: 'no device reconnected during the run',
  },
  {
    id: 'bytes-per-device',
    name: 'bytes per device',
    source: 'crowdlight',
    comparison: '<=',
    bound: 200,
    unit: 'B/s',
    measure: (r) => r.bytesPerDevicePerSec,
    whenMissing: 'fail',
    missingReason: 'no device was connected for any time, so traffic per device was not measured',
  },
  {
    id: 'devices-lost',
    name: 'devices lost',
    source: 'crowdlight',
    comparison: '=',
    bound: 0,
    unit: 'devices',
    measure: (r) => r.devicesLost,
    whenMissing: 'fail',
    missingReason: 'the workers did not report lost devices',
  },
  {
    id: 'cues-missed',
    name: 'expected cues not seen',
    source: 'crowdlight',
    comparison: '=',
    bound: 0,
    unit: 'cues',
    measure: (r) => (r.cues.fired > 0 ? r.cues.expected - r.cues.seen : null),
    whenMissing: 'fail',
    missingReason: 'no live cue was fired, so cue delivery was not checked',
  },
];

/** The limit as shown, e.g. "< 50 ms", "<= 12 ms", "= 0 devices". */
export function limitText(t: TargetSpec): string {
  return `${t.comparison} ${t.bound} ${t.unit}`;
}

function compare(value: number, comparison: Comparison, bound: number): boolean {
  switch (comparison) {
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
    case '=':
      return value === bound;
  }
}

export interface TargetVerdicts {
  rows: TargetRow[];
  /** One note per distinct reason a figure was missing where that fails its row. */
  notes: string[];
}

function targetsFail(labels: readonly string[]): string {
  return labels.length === 1 ? `the target ${labels[0]} fails` : `the targets ${labels.join(', ')} fail`;
}

/** Judges every target of `specs` (all of TARGETS by default) against the report's figures. */
export function evaluateTargets(r: ReportFigures, specs: readonly TargetSpec[] = TARGETS): TargetVerdicts {
  const rows: TargetRow[] = [];
  const failedFor = new Map<string, string[]>();
  const notFinite: string[] = [];
  for (const t of specs) {
    const raw = t.measure(r);
    const measured = raw === null ? null : finiteOrNull(raw);
    let pass: boolean;
    if (raw === null) pass = t.whenMissing === 'pass';
    else if (measured === null) pass = false;
    else pass = compare(measured, t.comparison, t.bound);
    rows.push({ name: t.name, source: t.source, limit: limitText(t), measured, unit: t.unit, pass });
    const label = `${t.name} (${t.source}, ${limitText(t)})`;
    if (measured !== null || pass) continue;
    if (raw !== null && t.whenMissing === 'pass') {
      notFinite.push(label);
      continue;
    }
    const list = failedFor.get(t.missingReason);
    if (list) list.push(label);
    else failedFor.set(t.missingReason, [label]);
  }
  const notes: string[] = [];
  for (const [reason, labels] of failedFor) {
    notes.push(`${reason}: ${targetsFail(labels)}`);
  }
  if (notFinite.length > 0) notes.push(`a figure has no finite value (its quantile falls among samples that never completed): ${targetsFail(notFinite)}`);
  return { rows, notes };
}
