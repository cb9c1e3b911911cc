import { expect, test } from 'bun:test';
import { buildReport, escapeHtml, formatReportTable, jsonForScript, limitText, renderHtml, reportToJson, TARGETS } from '../../../src/sim/live/report/index.ts';
import { sampleReportInput } from '../../../src/sim/live/report/sample-input.ts';
import type { LoadReport, ScenarioName } from '../../../src/sim/live/types.ts';

const HOSTILE = `</script><script>alert(1)</script><img src=x onerror="alert(2)"><!-- & 'quoted'`;

function hostileReport(): LoadReport {
  const input = sampleReportInput({ devices: 120, workers: 2, reconnectsPerWorker: 5, durationMs: 20_000 });
  input.scenario = HOSTILE as ScenarioName;
  input.profile = HOSTILE;
  input.urls = [`ws://127.0.0.1:1/ws?${HOSTILE}`];
  input.notes = [`note ${HOSTILE}`];
  input.results[0]!.errors = { [HOSTILE]: 1 };
  return buildReport(input);
}

function count(haystack: string, needle: RegExp): number {
  return (haystack.match(needle) ?? []).length;
}

/** The embedded report JSON, as the page holds it. */
function embeddedJson(html: string): unknown {
  const m = /<script type="application\/json" id="report-data">\n([\s\S]*?)\n<\/script>/.exec(html);
  expect(m === null).toBe(false);
  return JSON.parse(m![1]!);
}

test('sim report html - one svg per plot, balanced structure, the targets table', () => {
  const r = buildReport(sampleReportInput({ devices: 200, workers: 2, reconnectsPerWorker: 10 }));
  const html = renderHtml(r);
  expect(html.startsWith('<!doctype html>')).toBe(true);
  const plots = ['delivery-latency', 'clock-error', 'clock-error-histogram', 'visual-error', 'reconnect', 'connections', 'clock-over-time'];
  expect(count(html, /<svg\b/g)).toBe(plots.length);
  expect(count(html, /<\/svg>/g)).toBe(plots.length);
  for (const id of plots) expect(html).toContain(`<figure id="chart-${id}">`);
  for (const tag of ['figure', 'table', 'tr', 'td', 'th', 'ul', 'li', 'details', 'pre', 'text', 'title']) {
    expect(`${tag} ${count(html, new RegExp(`<${tag}[\\s>]`, 'g'))}`).toBe(`${tag} ${count(html, new RegExp(`</${tag}>`, 'g'))}`);
  }
  // Every target is a row, with its verdict.
  expect(count(html, /<span class="result (pass|fail)">/g)).toBe(TARGETS.length);
  expect(html).toContain('<span class="verdict pass">PASS</span>');
  // Each plot draws its curve or bars; axes carry labels with units.
  expect(count(html, /<path class="series"/g)).toBeGreaterThanOrEqual(plots.length - 1);
  expect(count(html, /<g class="bars"/g)).toBe(1);
  expect(html).toContain('latency (ms) (log scale)');
  expect(html).toContain('time since start (s)');
  expect(embeddedJson(html)).toEqual(JSON.parse(reportToJson(r)));
});

