/**
 * Turns a simulation result into the sync-eval report: the JSON object, a readable table and
 * the goal check for crowdlight.
 */
import type { LogHistogram } from './histogram.ts';
import type { SimResult } from './simulate.ts';

export interface Percentiles {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export interface AlgorithmSummary {
  clockErrorMs: Percentiles;
  visualErrorMs: Percentiles;
  /** Time from join until |clock error| <= 5 ms and stays there for 5 s (see metrics.ts). */
  convergeMs: { p50: number | null; p95: number | null };
  /** Time from join to the first |clock error| <= 5 ms, even if it does not stay there. */
  acquireMs: { p50: number | null; p95: number | null };
  /** Mean signed clock error (estimate minus truth), ms. */
  clockBiasMs: number | null;
  /** Devices that never reached the convergence threshold in the session, percent. */
  neverConvergedPct: number;
  /** Requests per device per minute (server load). */
  exchangesPerMinute: number;
  /** |clock error - device asymmetry bias|: what the method adds beyond the physical floor. */
  clockExcessErrorMs: Percentiles;
  /** As convergeMs, for |clock error - asymmetry bias|. */
  convergeExcessMs: { p50: number | null; p95: number | null };
  /** convergeMs over the devices that joined on a path without a congestion queue. */
  convergeCleanJoinMs: { p50: number | null; p95: number | null };
  /** Visual error with a naive renderer, when measured. */
  naiveVisualErrorMs?: Percentiles;
  samples: { clock: number; visual: number };
  /** For a mix: the main figures per profile member (access type). */
  byMember?: Record<string, MemberSummary>;
}

export interface MemberSummary {
  devices: number;
  clockErrorMs: Percentiles;
  visualErrorMs: Percentiles;
  convergeMs: { p50: number | null; p95: number | null };
  clockExcessErrorMs: Percentiles;
}

export interface EvalReport {
  profile: string;
  devices: number;
  seconds: number;
  seed: number;
  algorithms: Record<string, AlgorithmSummary>;
  /** Clock error no two-way method can remove: |base up - base down| / 2 per device. */
  asymmetryFloorMs: Percentiles;
  /** The same per profile member, for a mix. */
  asymmetryFloorByMemberMs?: Record<string, Percentiles>;
  /** Devices per profile member. */
  members: Record<string, number>;
  /** Devices that joined while a congestion queue (>= 20 ms) stood on their path, percent:
   *  they cannot converge before it drains, whatever the method. */
  congestedAtJoinPct: number;
  goals?: GoalCheck;
}

export interface GoalLine {
  goal: string;
  value: number | null;
  pass: boolean;
}

export interface GoalCheck {
  pass: boolean;
  lines: GoalLine[];
}

/** Round for output: 3 decimals, null for non-finite values (JSON has no Infinity). */
function r3(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 1000) / 1000 : null;
}

function pct(h: LogHistogram): Percentiles {
  if (h.count === 0) return { p50: null, p95: null, p99: null, max: null };
  return {
    p50: r3(h.quantile(0.5)),
    p95: r3(h.quantile(0.95)),
    p99: r3(h.quantile(0.99)),
    max: h.infinite > 0 ? null : r3(h.max),
  };
}

