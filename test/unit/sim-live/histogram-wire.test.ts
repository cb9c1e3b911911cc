import { expect, test } from 'bun:test';
import { LogHistogram } from '../../../src/sim/histogram.ts';
import { deserializeHistogram, mergeHistograms, serializeHistogram } from '../../../src/sim/live/histogram-wire.ts';

test('sim histogram wire - round trip keeps every quantile, count and max', () => {
  const h = new LogHistogram();
  for (let i = 1; i <= 1000; i++) h.add(i * 0.37);
  h.add(Infinity);
  const back = deserializeHistogram(JSON.parse(JSON.stringify(serializeHistogram(h))));
  for (const q of [0, 0.5, 0.95, 0.99, 1]) expect(back.quantile(q)).toBe(h.quantile(q));
  expect(back.count).toBe(1001);
  expect(back.infinite).toBe(1);
  expect(back.max).toBe(h.max);
});

test('sim histogram wire - merging parts equals one histogram of all samples', () => {
  const a = new LogHistogram();
  const b = new LogHistogram();
  const all = new LogHistogram();
  for (let i = 0; i < 500; i++) {
    const v = (i * 7919) % 301;
    (i % 2 ? a : b).add(v);
    all.add(v);
  }
  const m = mergeHistograms([serializeHistogram(a), serializeHistogram(b)]);
  expect(m.count).toBe(all.count);
  expect(m.quantile(0.95)).toBe(all.quantile(0.95));
  expect(m.sumUs).toBe(all.sumUs);
});
