/**
 * The page on an older or stricter browser, in real Chromium made to look like one before
 * any page script runs: no `Object.hasOwn` (Safari < 15.4, Chrome < 93), no
 * `performance.timeOrigin` (Safari < 16), no wake lock, battery or media devices, and a
 * `performance.now()` floored to whole milliseconds as WebKit does. The page must still
 * join, sync and load the show, find the 1 ms clock step, and throw nothing. And the join
 * screen's accessibility, which only a browser shows.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/server/index.ts';
import { requireBinary } from '../support/binaries.ts';
import { launchBrowser, waitFor } from './support/phone-fleet.ts';
import { startScratchServer } from './support/scratch-server.ts';

const chromiumBin = requireBinary('chromium');

/** Runs in the page before its scripts (serialised by Playwright): keep it self-contained. */
function makeLegacy(): void {
  delete (Object as unknown as { hasOwn?: unknown }).hasOwn;
  Object.defineProperty(Performance.prototype, 'timeOrigin', { get: () => undefined, configurable: true });
  for (const k of ['wakeLock', 'getBattery', 'mediaDevices']) delete (Navigator.prototype as unknown as Record<string, unknown>)[k];
  const perf = performance;
  const trueNow = perf.now.bind(perf);
  perf.now = () => Math.floor(trueNow());
}

describe.skipIf(!chromiumBin.available)('phone e2e legacy browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startScratchServer('crowdlight-e2e-legacy-');
    browser = await launchBrowser(chromiumBin.path!);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('phone legacy - without newer built-ins and with a 1 ms clock the page joins, syncs, finds the step and throws nothing', async () => {
    const context = await browser.newContext();
    await context.addInitScript(makeLegacy);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/?section=101&row=3&seat=7`);
    expect(await page.evaluate(() => typeof (Object as unknown as { hasOwn?: unknown }).hasOwn)).toBe('undefined'); // the page must work without it
    await page.click('#start');
    const view = await waitFor('the legacy page to be ready', 15_000, async () => {
      const v = await page.evaluate(() => {
        const c = (window as unknown as { crowdlight: { state: string; synced: boolean; timerResolutionMs: number; wakeLockHeld?: boolean } }).crowdlight;
        return { state: c.state, synced: c.synced, timerResolutionMs: c.timerResolutionMs };
      });
      return v.state === 'ready' ? v : undefined;
    }, async () => page.evaluate(() => (window as unknown as { crowdlight?: { state: string; lastError: string } }).crowdlight ?? 'no debug object'));
    expect(view).toEqual({ state: 'ready', synced: true, timerResolutionMs: 1 });
    // The details panel (torch box, wake lock line) renders without the missing APIs.
    await page.click('#dot');
    expect(await page.textContent('#info')).toContain('wake lock  no');
    expect(await page.isDisabled('#torch')).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 30_000);

  test('phone page - join screen: zoomable, status announced once per change, details button a named 24+ px target with its state', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(await page.getAttribute('meta[name=viewport]', 'content')).not.toContain('user-scalable=no');
    const status = page.getByRole('status');
    await waitFor('ready on the join card', 15_000, async () => ((await status.textContent()) === 'ready' ? true : undefined));
    // The live region is written only when its text changes (each write is read out).
    const writes = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let n = 0;
          new MutationObserver((m) => (n += m.length)).observe(document.getElementById('msg')!, { childList: true, characterData: true, subtree: true });
          setTimeout(() => resolve(n), 2500); // a few clock exchanges, each a UI update
        }),
    );
    expect(writes).toBe(0);
    const dot = page.getByRole('button', { name: 'connection details' });
    const box = (await dot.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24);
    await page.click('#start');
    expect(await dot.getAttribute('aria-expanded')).toBe('false');
    await dot.click();
    expect(await dot.getAttribute('aria-expanded')).toBe('true');
    expect(await page.isVisible('#details')).toBe(true);
    await context.close();
  }, 30_000);
});