export function summarize(
  r: SimResult,
  meta: { profile: string; devices: number; seconds: number; seed: number },
): EvalReport {
  const algorithms: Record<string, AlgorithmSummary> = {};
  for (const [name, m] of r.metrics) {
    const s: AlgorithmSummary = {
      clockErrorMs: pct(m.clock),
      visualErrorMs: pct(m.visual),
      convergeMs: { p50: r3(m.converge.quantile(0.5)), p95: r3(m.converge.quantile(0.95)) },
      acquireMs: { p50: r3(m.acquire.quantile(0.5)), p95: r3(m.acquire.quantile(0.95)) },
      clockExcessErrorMs: pct(m.clockExcess),
      convergeExcessMs: { p50: r3(m.convergeExcess.quantile(0.5)), p95: r3(m.convergeExcess.quantile(0.95)) },
      convergeCleanJoinMs: { p50: r3(m.convergeCleanJoin.quantile(0.5)), p95: r3(m.convergeCleanJoin.quantile(0.95)) },
      clockBiasMs: m.clock.count > 0 ? r3(m.signedSumUs / 1000 / m.clock.count) : null,
      neverConvergedPct: m.converge.count > 0 ? (r3((100 * m.converge.infinite) / m.converge.count) ?? 0) : 0,
      exchangesPerMinute: m.deviceMs > 0 ? (r3(m.exchanges / (m.deviceMs / 60_000)) ?? 0) : 0,
      samples: { clock: m.clock.count, visual: m.visual.count },
    };
    if (m.naiveVisual.count > 0) s.naiveVisualErrorMs = pct(m.naiveVisual);
    const perMember = r.byMember.get(name);
    if (perMember && perMember.size > 1) {
      s.byMember = {};
      for (const member of [...perMember.keys()].sort()) {
        const x = perMember.get(member)!;
        s.byMember[member] = {
          devices: r.members[member] ?? 0,
          clockErrorMs: pct(x.clock),
          visualErrorMs: pct(x.visual),
          convergeMs: { p50: r3(x.converge.quantile(0.5)), p95: r3(x.converge.quantile(0.95)) },
          clockExcessErrorMs: pct(x.clockExcess),
        };
      }
    }
    algorithms[name] = s;
  }
  const report: EvalReport = {
    ...meta,
    algorithms,
    asymmetryFloorMs: pct(r.asymmetryFloor),
    members: r.members,
    congestedAtJoinPct: meta.devices > 0 ? (r3((100 * r.congestedAtJoin) / meta.devices) ?? 0) : 0,
  };
  if (r.floorByMember.size > 1) {
    report.asymmetryFloorByMemberMs = {};
    for (const member of [...r.floorByMember.keys()].sort()) report.asymmetryFloorByMemberMs[member] = pct(r.floorByMember.get(member)!);
  }
  if (algorithms.crowdlight) report.goals = checkGoals(algorithms);
  return report;
}

/** The stadium goals for crowdlight (reported for every profile; they are set for `stadium`). */
export function checkGoals(algs: Record<string, AlgorithmSummary>): GoalCheck {
  const c = algs.crowdlight;
  const lines: GoalLine[] = [];
  const le = (goal: string, v: number | null, limit: number): void => {
    lines.push({ goal, value: v, pass: v !== null && v <= limit });
  };
  le('clock p95 <= 3 ms', c.clockErrorMs.p95, 3);
  le('clock p99 <= 8 ms', c.clockErrorMs.p99, 8);
  le('visual p95 <= 12 ms', c.visualErrorMs.p95, 12);
  le('converge p95 <= 1500 ms', c.convergeMs.p95, 1500);
  for (const [name, b] of Object.entries(algs)) {
    if (name === 'crowdlight') continue;
    for (const [label, mine, theirs] of [
      ['clock p95', c.clockErrorMs.p95, b.clockErrorMs.p95],
      ['clock p99', c.clockErrorMs.p99, b.clockErrorMs.p99],
      ['visual p95', c.visualErrorMs.p95, b.visualErrorMs.p95],
      ['visual p99', c.visualErrorMs.p99, b.visualErrorMs.p99],
    ] as const) {
      const better = mine !== null && (theirs === null || mine < theirs);
      lines.push({ goal: `${label} better than ${name} (${theirs ?? 'inf'})`, value: mine, pass: better });
    }
  }
  return { pass: lines.every((l) => l.pass), lines };
}

function cell(v: number | null | undefined, width: number): string {
  const s = v === undefined ? '-' : v === null ? 'inf' : v >= 1000 ? v.toFixed(0) : v >= 100 ? v.toFixed(1) : v.toFixed(2);
  return s.padStart(width);
}

