import { expect, test } from 'bun:test';
import { algorithmByName, builtinProfile, simulate } from '../../../src/sim/index.ts';
import { checkGoals, formatTable, summarize, type AlgorithmSummary } from '../../../src/sim/report.ts';
import { run } from '../../../src/cli/sync-eval.ts';
import { capture } from './helpers.ts';

function summary(clockP95: number, clockP99: number, visualP95: number, convP95: number | null): AlgorithmSummary {
  const p = (a: number, b: number) => ({ p50: a / 2, p95: a, p99: b, max: b * 2 });
  return {
    clockErrorMs: p(clockP95, clockP99),
    visualErrorMs: p(visualP95, visualP95 + 2),
    convergeMs: { p50: 100, p95: convP95 },
    acquireMs: { p50: 50, p95: 100 },
    clockExcessErrorMs: p(1, 2),
    convergeExcessMs: { p50: 100, p95: convP95 },
    convergeCleanJoinMs: { p50: 100, p95: convP95 },
    clockBiasMs: 0,
    neverConvergedPct: 0,
    exchangesPerMinute: 6,
    samples: { clock: 1, visual: 1 },
  };
}

test('report - goals pass only when every goal and every comparison holds', () => {
  const good = checkGoals({ crowdlight: summary(2, 6, 10, 1000), other: summary(5, 20, 15, 3000) });
  expect(good.pass).toBe(true);
  const slow = checkGoals({ crowdlight: summary(2, 6, 10, null), other: summary(5, 20, 15, 3000) });
  expect(slow.pass).toBe(false);
  expect(slow.lines.find((l) => l.goal.startsWith('converge'))!.pass).toBe(false);
  const beaten = checkGoals({ crowdlight: summary(2, 6, 10, 1000), other: summary(1.5, 20, 15, 3000) });
  expect(beaten.pass).toBe(false);
  expect(beaten.lines.filter((l) => !l.pass).map((l) => l.goal)).toEqual(['clock p95 better than other (1.5)']);
});

test('report - table and JSON agree on the crowdlight figures', () => {
  const r = simulate({ profile: builtinProfile('5g'), devices: 4, seconds: 40, seed: 2, algorithms: [algorithmByName('crowdlight')], naiveRenderFor: ['crowdlight'] });
  const rep = summarize(r, { profile: '5g', devices: 4, seconds: 40, seed: 2 });
  const table = formatTable(rep);
  const p95 = rep.algorithms.crowdlight.clockErrorMs.p95!;
  expect(table).toContain(p95.toFixed(2));
  expect(rep.algorithms.crowdlight.naiveVisualErrorMs).toBeDefined();
  expect(rep.members['5g']).toBe(4);
});

test('model - harsher profiles give larger crowdlight errors', () => {
  const p95 = (name: string) =>
    simulate({ profile: builtinProfile(name), devices: 6, seconds: 40, seed: 4, algorithms: [algorithmByName('crowdlight')] })
      .metrics.get('crowdlight')!
      .clock.quantile(0.95);
  const lan = p95('lan');
  const fourG = p95('4g');
  const hostile = p95('hostile');
  expect(lan).toBeLessThan(fourG);
  expect(fourG).toBeLessThan(hostile);
});

test('sync-eval - --profile all --json prints one object with a run per built-in profile', async () => {
  const r = await capture(() => run(['--profile', 'all', '--devices', '2', '--seconds', '12', '--workers', '1', '--json', '--algorithms', 'crowdlight']));
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out);
  expect(out.runs.map((x: { profile: string }) => x.profile)).toEqual(['lan', '5g', '4g', 'congested-4g', 'stadium-wifi', 'stadium', 'hostile']);
});

test('report - a mix is broken down by access type and the parts add up to the whole', () => {
  const r = simulate({ profile: builtinProfile('stadium'), devices: 12, seconds: 30, seed: 3, algorithms: [algorithmByName('crowdlight')] });
  const parts = r.byMember.get('crowdlight')!;
  let clock = 0;
  let devices = 0;
  for (const [member, m] of parts) {
    clock += m.clock.count;
    devices += r.members[member];
  }
  expect(devices).toBe(12);
  expect(clock).toBe(r.metrics.get('crowdlight')!.clock.count);
  const rep = summarize(r, { profile: 'stadium', devices: 12, seconds: 30, seed: 3 });
  expect(Object.keys(rep.algorithms.crowdlight.byMember ?? {}).sort()).toEqual([...parts.keys()].sort());
  expect(formatTable(rep)).toContain('crowdlight by access type');
});
