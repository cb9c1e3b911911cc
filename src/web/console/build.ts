import { buildPageAssets } from '../build-page.ts';
import type { StaticAsset } from '../static-site.ts';
import { consolePageHtml } from './page.ts';

/** Path of the console page. */
export const CONSOLE_PATH = '/console';

/** The operator console: the page at `/console` and its script at `/assets/console-<hash>.js`. */
export function buildConsoleAssets(): Promise<StaticAsset[]> {
  return buildPageAssets({ name: 'console', entry: new URL('./main.ts', import.meta.url), pagePath: CONSOLE_PATH, html: consolePageHtml });
}
