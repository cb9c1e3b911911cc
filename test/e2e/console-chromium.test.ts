/**
 * The operator console in a real Chromium against a real embedded server: login (a wrong
 * token first), transport, a zone-targeted live cue, blackout, and the saved token.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildDemoShow, DEMO_SHOW_ID } from '../../src/core/show/index.ts';
import { startServer, type RunningServer } from '../../src/server/index.ts';
import { requireBinary } from '../support/binaries.ts';
import { launchBrowser } from './support/phone-fleet.ts';

const browserBin = requireBinary('chromium');
const TOKEN = 'console-e2e-token';
const DEADLINE_MS = 10_000;
// Waits poll up to DEADLINE_MS; a test has room for a few of them on a busy machine.
setDefaultTimeout(30_000);

interface Status {
  transport: { mode: string; blackout: boolean };
  liveCues: { cueId: number; effect: { kind: string; color?: string }; target: unknown; durationMs: number | null }[];
}

/** Polls `probe` until it returns a value that is not undefined, or fails at the deadline. */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const end = performance.now() + DEADLINE_MS;
  let last: unknown;
  while (performance.now() < end) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await Bun.sleep(25);
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
}

describe.skipIf(!browserBin.available)('console in chromium', () => {
  let dataDir = '';
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const status = async (): Promise<Status> => {
    const res = await fetch(`${server.url}/api/status`, { headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Status;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crowdlight-console-'));
    server = await startServer({ port: 0, dataDir, token: TOKEN, log: () => {} });
    browser = await launchBrowser(browserBin.path!);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('console e2e - a wrong token shows an error and changes nothing', async () => {
    await page.goto(`${server.url}/console`);
    await page.fill('#login-token', 'not-the-token');
    await page.click('#login-submit');
    await page.waitForFunction(() => (document.getElementById('login-error')?.textContent ?? '') !== '', undefined, { timeout: DEADLINE_MS });
    expect(await page.textContent('#login-error')).toContain('not accepted');
    expect(await page.$('#btn-play')).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem('crowdlight.console.token'))).toBeNull();
    expect((await status()).transport.mode).toBe('stopped');
  });

  test('console e2e - the right token opens the console and play starts the transport', async () => {
    await page.fill('#login-token', TOKEN);
    await page.click('#login-submit');
    await page.waitForSelector('#btn-play:not([disabled])', { timeout: DEADLINE_MS });
    expect(await page.evaluate(() => localStorage.getItem('crowdlight.console.token'))).toBe(TOKEN);
    await page.click('#btn-play');
    const s = await until('transport playing', async () => {
      const st = await status();
      return st.transport.mode === 'playing' ? st : undefined;
    });
    expect(s.transport.mode).toBe('playing');
    await page.waitForFunction(() => document.getElementById('transport-mode')?.textContent === 'playing', undefined, { timeout: DEADLINE_MS });
  });

  test('console e2e - a red cue fired at a zone appears in the live cues with that target', async () => {
    await page.selectOption('#target-select', 'zone:north');
    await page.check('#until-cancelled');
    await page.click('[data-preset="red"]');
    const cue = await until('the red cue', async () => (await status()).liveCues.find((c) => c.effect.kind === 'solid' && c.effect.color === '#ff0000'));
    expect(cue.target).toEqual({ zones: ['north'] });
    expect(cue.durationMs).toBeNull();
    await page.waitForSelector(`#cue-list li[data-cue-id="${cue.cueId}"]`, { timeout: DEADLINE_MS });
  });

  test('console e2e - cancel ends the cue and it leaves the list', async () => {
    const before = (await status()).liveCues;
    expect(before.length).toBe(1);
    expect(before[0]!.durationMs).toBeNull();
    await page.click(`#cue-list [data-cancel="${before[0]!.cueId}"]`);
    // A cancel schedules the cue's end (its duration becomes finite); the list drops it once
    // that end has passed.
    const ended = await until('the cue to be given an end', async () => {
      const c = (await status()).liveCues.find((x) => x.cueId === before[0]!.cueId);
      return c === undefined || c.durationMs !== null ? true : undefined;
    });
    expect(ended).toBe(true);
    await page.waitForSelector('#cue-list li', { state: 'detached', timeout: DEADLINE_MS });
  });

  test('console e2e - the blackout button and the B key switch blackout on and off', async () => {
    await page.click('#btn-blackout');
    await until('blackout on', async () => ((await status()).transport.blackout ? true : undefined));
    await page.waitForFunction(() => document.getElementById('btn-blackout')?.getAttribute('aria-pressed') === 'true', undefined, { timeout: DEADLINE_MS });
    await page.locator('body').click({ position: { x: 5, y: 880 } });
    await page.keyboard.press('b');
    await until('blackout off', async () => (!(await status()).transport.blackout ? true : undefined));
  });

  test('console e2e - space plays and pauses, even with a palette button focused', async () => {
    await page.focus('[data-preset="blue"]');
    await page.keyboard.press(' ');
    await until('transport paused', async () => ((await status()).transport.mode === 'paused' ? true : undefined));
    await page.keyboard.press(' ');
    await until('transport playing', async () => ((await status()).transport.mode === 'playing' ? true : undefined));
    // The focused button was not pressed by the space bar.
    expect((await status()).liveCues.some((c) => c.effect.color === '#0050ff')).toBe(false);
  });

  test('console e2e - seek and rate from the transport panel', async () => {
    await page.fill('#seek-input', '1:00');
    await page.click('#btn-seek');
    const seeked = await until('the seek', async () => {
      const t = (await status()).transport as Status['transport'] & { anchorShowMs: number; rate: number };
      return t.anchorShowMs === 60_000 ? t : undefined;
    });
    expect(seeked.mode).toBe('playing');
    await page.fill('#rate-input', '2');
    await page.click('#btn-rate');
    const rated = await until('the rate', async () => {
      const t = (await status()).transport as Status['transport'] & { rate: number };
      return t.rate === 2 ? t : undefined;
    });
    expect(rated.mode).toBe('playing');
  });

  test('console e2e - the designer fires a strobe with its settings', async () => {
    await page.selectOption('#target-select', 'all');
    await page.uncheck('#until-cancelled');
    await page.fill('#duration-input', '30');
    await page.click('details.designer > summary');
    await page.selectOption('#design-kind', 'strobe');
    await page.fill('input[data-field="rateHz"]', '2.5');
    await page.click('#btn-fire-design');
    const cue = await until('the strobe', async () => (await status()).liveCues.find((c) => c.effect.kind === 'strobe'));
    expect(cue.effect).toMatchObject({ kind: 'strobe', rateHz: 2.5 });
    expect(cue.target).toBe('all');
    expect(cue.durationMs).toBe(30_000);
  });

  test('console e2e - a strobe above 3 Hz from the designer wants a second press', async () => {
    await page.fill('input[data-field="rateHz"]', '8');
    await page.click('#btn-fire-design');
    expect(await page.textContent('#btn-fire-design')).toContain('Press again');
    expect((await status()).liveCues.some((c) => c.effect.kind === 'strobe' && (c.effect as { rateHz?: number }).rateHz === 8)).toBe(false);
    await page.click('#btn-fire-design');
    const fast = await until('the 8 Hz strobe', async () => (await status()).liveCues.find((c) => c.effect.kind === 'strobe' && (c.effect as { rateHz?: number }).rateHz === 8));
    expect(fast.target).toBe('all');
  });

  test('console e2e - the preview paints the seats a live cue colours, Esc cancels all', async () => {
    await page.check('#until-cancelled');
    await page.click('[data-preset="green"]');
    await until('the green cue', async () => (await status()).liveCues.find((c) => c.effect.color === '#00ff3c'));
    const greenPixels = () =>
      page.evaluate(() => {
        const canvas = document.getElementById('venue-preview') as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 40 && data[i + 1]! > 200 && data[i + 2]! < 90) n++;
        return n;
      });
    const painted = await until('green seats in the preview', async () => {
      const n = await greenPixels();
      return n > 1000 ? n : undefined;
    });
    expect(painted).toBeGreaterThan(1000);
    await page.locator('body').click({ position: { x: 5, y: 880 } });
    await page.keyboard.press('Escape');
    await until('every cue given an end', async () => ((await status()).liveCues.every((c) => c.durationMs !== null) ? true : undefined));
    await page.waitForSelector('#cue-list li', { state: 'detached', timeout: DEADLINE_MS });
  });

  test('console e2e - stop takes a second press', async () => {
    await page.click('#btn-stop');
    expect(await page.textContent('#btn-stop')).toContain('again');
    expect((await status()).transport.mode).toBe('playing');
    await page.click('#btn-stop');
    await until('transport stopped', async () => ((await status()).transport.mode === 'stopped' ? true : undefined));
  });

  test('console e2e - the shows panel lists the stored shows and loads another', async () => {
    await page.waitForSelector(`#show-list li[data-show-id="${DEMO_SHOW_ID}"]`, { timeout: DEADLINE_MS });
    const other = { ...buildDemoShow(), id: 'encore', name: 'Encore' };
    const put = await fetch(`${server.url}/api/shows/encore`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(other),
    });
    expect(put.status).toBe(200);
    await page.click('#btn-refresh-shows');
    await page.click('[data-load="encore"]', { timeout: DEADLINE_MS });
    const loaded = await until('the encore show', async () => {
      const s = (await status()) as Status & { show: { id: string } | null };
      return s.show?.id === 'encore' ? s : undefined;
    });
    expect(loaded.transport.mode).toBe('stopped');
    await page.waitForFunction(() => document.getElementById('show-name')?.textContent === 'Encore', undefined, { timeout: DEADLINE_MS });
  });

  test('console e2e - the join panel shows a section link and its code', async () => {
    await page.selectOption('#join-section', '101');
    await page.waitForFunction(() => (document.getElementById('join-link')?.textContent ?? '').endsWith('?section=101'), undefined, { timeout: DEADLINE_MS });
    const tones = await page.evaluate(() => {
      const c = document.getElementById('join-qr') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let dark = 0;
      let light = 0;
      for (let i = 0; i < d.length; i += 4) d[i]! < 128 ? dark++ : light++;
      return { dark, light };
    });
    expect(tones.dark).toBeGreaterThan(0);
    expect(tones.light).toBeGreaterThan(tones.dark);
  });

  test('console e2e - a reload logs in with the saved token', async () => {
    await page.reload();
    await page.waitForSelector('#btn-play', { timeout: DEADLINE_MS });
    expect(await page.$('#login-token')).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  test('console e2e - a server restarted with a new token sends the console back to login', async () => {
    const port = server.port;
    await server.stop();
    server = await startServer({ port, dataDir, token: `${TOKEN}-rotated`, log: () => {} });
    await page.waitForSelector('#login-token', { timeout: DEADLINE_MS });
    expect(await page.textContent('#login-error')).toContain('no longer accepts');
    expect(await page.evaluate(() => localStorage.getItem('crowdlight.console.token'))).toBeNull();
    await page.fill('#login-token', `${TOKEN}-rotated`);
    await page.click('#login-submit');
    await page.waitForSelector('#btn-play', { timeout: DEADLINE_MS });
    expect(pageErrors).toEqual([]);
  });
});
