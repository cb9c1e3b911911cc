/**
 * Builds the audience page in memory: the HTML entry at `/` (no-cache, so a new build is
 * picked up on the next load) and its minified script at `/assets/phone-<hash>.js`
 * (content-addressed, immutable). The page is tiny on purpose: it has to load over a
 * stadium's congested network.
 */
import { contentHashHex, type StaticAsset } from '../static-site.ts';
import { pageHtml } from './page-html.ts';

const ENTRY = new URL('./main.ts', import.meta.url).pathname;

export class PhoneBuildError extends Error {
  readonly code = 'PHONE_BUILD_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'PhoneBuildError';
  }
}

/** The phone script, bundled and minified (no files written). */
export async function buildPhoneScript(): Promise<Uint8Array> {
  const result = await Bun.build({ entrypoints: [ENTRY], target: 'browser', format: 'esm', minify: true });
  if (!result.success) {
    throw new PhoneBuildError(`phone bundle failed: ${result.logs.map((l) => String(l)).join('; ')}`);
  }
  const js = result.outputs.find((o) => o.kind === 'entry-point');
  if (!js) throw new PhoneBuildError('phone bundle produced no entry point');
  return new Uint8Array(await js.arrayBuffer());
}

/** The page at `/` and its script, ready for a StaticSite. */
export async function buildPhoneAssets(): Promise<StaticAsset[]> {
  const js = await buildPhoneScript();
  const jsPath = `/assets/phone-${contentHashHex(js)}.js`;
  const html = new TextEncoder().encode(pageHtml(jsPath));
  return [
    { path: '/', body: html, contentType: 'text/html; charset=utf-8', cache: 'no-cache' },
    { path: jsPath, body: js, contentType: 'application/javascript; charset=utf-8', cache: 'immutable' },
  ];
}