/** Readable table: one row per algorithm, plus the asymmetry floor and the goal check. */
export function formatTable(rep: EvalReport): string {
  const out: string[] = [];
  out.push(`profile ${rep.profile}: ${rep.devices} devices, ${rep.seconds} s, seed ${rep.seed}`);
  const w = 8;
  let nameW = 20;
  for (const name of Object.keys(rep.algorithms)) nameW = Math.max(nameW, name.length + 2);
  const head =
    'algorithm'.padEnd(nameW) +
    ['clk p50', 'clk p95', 'clk p99', 'clk max', 'vis p50', 'vis p95', 'vis p99', 'vis max', 'conv p50', 'conv p95']
      .map((h) => h.padStart(w + 1))
      .join('') +
    'never%'.padStart(w) +
    'req/min'.padStart(w);
  out.push(head);
  out.push('-'.repeat(head.length));
  const row = (name: string, c: Percentiles, v: Percentiles, conv: { p50: number | null; p95: number | null } | null, s?: AlgorithmSummary): string =>
    name.padEnd(nameW) +
    [c.p50, c.p95, c.p99, c.max, v.p50, v.p95, v.p99, v.max].map((x) => ' ' + cell(x, w)).join('') +
    (conv ? ' ' + cell(conv.p50, w) + ' ' + cell(conv.p95, w) : ' '.repeat(2 * (w + 1))) +
    (s ? cell(s.neverConvergedPct, w) + cell(s.exchangesPerMinute, w) : '');
  const none: Percentiles = { p50: null, p95: null, p99: null, max: null };
  const empty = { p50: undefined, p95: undefined, p99: undefined, max: undefined } as unknown as Percentiles;
  for (const [name, s] of Object.entries(rep.algorithms)) {
    out.push(row(name, s.samples.clock ? s.clockErrorMs : empty, s.samples.visual ? s.visualErrorMs : empty, s.convergeMs, s));
    if (s.naiveVisualErrorMs) {
      out.push(row(`  ${name} naive-render`, none, s.naiveVisualErrorMs, null).replace(/ +inf/g, (m) => ' '.repeat(m.length)));
    }
  }
  const f = rep.asymmetryFloorMs;
  out.push(`asymmetry floor (|up-down|/2, no two-way method can remove it): p50 ${cell(f.p50, 0)} p95 ${cell(f.p95, 0)} p99 ${cell(f.p99, 0)} max ${cell(f.max, 0)} ms`);
  out.push(`devices that joined during a congestion episode (queue >= 20 ms): ${rep.congestedAtJoinPct} %`);
  out.push('error beyond the floor (|clock error - device asymmetry bias|), time until it is under 5 ms and stays 5 s,');
  out.push('and convergence (|clock error| <= 5 ms for 5 s) of the devices that joined on an uncongested path:');
  for (const [name, s] of Object.entries(rep.algorithms)) {
    const e = s.clockExcessErrorMs;
    const c = s.convergeExcessMs;
    const j = s.convergeCleanJoinMs;
    out.push(
      `  ${name.padEnd(nameW)} p50 ${cell(e.p50, w)} p95 ${cell(e.p95, w)} p99 ${cell(e.p99, w)} | converge p50 ${cell(c.p50, w)} p95 ${cell(c.p95, w)} | clean join p50 ${cell(j.p50, w)} p95 ${cell(j.p95, w)}`,
    );
  }
  const c = rep.algorithms.crowdlight;
  if (c?.byMember) {
    out.push('crowdlight by access type (clock p50/p95/p99, visual p95, converge p95, beyond-floor p95; floor p95):');
    for (const [member, x] of Object.entries(c.byMember)) {
      const f = rep.asymmetryFloorByMemberMs?.[member];
      out.push(
        `  ${member.padEnd(nameW)} ${String(x.devices).padStart(6)} devices  clock ${cell(x.clockErrorMs.p50, 0)}/${cell(x.clockErrorMs.p95, 0)}/${cell(x.clockErrorMs.p99, 0)}  visual ${cell(x.visualErrorMs.p95, 0)}  converge ${cell(x.convergeMs.p95, 0)}  beyond floor ${cell(x.clockExcessErrorMs.p95, 0)}  floor ${cell(f?.p95, 0)}`,
      );
    }
  }
  out.push('all figures in ms; clock and visual errors are absolute values; inf = never / unbounded; - = no samples (session shorter than the 10 s steady-state start)');
  if (rep.goals) {
    out.push('');
    out.push(`crowdlight goals (set for the stadium profile): ${rep.goals.pass ? 'PASS' : 'FAIL'}`);
    for (const l of rep.goals.lines) out.push(`  [${l.pass ? 'ok' : '--'}] ${l.goal}: ${l.value ?? 'inf'}`);
    const floor = rep.asymmetryFloorMs.p95;
    const clean = rep.algorithms.crowdlight.convergeCleanJoinMs.p95;
    out.push(`  (context, not goals: asymmetry floor p95 ${floor ?? 'inf'} ms; converge p95 of clean joins ${clean ?? 'inf'} ms;`);
    out.push(`   ${rep.congestedAtJoinPct} % of devices joined during congestion)`);
  }
  return out.join('\n');
}
