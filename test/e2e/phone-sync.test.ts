/**
 * End to end in real Chromium: six phone pages, each with its clocks skewed (up to ±10 s)
 * and its network delayed (5 to 300 ms each way, through its own proxy), join the real
 * server, sync, preload the show; an operator fires a live cue through the API; every page
 * must change colour, and the frames where they change must lie within two frame periods of
 * each other on the true clock.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { Browser } from 'playwright-core';
import type { RunningServer } from '../../src/server/index.ts';
import { requireBinary } from '../support/binaries.ts';
import { DEFAULT_PHONES, PhoneFleet, fireCue, fireSolidCue, launchBrowser, spreadOf, waitFor } from './support/phone-fleet.ts';
import { startScratchServer } from './support/scratch-server.ts';

const chromiumBin = requireBinary('chromium');

/** Pages' frames are placed on one timeline through their time origins, which agree to a
 *  fraction of a millisecond: the resolution of the spread measurement. */
const COMPARISON_RESOLUTION_MS = 1;
const maxSpread = (periodMs: number) => 2 * Math.max(periodMs, 1000 / 60) + COMPARISON_RESOLUTION_MS;

describe.skipIf(!chromiumBin.available)('phone e2e sync', () => {
  let server: RunningServer;
  let browser: Browser;
  let fleet: PhoneFleet;

  beforeAll(async () => {
    server = await startScratchServer('crowdlight-e2e-');
    browser = await launchBrowser(chromiumBin.path!);
    fleet = await PhoneFleet.open(browser, server.url, DEFAULT_PHONES);
  }, 30_000);

  afterAll(async () => {
    await fleet?.close();
    await browser?.close();
    await server?.stop();
  });

  test('phone sync - skewed, delayed pages join, sync and load the show', async () => {
    const views = await fleet.waitAllReady(25_000);
    expect(views).toHaveLength(DEFAULT_PHONES.length);
    for (const v of views) {
      expect(v.state).toBe('ready');
      expect(v.edgeId).toBe(server.edge.edgeId);
      expect(v.uncertaintyMs).toBeLessThan(400);
    }
  }, 30_000);

  test('phone sync - a live cue changes every page within two frame periods of each other', async () => {
    await fleet.waitAllReady(25_000);
    const errors = await fleet.clockErrors();
    const cue = await fireSolidCue(server.url, server.token, '#ff00ff', 5000);
    const changes = await fleet.waitForColor([255, 0, 255], cue.startControllerMs - 50, 10_000);
    expect(changes).toHaveLength(DEFAULT_PHONES.length);
    const period = Math.max(...changes.map((c) => c.frameMs));
    const spread = spreadOf(changes);
    console.log(
      `phone sync: spread ${spread.toFixed(2)} ms, frame period ${period.toFixed(2)} ms, clock-error spread ${(Math.max(...errors) - Math.min(...errors)).toFixed(2)} ms; per phone (skew, delay, true change):`,
      changes.map((c) => [c.spec.skewMs, c.spec.delayMs, (c.trueMs - Math.min(...changes.map((x) => x.trueMs))).toFixed(2)]),
    );
    expect(spread).toBeLessThanOrEqual(maxSpread(period));
  }, 30_000);

  test('phone sync - a network outage is invisible: pages change on time while disconnected, then resume', async () => {
    await fleet.waitAllReady(25_000);
    // A cue that turns yellow 3 s after it starts (a step fade), so the change falls well
    // inside the outage whatever the lead time.
    const stepMs = 3000;
    const cue = await fireCue(server.url, server.token, { kind: 'fade', from: '#000000', to: '#ffff00', easing: 'step', durationMs: stepMs }, 6000);
    await fleet.waitAll('every phone to hold the cue', 5_000, (v) => v.liveCueIds.includes(cue.cueId));
    const connectsBefore = (await fleet.views()).map((v) => v.connects);
    fleet.setOffline(true);
    await fleet.waitAll('every phone to notice the outage', 5_000, (v) => !v.connected);
    const changes = await fleet.waitForColor([255, 255, 0], cue.startControllerMs + stepMs - 50, 10_000);
    const views = await fleet.views();
    expect(views.every((v) => !v.connected)).toBe(true); // still offline after the change
    const period = Math.max(...changes.map((c) => c.frameMs));
    const spread = spreadOf(changes);
    console.log(`phone sync (offline): spread ${spread.toFixed(2)} ms, frame period ${period.toFixed(2)} ms`);
    expect(spread).toBeLessThanOrEqual(maxSpread(period));
    fleet.setOffline(false);
    const back = await fleet.waitAll('every phone to reconnect and be ready', 20_000, (v) => v.connected && v.state === 'ready');
    back.forEach((v, i) => expect(v.connects).toBeGreaterThan(connectsBefore[i]!));
  }, 45_000);

  test('phone sync - a reloaded page restores its clock estimate and is ready again', async () => {
    const phone = fleet.phones[1]!; // the 5 ms path: a quick reload
    await phone.page.reload();
    await phone.page.click('#start');
    const view = await waitFor('the reloaded page to be ready', 15_000, async () => {
      const v = await phone.page.evaluate(() => {
        const c = (window as unknown as { crowdlight: { state: string; clockRestored: boolean; synced: boolean } }).crowdlight;
        return { state: c.state, clockRestored: c.clockRestored, synced: c.synced };
      });
      return v.state === 'ready' ? v : undefined;
    });
    expect(view).toEqual({ state: 'ready', clockRestored: true, synced: true });
  }, 20_000);
});
