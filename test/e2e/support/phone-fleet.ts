/**
 * A fleet of real Chromium phone pages for end-to-end tests and the spread benchmark: one
 * browser, one context per phone, each phone with its own clock skew (init script) and its
 * own network delay (a delaying TCP proxy in front of the server). Conditions are awaited by
 * polling each page's `window.crowdlight` debug object against a deadline.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../support/binaries.ts';
import { startDelayProxy, type DelayProxy } from './delay-proxy.ts';
import { installSkew } from './skew-init.ts';

export interface PhoneSpec {
  /** How far the phone's clocks are off, ms (performance.now, Date.now, rAF). */
  skewMs: number;
  /** One-way network delay added in each direction, ms. */
  delayMs: number;
  /** Seat query, e.g. `section=101&row=3&seat=7`. */
  seatQuery: string;
}

/** Six phones: skews up to ±10 s, delays from 5 to 300 ms, seats across the demo stadium. */
export const DEFAULT_PHONES: readonly PhoneSpec[] = [
  { skewMs: -10_000, delayMs: 300, seatQuery: 'section=101&row=1&seat=1' },
  { skewMs: 10_000, delayMs: 5, seatQuery: 'section=105&row=10&seat=12' },
  { skewMs: -3_250.5, delayMs: 150, seatQuery: 'section=110&row=20&seat=5' },
  { skewMs: 6_400.25, delayMs: 60, seatQuery: 'section=115&row=2&seat=20' },
  { skewMs: 0, delayMs: 220, seatQuery: 'section=201&row=5&seat=9' },
  { skewMs: -777.7, delayMs: 25, seatQuery: 'section=212&row=12&seat=30' },
];

/** What a page's debug object says (the subset the tests read). */
export interface PhoneView {
  state: string;
  synced: boolean;
  showReady: boolean;
  uncertaintyMs: number;
  exchanges: number;
  frameMs: number;
  edgeId: string;
  connected: boolean;
  connects: number;
  liveCueIds: number[];
}

export interface PhoneChange {
  index: number;
  spec: PhoneSpec;
  /** The frame's rAF timestamp on the page's own (skewed) clock. */
  rafMs: number;
  /** The same instant on the true clock shared by all pages (timeOrigin + true now), ms. */
  trueMs: number;
  targetControllerMs: number;
  frameMs: number;
}

export interface FleetPhone {
  spec: PhoneSpec;
  proxy: DelayProxy;
  context: BrowserContext;
  page: Page;
}

export async function launchBrowser(executablePath = '/usr/bin/chromium'): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Polls `probe` until it returns a value other than undefined, or throws at the deadline
 *  with the last observation. */
