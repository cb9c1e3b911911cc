import { expect, test } from 'bun:test';
import { linearAxis, logAxis, niceStep, position, tickLabel } from '../../../src/sim/live/report/svg-axes.ts';
import { lineChart } from '../../../src/sim/live/report/svg-chart.ts';

test('sim report axes - linear axis widens to whole nice steps', () => {
  expect(niceStep(315, 5)).toBe(100);
  expect(niceStep(6, 6)).toBe(1);
  expect(niceStep(7, 6)).toBe(2); // rounds up: never more than about `target` ticks
  expect(niceStep(0.05, 6)).toBeCloseTo(0.01, 12);
  const a = linearAxis(0, 315, 5);
  expect([a.min, a.max]).toEqual([0, 400]);
  expect(a.ticks).toEqual([0, 100, 200, 300, 400]);
  const b = linearAxis(0, 60_000, 6);
  expect(b.ticks).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000, 60_000]);
  // A flat or empty range still gives a usable axis.
  expect(linearAxis(5, 5).max).toBeGreaterThan(5);
});

test('sim report axes - log axis spans whole decades, with 2 and 5 ticks when short', () => {
  const a = logAxis(0.3, 42);
  expect([a.min, a.max]).toEqual([0.1, 100]);
  expect(a.ticks).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
  const wide = logAxis(1e-3, 1e7);
  expect(wide.max).toBe(1e7);
  expect(wide.min).toBeCloseTo(1e-2, 12); // clipped to 9 decades
  expect(wide.ticks.length).toBe(10);
  expect(logAxis(0, 0).max).toBeGreaterThan(logAxis(0, 0).min);
});

test('sim report axes - positions are monotonic and clamped to the axis', () => {
  const a = logAxis(1, 1000);
  expect(position(a, 1)).toBe(0);
  expect(position(a, 1000)).toBe(1);
  expect(position(a, 10)).toBeCloseTo(1 / 3, 9);
  expect(position(a, 0)).toBe(0);
  expect(position(a, 1e9)).toBe(1);
  const l = linearAxis(0, 100);
  expect(position(l, 50)).toBe(0.5);
  expect(position(l, -5)).toBe(0);
});

test('sim report axes - tick labels are compact', () => {
  expect(tickLabel(100_000)).toBe('100k');
  expect(tickLabel(1_500_000)).toBe('1.5M');
  expect(tickLabel(0.01)).toBe('0.01');
  expect(tickLabel(2000)).toBe('2000');
  expect(tickLabel(0.30000000000000004)).toBe('0.3');
});

test('sim report chart - a limit beyond the data extends a log axis so it is drawn', () => {
  const svg = lineChart({
    title: 'Visual error CDF',
    xLabel: 'error (ms)',
    yLabel: 'share',
    xScale: 'log',
    series: [{ name: 'visual', color: '#00f', points: [[1, 0.5], [4, 1]], step: true }],
    markers: [{ x: 50, label: 'industry p95', color: '#f00' }],
    yRange: [0, 1],
    emptyText: 'none',
  });
  expect(svg).toContain('class="marker"');
  expect(svg).toContain('>industry p95</text>');
  expect(svg).toContain('>100</text>'); // the axis reaches the decade above the marker
  expect(svg).not.toContain('>none</text>');
  expect((svg.match(/<path class="series"/g) ?? []).length).toBe(1);
});

test('sim report chart - no data keeps the frame and says why; names are escaped', () => {
  const svg = lineChart({
    title: 'A <b>title</b>',
    xLabel: 't (s)',
    yLabel: 'devices',
    xScale: 'linear',
    series: [{ name: '<script>x</script>', color: '"red"', points: [] }],
    emptyText: 'no progress & nothing',
  });
  expect(svg).toContain('>no progress &amp; nothing</text>');
  expect(svg).toContain('A &lt;b&gt;title&lt;/b&gt;');
  expect(svg).toContain('&lt;script&gt;x&lt;/script&gt;');
  expect(svg).toContain('stroke="&quot;red&quot;"');
  expect(svg).not.toContain('<script');
  expect(svg).toContain('class="frame"');
});
