/**
 * Builds one browser page in memory: its entry script bundled and minified with `Bun.build`
 * (no files written) and served content-addressed (`/assets/<name>-<hash>.js`, immutable),
 * and the HTML entry page that loads it (no-cache, so a new build is picked up on the next
 * load). The phone page and the console are both built this way at start-up.
 */
import { fileURLToPath } from 'node:url';
import { contentHashHex, type StaticAsset } from './static-site.ts';

/** Raised when a page's bundle cannot be built (a broken import, a syntax error). */
export class WebBuildError extends Error {
  readonly code = 'web-build-failed';
  constructor(message: string) {
    super(message);
    this.name = 'WebBuildError';
  }
}

export interface PageBuild {
  /** Short name, used in the script path and in errors ("phone", "console"). */
  name: string;
  /** The entry script's module URL (e.g. `new URL('./main.ts', import.meta.url)`). */
  entry: URL;
  /** Where the HTML page is served. */
  pagePath: string;
  /** The page's HTML, given its script's path. */
  html: (scriptPath: string) => string;
}

/** The page and its script, ready for a StaticSite. */
export async function buildPageAssets(page: PageBuild): Promise<StaticAsset[]> {
  const result = await Bun.build({ entrypoints: [fileURLToPath(page.entry)], target: 'browser', format: 'esm', minify: true });
  if (!result.success) {
    throw new WebBuildError(`${page.name} bundle failed to build:\n${result.logs.map((l) => String(l.message ?? l)).join('\n')}`);
  }
  const output = result.outputs.find((o) => o.kind === 'entry-point');
  if (!output) throw new WebBuildError(`${page.name} bundle produced no entry point`);
  const js = new Uint8Array(await output.arrayBuffer());
  const scriptPath = `/assets/${page.name}-${contentHashHex(js)}.js`;
  return [
    { path: page.pagePath, body: new TextEncoder().encode(page.html(scriptPath)), contentType: 'text/html; charset=utf-8', cache: 'no-cache' },
    { path: scriptPath, body: js, contentType: 'text/javascript; charset=utf-8', cache: 'immutable' },
  ];
}
