import { describe, expect, test } from 'bun:test';
import { LATENCY_BUCKETS_MS, latencyBucket } from '../../../src/bus/index.ts';
import { LeadTime } from '../../../src/control/index.ts';

function histogram(values: number[]): number[] {
  const h = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  for (const v of values) h[latencyBucket(v)]!++;
  return h;
}

describe('lead time', () => {
  test('lead time - holds the initial value until phones report', () => {
    const l = new LeadTime({ initialMs: 800 });
    expect(l.ms).toBe(800);
    expect(l.update(histogram([]))).toBe(800);
    expect(l.fromMeasurements).toBe(false);
  });

  test('lead time - follows the 99th percentile of round trips plus the margin', () => {
    const l = new LeadTime({ marginMs: 50, quantile: 0.99, floorMs: 10 });
    const values = [...Array(990).fill(40), ...Array(10).fill(240)];
    // 99 % of reports are at most 40 ms (bucket bound 40), the tail is above.
    expect(l.update(histogram(values))).toBe(40 + 50);
    expect(l.fromMeasurements).toBe(true);
  });

  test('lead time - clamps to floor and ceiling', () => {
    expect(new LeadTime({ floorMs: 150 }).update(histogram([1, 1, 1]))).toBe(150);
    expect(new LeadTime({ ceilingMs: 1500 }).update(histogram([4000]))).toBe(1500);
  });

  test('lead time - rises at once and comes down gradually', () => {
    const l = new LeadTime({ floorMs: 10, marginMs: 0, decay: 0.5 });
    l.update(histogram([100]));
    expect(l.ms).toBe(100);
    expect(l.update(histogram([300]))).toBe(300);
    expect(l.update(histogram([100]))).toBe(200);
    expect(l.update(histogram([100]))).toBe(150);
  });
});
