/**
 * `window.crowdlight`: a read-only view of the page for tests and for anyone debugging a
 * phone in the stands (remote devtools). Every property is a getter over live state; nothing
 * on it can change the page. Documented in docs/phone.md.
 */
import type { PhoneClient, PhoneStatus } from './phone-client.ts';
import type { ColorChange, RenderLoop } from './render-step.ts';

/** The client's status, or 'joining' while the join card is up. */
export type PageState = PhoneStatus | 'joining';

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

/** One live getter per property (everything but `controllerNow`). */
type DebugGetters = { [K in Exclude<keyof CrowdlightDebug, 'controllerNow'>]: () => CrowdlightDebug[K] };

export function createDebugObject(
  client: PhoneClient,
  loop: RenderLoop,
  page: { joined: () => boolean; timerResolutionMs: number; clockRestored: boolean; now: () => number },
): CrowdlightDebug {
  const quality = () => client.session.estimator.quality(page.now());
  const getters: DebugGetters = {
    state: () => (page.joined() ? client.status : 'joining'),
    joined: () => page.joined(),
    connected: () => client.connected,
    synced: () => quality().synced,
    degraded: () => quality().degraded,
    uncertaintyMs: () => quality().uncertaintyMs,
    rttMs: () => quality().rttMs,
    offsetMs: () => quality().offsetMs,
    driftPpm: () => quality().driftPpm,
    exchanges: () => client.exchanges,
    edgeId: () => client.edgeId,
    sessionId: () => client.sessionId,
    showReady: () => client.showReady,
    showId: () => client.pkg?.showId ?? 0,
    packageVerified: () => client.pkg?.verified ?? false,
    seat: () => client.resolvedSeat?.id ?? null,
    timerResolutionMs: () => page.timerResolutionMs,
    clockRestored: () => page.clockRestored,
    frameMs: () => loop.frameClock.periodMs,
    framesRendered: () => loop.framesRendered,
    framesDropped: () => loop.framesDropped,
    connects: () => client.connects,
    liveCueIds: () => client.state.liveCueIds(),
    lastCloseCode: () => client.lastCloseCode,
    lastError: () => client.lastError,
    rgb: () => [loop.rgb[0], loop.rgb[1], loop.rgb[2]],
    changes: () => loop.changes(),
  };
  const obj = { controllerNow: () => client.controllerTime(page.now()) };
  for (const [name, get] of Object.entries(getters)) Object.defineProperty(obj, name, { get, enumerable: true });
  return Object.freeze(obj) as CrowdlightDebug;
}
