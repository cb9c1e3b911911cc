/**
 * The audience page: the HTML entry at `/` and its minified script at
 * `/assets/phone-<hash>.js`. The page is tiny on purpose: it has to load over a stadium's
 * congested network.
 */
import { buildPageAssets } from '../build-page.ts';
import type { StaticAsset } from '../static-site.ts';
import { pageHtml } from './page-html.ts';

export function buildPhoneAssets(): Promise<StaticAsset[]> {
  return buildPageAssets({ name: 'phone', entry: new URL('./main.ts', import.meta.url), pagePath: '/', html: pageHtml });
}
