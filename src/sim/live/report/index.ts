/** The `crowdlight sim` load report: built from the workers' results, as JSON, a terminal table and an HTML page. */
export { buildReport, MEMORY_NOTE_MIN_CONNECTIONS, reportToJson } from './build-report.ts';
export { formatReportTable } from './format-table.ts';
export { cdfOf, MAX_CDF_POINTS, quantilesOf } from './histogram-figures.ts';
export { escapeHtml, jsonForScript } from './html-escape.ts';
export { renderHtml } from './render-html.ts';
export { evaluateTargets, limitText, TARGETS, type Comparison, type ReportFigures, type TargetSpec, type TargetVerdicts, type WhenMissing } from './targets.ts';
