/**
 * `window.crowdlight`: a read-only view of the page for tests and for anyone debugging a
 * phone in the stands (remote devtools). Every property is a getter over live state; nothing
 * on it can change the page. Documented in docs/phone.md.
 */
import type { PhoneClient } from './phone-client.ts';
import type { ColorChange, RenderLoop } from './render-step.ts';

export type PageState = 'joining' | 'connecting' | 'syncing' | 'ready' | 'reconnecting' | 'reloading' | 'stopped';

export interface CrowdlightDebug {
  readonly state: PageState;
  readonly joined: boolean;
  readonly connected: boolean;
  readonly synced: boolean;
  readonly degraded: boolean;
  readonly uncertaintyMs: number;
  readonly rttMs: number;
  readonly offsetMs: number;
  readonly driftPpm: number;
  readonly exchanges: number;
  readonly edgeId: string;
  readonly sessionId: number;
  readonly showReady: boolean;
  readonly showId: number;
  readonly packageVerified: boolean;
  readonly seat: string | null;
  readonly timerResolutionMs: number;
  /** The clock estimate was restored from before a reload. */
  readonly clockRestored: boolean;
  readonly frameMs: number;
  readonly framesRendered: number;
  readonly framesDropped: number;
  readonly connects: number;
  /** Ids of the live cues held (current epoch, including ones not started yet). */
  readonly liveCueIds: number[];
  readonly lastCloseCode: number;
  readonly lastError: string;
  readonly rgb: [number, number, number];
  readonly changes: ColorChange[];
  /** Controller time now, by the page's estimate. */
  controllerNow(): number;
}

export function createDebugObject(
  client: PhoneClient,
  loop: RenderLoop,
  page: { joined: () => boolean; timerResolutionMs: number; clockRestored: boolean; now: () => number },
): CrowdlightDebug {
  const quality = () => client.session.estimator.quality(page.now());
  const obj = {
    get state(): PageState {
      return page.joined() ? client.status : 'joining';
    },
    get joined() {
      return page.joined();
    },
    get connected() {
      return client.connected;
    },
    get synced() {
      return quality().synced;
    },
    get degraded() {
      return quality().degraded;
    },
    get uncertaintyMs() {
      return quality().uncertaintyMs;
    },
    get rttMs() {
      return quality().rttMs;
    },
    get offsetMs() {
      return quality().offsetMs;
    },
    get driftPpm() {
      return quality().driftPpm;
    },
    get exchanges() {
      return client.exchanges;
    },
    get edgeId() {
      return client.edgeId;
    },
    get sessionId() {
      return client.sessionId;
    },
    get showReady() {
      return client.showReady;
    },
    get showId() {
      return client.pkg?.showId ?? 0;
    },
    get packageVerified() {
      return client.pkg?.verified ?? false;
    },
    get seat() {
      return client.resolvedSeat ? (client.resolvedSeat as { id?: string }).id ?? null : null;
    },
    get timerResolutionMs() {
      return page.timerResolutionMs;
    },
    get clockRestored() {
      return page.clockRestored;
    },
    get frameMs() {
      return loop.frameClock.periodMs;
    },
    get framesRendered() {
      return loop.framesRendered;
    },
    get framesDropped() {
      return loop.framesDropped;
    },
    get connects() {
      return client.connects;
    },
    get liveCueIds() {
      return client.state.liveCueIds();
    },
    get lastCloseCode() {
      return client.lastCloseCode;
    },
    get lastError() {
      return client.lastError;
    },
    get rgb(): [number, number, number] {
      return [loop.rgb[0], loop.rgb[1], loop.rgb[2]];
    },
    get changes() {
      return loop.changes();
    },
    controllerNow() {
      return client.controllerTime(page.now());
    },
  };
  return Object.freeze(obj);
}
