/**
 * The HTML load report opened in a real Chromium: it renders without errors or requests,
 * every chart has a size on screen, hostile strings stay text, and the embedded JSON reads
 * back as the report.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildReport, renderHtml, reportToJson } from '../../../src/sim/live/report/index.ts';
import { sampleReportInput } from '../../../src/sim/live/report/sample-input.ts';
import type { ScenarioName } from '../../../src/sim/live/types.ts';
import { CHROMIUM_ARGS, requireBinary } from '../../support/binaries.ts';

const browserBin = requireBinary('chromium');
setDefaultTimeout(30_000);

const HOSTILE = `</script><script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><!--`;

describe.skipIf(!browserBin.available)('sim report in chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: browserBin.path!, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => requests.push(r.url()));
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('sim report chromium - renders with every chart on screen, no error and no request', async () => {
    const input = sampleReportInput({ devices: 400, workers: 2, reconnectsPerWorker: 10, durationMs: 30_000 });
    input.scenario = HOSTILE as ScenarioName;
    input.profile = HOSTILE;
    input.notes = [HOSTILE];
    const report = buildReport(input);
    await page.setContent(renderHtml(report), { waitUntil: 'load' });
    const seen = await page.evaluate(() => {
      const charts = [...document.querySelectorAll('svg.chart')].map((svg) => {
        const box = svg.getBoundingClientRect();
        const paths = [...svg.querySelectorAll('path.series')].map((p) => (p as SVGPathElement).getTotalLength());
        const bars = [...svg.querySelectorAll('g.bars rect')].map((b) => b.getBoundingClientRect().height);
        return { w: box.width, h: box.height, paths, bars };
      });
      return {
        charts,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? 0,
        scripts: document.querySelectorAll('script').length,
        images: document.querySelectorAll('img').length,
        h1: document.querySelector('h1')?.textContent ?? '',
        rows: document.querySelectorAll('table.targets tbody tr').length,
        data: document.getElementById('report-data')?.textContent ?? '',
      };
    });
    expect(seen.charts.length).toBe(7);
    for (const c of seen.charts) {
      expect(c.w).toBeGreaterThan(100);
      expect(c.h).toBeGreaterThan(50);
      // Every chart draws something: curves of non-zero length, or bars of non-zero height.
      expect(c.paths.length + c.bars.length).toBeGreaterThan(0);
      for (const len of [...c.paths, ...c.bars]) expect(len).toBeGreaterThan(0);
    }
    expect(seen.pwned).toBe(0);
    expect(seen.scripts).toBe(1);
    expect(seen.images).toBe(0);
    expect(seen.h1).toContain(HOSTILE);
    expect(seen.rows).toBe(report.targets.length);
    expect(JSON.parse(seen.data)).toEqual(JSON.parse(reportToJson(report)));
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });
});
