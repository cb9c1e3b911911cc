import { fileURLToPath } from 'node:url';
import { contentHashHex, type StaticAsset } from '../static-site.ts';
import { consolePageHtml } from './page.ts';

/** Path of the console page. */
export const CONSOLE_PATH = '/console';

/** Raised when the console bundle cannot be built (a broken import, a syntax error). */
export class ConsoleBuildError extends Error {
  readonly code = 'console-build-failed';
  constructor(message: string) {
    super(message);
    this.name = 'ConsoleBuildError';
  }
}

/**
 * Builds the operator console in memory: the page at `/console` (no-cache, so a new build is
 * picked up on the next load) and its minified script at `/assets/console-<hash>.js`
 * (immutable: the hash changes with the content).
 */
export async function buildConsoleAssets(): Promise<StaticAsset[]> {
  const entry = fileURLToPath(new URL('./main.ts', import.meta.url));
  const result = await Bun.build({ entrypoints: [entry], target: 'browser', format: 'esm', minify: true });
  if (!result.success) {
    const detail = result.logs.map((l) => String(l.message ?? l)).join('\n');
    throw new ConsoleBuildError(`console bundle failed to build:\n${detail}`);
  }
  const output = result.outputs.find((o) => o.kind === 'entry-point');
  if (!output) throw new ConsoleBuildError('console bundle produced no entry point');
  const js = new Uint8Array(await output.arrayBuffer());
  const scriptPath = `/assets/console-${contentHashHex(js)}.js`;
  const html = new TextEncoder().encode(consolePageHtml(scriptPath));
  return [
    { path: CONSOLE_PATH, body: html, contentType: 'text/html; charset=utf-8', cache: 'no-cache' },
    { path: scriptPath, body: js, contentType: 'text/javascript; charset=utf-8', cache: 'immutable' },
  ];
}
