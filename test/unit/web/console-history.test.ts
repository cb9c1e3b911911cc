import { describe, expect, test } from 'bun:test';
import { AudienceHistory, chartPoints, niceCeiling } from '../../../src/web/console/history.ts';

const sample = (connections: number, rtt: number | null = null, unc: number | null = null) => ({ connections, rttP95: rtt, uncertaintyP95: unc });

describe('console history', () => {
  test('history - keeps the newest samples in order once full', () => {
    const h = new AudienceHistory(3);
    for (let i = 1; i <= 5; i++) h.push(i * 1000, sample(i * 10));
    expect(h.length).toBe(3);
    expect([0, 1, 2].map((k) => h.time(k))).toEqual([3000, 4000, 5000]);
    expect([0, 1, 2].map((k) => h.value('connections', k))).toEqual([30, 40, 50]);
    expect(h.max('connections')).toBe(50);
    h.clear();
    expect(h.length).toBe(0);
    expect(h.max('connections')).toBe(0);
  });

  test('history - unknown figures are gaps that split the chart line', () => {
    const h = new AudienceHistory(10);
    h.push(0, sample(1, 10));
    h.push(1000, sample(1, null));
    h.push(2000, sample(1, 30));
    h.push(3000, sample(1, 40));
    const pts: [number, number, boolean][] = [];
    chartPoints(h, 'rttP95', 3000, 40, 300, 100, (x, y, move) => pts.push([x, y, move]));
    expect(pts).toEqual([
      [0, 75, true],
      [200, 25, true],
      [300, 0, false],
    ]);
    expect(h.max('rttP95')).toBe(40);
  });

  test('history - chart shows only the span ending at the newest sample, clamped to the top', () => {
    const h = new AudienceHistory(10);
    for (let i = 0; i <= 6; i++) h.push(i * 1000, sample(i * 100));
    const xs: number[] = [];
    const ys: number[] = [];
    chartPoints(h, 'connections', 2000, 500, 100, 50, (x, y) => {
      xs.push(x);
      ys.push(y);
    });
    expect(xs).toEqual([0, 50, 100]);
    expect(ys).toEqual([10, 0, 0]);
  });

  test('history - nice axis tops are 1, 2 or 5 times a power of ten', () => {
    expect(niceCeiling(0)).toBe(1);
    expect(niceCeiling(0.7)).toBe(1);
    expect(niceCeiling(3)).toBe(5);
    expect(niceCeiling(17)).toBe(20);
    expect(niceCeiling(100)).toBe(100);
    expect(niceCeiling(101_728)).toBe(200_000);
    expect(niceCeiling(Number.NaN)).toBe(1);
  });
});
