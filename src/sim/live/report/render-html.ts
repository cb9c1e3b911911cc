/**
 * The load report as one self-contained HTML page a person can open anywhere: header with the
 * verdict, the run's key figures, the targets table, the charts as inline SVG, the notes, and
 * the raw report JSON (visible under "raw JSON" and machine-readable in a
 * `<script type="application/json" id="report-data">` block). No script runs, and the page's
 * Content-Security-Policy forbids every external load.
 */
import type { LoadReport } from '../types.ts';
import { count, fmt, percent, triple } from './format.ts';
import { measuredText } from './format-table.ts';
import { escapeHtml, jsonForScript } from './html-escape.ts';
import { prettyJson } from './json-text.ts';
import { reportCharts } from './report-charts.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 0; background: #f4f5f7; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
header { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
h1 { font-size: 22px; margin: 0; }
h2 { font-size: 17px; margin: 28px 0 10px; }
.verdict { font-weight: 700; padding: 4px 12px; border-radius: 4px; color: #fff; }
.verdict.pass, .result.pass { background: #2a9d4b; }
.verdict.fail, .result.fail { background: #c0392b; }
.meta { color: #57606a; margin: 6px 0 0; }
table { border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #e1e4e8; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.result { color: #fff; font-weight: 700; border-radius: 3px; padding: 1px 8px; font-size: 12px; }
.figures th { font-weight: 600; color: #57606a; }
figure { background: #fff; margin: 0 0 18px; padding: 12px; border: 1px solid #e1e4e8; border-radius: 6px; }
figcaption { color: #57606a; margin-top: 6px; max-width: 720px; }
svg.chart { max-width: 100%; height: auto; display: block; }
svg .grid { stroke: #eef0f2; }
svg .tick, svg .frame { stroke: #6a737d; }
svg text { font: 12px system-ui, sans-serif; fill: #24292f; }
svg .chart-title { font-size: 15px; font-weight: 600; }
svg .axis-label { font-size: 13px; }
svg .empty { font-size: 14px; fill: #6a737d; }
svg .marker-label { font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
ul.notes li { margin-bottom: 4px; }
pre { background: #fff; border: 1px solid #e1e4e8; padding: 12px; overflow: auto; max-height: 480px; font-size: 12px; }
`;

const e = escapeHtml;

function row(label: string, value: string): string {
  return `<tr><th scope="row">${e(label)}</th><td>${e(value)}</td></tr>`;
}

function keyFigures(r: LoadReport): string {
  const reconnect =
    r.reconnectMs.count === 0
      ? 'none'
      : `${fmt(r.reconnectMs.p50)} / ${fmt(r.reconnectMs.p95)} / ${fmt(r.reconnectMs.max)} ms (p50 / p95 / max) over ${count(r.reconnectMs.count)} reconnections`;
  const rows = [
    row('connection success', `${percent(r.connectSuccessRate)} of ${count(r.devices)} devices`),
    row('delivery latency (p50 / p95 / p99)', triple(r.deliveryLatencyMs, 'ms')),
    row('  server part', triple(r.serverDeliveryLatencyMs, 'ms')),
    row('clock error', triple(r.clockErrorMs, 'ms')),
    row('visual error', triple(r.visualErrorMs, 'ms')),
    row('time to sync', triple(r.syncTimeMs, 'ms')),
    row('reconnection', reconnect),
    row('devices lost', count(r.devicesLost)),
    row('traffic per device', `${fmt(r.bytesPerDevicePerSec)} B/s`),
    row('live cues', `${count(r.cues.fired)} fired; ${count(r.cues.seen)} of ${count(r.cues.expected)} expected receipts seen, ${count(r.cues.onTime)} on time`),
    row('edges', `${r.edge.edges} process(es), peak ${count(r.edge.peakConnections)} connections`),
    row('edge memory per connection', `${fmt(r.edge.rssPerConnectionKB)} KB`),
    row('edge CPU', `${fmt(r.edge.cpuPercent)} % of the machine; ${fmt(r.edge.cpuMicrosPerDeliveredFrame)} us per delivered frame`),
    row('edge event-loop lag (max)', `${fmt(r.edge.eventLoopLagMs)} ms`),
    row('simulator', `${fmt(r.sim.rssPerDeviceKB)} KB per device, CPU ${fmt(r.sim.cpuPercent)} % of the machine`),
  ];
  const counts = (label: string, rec: Record<string, number>): void => {
    const entries = Object.entries(rec);
    if (entries.length > 0) rows.push(row(label, entries.map(([k, v]) => `${k}: ${count(v)}`).join(', ')));
  };
  counts('connection errors', r.errors);
  counts('closes by code', r.closesByCode);
  return `<table class="figures"><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function targetsTable(r: LoadReport): string {
  const rows = r.targets.map(
    (t) =>
      `<tr><td>${e(t.name)}</td><td>${e(t.source)}</td><td>${e(t.limit)}</td><td class="num">${e(measuredText(t))}</td>` +
      `<td><span class="result ${t.pass ? 'pass' : 'fail'}">${t.pass ? 'PASS' : 'FAIL'}</span></td></tr>`,
  );
  const passed = r.targets.filter((t) => t.pass).length;
  return (
    `<table class="targets"><thead><tr><th>target</th><th>source</th><th>limit</th><th>measured</th><th>result</th></tr></thead>\n` +
    `<tbody>\n${rows.join('\n')}\n</tbody></table>\n<p>${passed} of ${r.targets.length} targets passed.</p>`
  );
}

export function renderHtml(report: LoadReport): string {
  const r = report;
  const title = `crowdlight sim report: ${r.scenario}, ${r.profile}, ${count(r.devices)} devices`;
  const charts = reportCharts(r)
    .map((c) => `<figure id="chart-${e(c.id)}">\n${c.svg}\n<figcaption>${e(c.caption)}</figcaption>\n</figure>`)
    .join('\n');
  const notes = r.notes.length > 0 ? `<ul class="notes">\n${r.notes.map((n) => `<li>${e(n)}</li>`).join('\n')}\n</ul>` : '<p>None.</p>';
  const json = jsonForScript(r);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${e(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${e(title)}</h1>
<span class="verdict ${r.passed ? 'pass' : 'fail'}">${r.passed ? 'PASS' : 'FAIL'}</span>
</header>
<p class="meta">Scenario <b>${e(r.scenario)}</b>, profile <b>${e(r.profile)}</b>, ${e(count(r.devices))} devices over ${e(fmt(r.durationMs / 1000))} s,
started ${e(r.startedAt)}; ${e(String(r.workers))} simulator workers, seed ${e(String(r.seed))}; edges ${e(r.urls.join(', '))}.</p>
<h2>Targets</h2>
${targetsTable(r)}
<h2>Key figures</h2>
${keyFigures(r)}
<h2>Plots</h2>
${charts}
<h2>Notes</h2>
${notes}
<h2>Raw report</h2>
<details><summary>raw JSON</summary>
<pre>${e(prettyJson(r))}</pre>
</details>
<script type="application/json" id="report-data">
${json}
</script>
</main>
</body>
</html>
`;
}