export async function waitFor<T>(what: string, deadlineMs: number, probe: () => Promise<T | undefined>, describe: () => Promise<unknown> = async () => ''): Promise<T> {
  const end = performance.now() + deadlineMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (performance.now() > end) throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}: ${JSON.stringify(await describe())}`);
    await Bun.sleep(100);
  }
}

export class PhoneFleet {
  readonly phones: FleetPhone[] = [];

  private constructor(readonly browser: Browser) {}

  /** Opens one page per spec, each through its own delaying proxy to `serverUrl`. */
  static async open(browser: Browser, serverUrl: string, specs: readonly PhoneSpec[]): Promise<PhoneFleet> {
    const fleet = new PhoneFleet(browser);
    const target = new URL(serverUrl);
    for (const spec of specs) {
      const proxy = await startDelayProxy({ targetHost: target.hostname, targetPort: Number(target.port), delayMs: spec.delayMs });
      const context = await browser.newContext();
      await context.addInitScript(installSkew, spec.skewMs);
      const page = await context.newPage();
      fleet.phones.push({ spec, proxy, context, page });
    }
    await Promise.all(fleet.phones.map((p) => p.page.goto(`${p.proxy.url}/?${p.spec.seatQuery}`)));
    // Join: the tap that grants full screen and wake lock on a real phone.
    await Promise.all(fleet.phones.map((p) => p.page.click('#start')));
    return fleet;
  }

  views(): Promise<PhoneView[]> {
    return Promise.all(
      this.phones.map((p) =>
        p.page.evaluate(() => {
          const c = (window as unknown as { crowdlight: PhoneView }).crowdlight;
          return {
            state: c.state, synced: c.synced, showReady: c.showReady, uncertaintyMs: c.uncertaintyMs,
            exchanges: c.exchanges, frameMs: c.frameMs, edgeId: c.edgeId, connected: c.connected,
            connects: c.connects, liveCueIds: c.liveCueIds,
          };
        }),
      ),
    );
  }

  /** Waits until every page is ready (synced, show loaded) and past its initial exchange
   *  burst, so the estimate has settled. */
  async waitAllReady(deadlineMs: number, minExchanges = 10): Promise<PhoneView[]> {
    return waitFor(
      'every phone ready',
      deadlineMs,
      async () => {
        const v = await this.views();
        return v.every((x) => x.state === 'ready' && x.synced && x.showReady && x.exchanges >= minExchanges) ? v : undefined;
      },
      () => this.views(),
    );
  }

  /** For every page, the first frame at or after `afterControllerMs` (rendered instant)
   *  whose colour is `rgb`, placed on the true clock. */
  async waitForColor(rgb: [number, number, number], afterControllerMs: number, deadlineMs: number): Promise<PhoneChange[]> {
    const found: (PhoneChange | undefined)[] = this.phones.map(() => undefined);
    await waitFor(
      `every phone to turn rgb(${rgb.join(',')})`,
      deadlineMs,
      async () => {
        await Promise.all(
          this.phones.map(async (p, index) => {
            if (found[index]) return;
            const hit = await p.page.evaluate(
              ({ rgb, after }) => {
                const w = window as unknown as {
                  crowdlight: { changes: Array<{ rafMs: number; targetControllerMs: number; rgb: number[] }>; frameMs: number };
                  __trueClock: { timeOrigin: number; skewMs: number };
                };
                const c = w.crowdlight.changes.find(
                  (x) => x.targetControllerMs >= after && x.rgb[0] === rgb[0] && x.rgb[1] === rgb[1] && x.rgb[2] === rgb[2],
                );
                if (!c) return null;
                const t = w.__trueClock;
                return { rafMs: c.rafMs, targetControllerMs: c.targetControllerMs, trueMs: t.timeOrigin + (c.rafMs - t.skewMs), frameMs: w.crowdlight.frameMs };
              },
              { rgb, after: afterControllerMs },
            );
            if (hit) found[index] = { index, spec: p.spec, ...hit };
          }),
        );
        return found.every((f) => f !== undefined) ? (found as PhoneChange[]) : undefined;
      },
      async () => found.map((f, i) => (f ? 'changed' : `phone ${i} not yet`)),
    );
    return found as PhoneChange[];
  }

  /**
   * Each page's clock error: its estimate of controller time minus the true wall-clock time
   * (time origin + true now) at the same instant, ms. The common part (how the server's clock
   * and the browser's time origins differ) is the same for every page, so the spread of these
   * values is the spread of the pages' sync errors, below the frame quantum.
   */
  clockErrors(): Promise<number[]> {
    return Promise.all(
      this.phones.map((p) =>
        p.page.evaluate(() => {
          const w = window as unknown as { crowdlight: { controllerNow(): number }; __trueClock: { now(): number; timeOrigin: number } };
          const trueMs = w.__trueClock.timeOrigin + w.__trueClock.now();
          return w.crowdlight.controllerNow() - trueMs;
        }),
      ),
    );
  }

  /** Waits until every page's debug object satisfies `ok`. */
  async waitAll(what: string, deadlineMs: number, ok: (v: PhoneView) => boolean): Promise<PhoneView[]> {
    return waitFor(what, deadlineMs, async () => {
      const v = await this.views();
      return v.every(ok) ? v : undefined;
    }, () => this.views());
  }

  /** Takes every phone's network down (connections cut, new ones refused) or back up. */
  setOffline(offline: boolean): void {
    for (const p of this.phones) p.proxy.setOffline(offline);
  }

  async close(): Promise<void> {
    for (const p of this.phones) {
      await p.context.close().catch(() => {});
      p.proxy.close();
    }
  }
}

/** Spread of the change instants (max - min), ms. */
export function spreadOf(changes: readonly PhoneChange[]): number {
  const t = changes.map((c) => c.trueMs);
  return Math.max(...t) - Math.min(...t);
}

/** Fires a live cue for everyone through the operator API; returns its id and start
 *  (controller ms). */
export async function fireCue(serverUrl: string, token: string, effect: object, durationMs: number): Promise<{ cueId: number; startControllerMs: number }> {
  const res = await fetch(`${serverUrl}/api/cues`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ effect, target: 'all', durationMs }),
  });
  if (res.status !== 201) throw new Error(`POST /api/cues: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { cueId: number; startControllerMs: number };
}

/** A solid colour cue. */
export function fireSolidCue(serverUrl: string, token: string, color: string, durationMs: number): Promise<{ cueId: number; startControllerMs: number }> {
  return fireCue(serverUrl, token, { kind: 'solid', color }, durationMs);
}