test('sim report html - self-contained: no external reference of any kind', () => {
  const html = renderHtml(buildReport(sampleReportInput({ devices: 50, workers: 1 })));
  expect(html).not.toMatch(/\b(src|href|xlink:href|srcset|action)\s*=/i);
  expect(html).not.toMatch(/https?:\/\//i);
  expect(html).not.toMatch(/url\s*\(|@import|<link\b|<iframe\b|<object\b|<embed\b/i);
  // The only script element is the inert JSON block, and the policy forbids loading anything.
  expect(count(html, /<script\b/g)).toBe(1);
  expect(html.includes(`content="${escapeHtml("default-src 'none'; style-src 'unsafe-inline'; img-src data:")}"`)).toBe(true);
});

test('sim report html - hostile scenario, profile, url, note and error strings are escaped', () => {
  const r = hostileReport();
  const html = renderHtml(r);
  // Still exactly one script element, closed once; no injected tag or comment survives.
  expect(count(html, /<script\b/gi)).toBe(1);
  expect(count(html, /<\/script>/gi)).toBe(1);
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<!--');
  expect(html).toContain(escapeHtml(HOSTILE));
  // The JSON block gives back the report's strings unchanged.
  const back = embeddedJson(html) as LoadReport;
  expect(back.profile).toBe(HOSTILE);
  expect(back.scenario).toBe(HOSTILE as ScenarioName);
  expect(back.notes[0]).toBe(`note ${HOSTILE}`);
  expect(back.errors[HOSTILE]).toBe(1);
});

test('sim report html - an empty run renders every plot with its empty message', () => {
  const input = sampleReportInput({ devices: 10, workers: 1 });
  const r = buildReport({ ...input, results: [], timeline: [], cuesFired: 0 });
  const html = renderHtml(r);
  expect(count(html, /<svg\b/g)).toBe(7);
  expect(count(html, /<path class="series"/g)).toBe(0);
  expect(count(html, /<g class="bars"/g)).toBe(0);
  for (const text of ['no live cue was delivered', 'no clock-error samples', 'no device showed a cue', 'no device reconnected in this run', 'no progress was recorded']) {
    expect(html).toContain(text);
  }
  expect(html).toContain('<span class="verdict fail">FAIL</span>');
  expect(html).not.toMatch(/NaN|Infinity|undefined/);
});

test('sim report html - script JSON escapes every character that could end the block', () => {
  const value = { s: '</script><!--\u2028\u2029&>', n: NaN, i: Infinity };
  const text = jsonForScript(value);
  expect(text).not.toMatch(/[<>&\u2028\u2029]/);
  expect(JSON.parse(text)).toEqual({ s: value.s, n: null, i: null });
});

test('sim report table - lists every target with source, limit, measured value and verdict', () => {
  const r = buildReport(sampleReportInput({ devices: 100, workers: 1 }));
  r.targets[1]!.pass = false;
  const text = formatReportTable(r);
  const lines = text.split('\n');
  for (const [i, t] of TARGETS.entries()) {
    const row = r.targets[i]!;
    const line = lines.find((l) => l.startsWith(`${t.name} `) && l.includes(limitText(t)) && l.includes(t.source));
    expect(line).toBeDefined();
    expect(line!.endsWith(row.pass ? 'PASS' : 'FAIL')).toBe(true);
  }
  expect(count(text, / {2}(PASS|FAIL)$/gm)).toBe(TARGETS.length);
  expect(text).toContain(`${TARGETS.length - 1} of ${TARGETS.length} targets passed`);
  // Reconnection with nothing to measure reads "none"; the key figures are there.
  expect(text).toMatch(/^reconnection p95 .* none {2}PASS$/m);
  expect(text).toContain('connect success');
  expect(text).toContain('clock error');
  // The columns line up: every table row has its verdict in the same column.
  const verdictCols = new Set(lines.filter((l) => / {2}(PASS|FAIL)$/.test(l)).map((l) => l.length));
  expect(verdictCols.size).toBe(1);
});

test('sim report table - notes and missing figures are shown', () => {
  const input = sampleReportInput({ devices: 10, workers: 1 });
  const r = buildReport({ ...input, edge: { ...input.edge, cpuPercent: null } });
  const text = formatReportTable(r);
  expect(text).toMatch(/^server CPU .* not measured {2}FAIL$/m);
  expect(text).toMatch(/\nnotes:\n(- .*\n)*- the server did not report its CPU use/);
});

test('sim report table - control characters from the run cannot reach the terminal', () => {
  const input = sampleReportInput({ devices: 10, workers: 1 });
  input.profile = 'wifi\u001b[2J\u001b[31mred';
  input.notes = ['line one\nline two\r\u0007'];
  const text = formatReportTable(buildReport(input));
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  expect(text).toContain('profile wifi?[2J?[31mred');
  expect(text).toContain('- line one?line two??');
});
