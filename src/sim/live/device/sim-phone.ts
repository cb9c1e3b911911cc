/**
 * One simulated phone: the real page logic (PhoneClient) on a device model (SimDevice: its
 * clock with skew, drift and step, its network path, its event loop, its display), talking
 * to the edge over a DelayedSocket. The phone's `performance.now()` is the device clock at
 * the real instant, so every timestamp it takes is exact against the host's controller
 * time. The fleet owns the bookkeeping; this object is the phone's side of the wiring (its
 * LinkModel) and its page lifecycle (join, churn, reload).
 */
import { ClockEstimator } from '../../../core/clock/index.ts';
import { MessageType, decodeServerMessage, peekType, type LiveCueMessage, type SeatRef } from '../../../core/protocol/index.ts';
import { PhoneClient } from '../../../web/phone/phone-client.ts';
import type { loadPackage } from '../../../web/phone/package-loader.ts';
import type { SimDevice } from '../../device.ts';
import type { NetworkPath } from '../../network-path.ts';
import type { Prng } from '../../prng.ts';
import { DelayedSocket, type LinkModel } from './delayed-socket.ts';
import { LOCAL_BASE_MS } from './host-clock.ts';
import type { DelayScheduler } from './scheduler.ts';

/** What a phone tells the worker's fleet, and asks of it. */
export interface PhoneHost {
  readonly sched: DelayScheduler;
  readonly runStartMs: number;
  now(): number;
  /** The network path in force for this phone at run-relative time `tRel`. */
  pathFor(phone: SimPhone, tRel: number): NetworkPath;
  sentBytes(n: number): void;
  receivedBytes(n: number): void;
  cueArrived(slot: number, m: LiveCueMessage, atMs: number): void;
  cueHandled(slot: number, m: LiveCueMessage, atMs: number): void;
  socketClosed(slot: number, code: number, opened: boolean, error: string): void;
  /** The phone's live page closed its socket itself (gave up on it). */
  socketAbandoned(slot: number, opened: boolean): void;
  /** The phone's page opened a socket (connection attempt). */
  socketOpened(slot: number): void;
  /** Something the page shows changed (connected, synced, ready). */
  changed(slot: number): void;
  /** The page asked to be reloaded (version mismatch, auth failure). */
  reloadRequested(slot: number): void;
  readonly loadPackage: typeof loadPackage | undefined;
}

export interface PhoneIdentity {
  slot: number;
  globalIndex: number;
  wsUrl: string;
  pageUrl: string;
  deviceId: Uint8Array;
  seat: SeatRef | null;
  /** Seed of the page's own randomness (clock schedule jitter, reconnect jitter). */
  clientSeed: number;
}

export class SimPhone implements LinkModel {
  client: PhoneClient | null = null;
  socket: DelayedSocket | null = null;
  /** Controller ms until which the device has no network (churn), -Infinity when it has. */
  offlineUntil = -Infinity;
  offlineFrom = -Infinity;
  /** The away window before the current one: a cue is evaluated seconds after its instant,
   *  by when the device may have gone away again. */
  private prevOfflineFrom = -Infinity;
  private prevOfflineUntil = -Infinity;
  /** Page generation: events of a page that was replaced are ignored. */
  private gen = 0;
  /** Live cues that reached the current socket and are not handled yet, in order (decoded
   *  once, at arrival). */
  private readonly pendingCues: (LiveCueMessage | null)[] = [];

  constructor(
    readonly id: PhoneIdentity,
    readonly dev: SimDevice,
    readonly pkt: Prng,
    private readonly host: PhoneHost,
  ) {}

  get slot(): number {
    return this.id.slot;
  }

  /** What the page's `performance.now()` reads now. */
  pageNow(): number {
    return this.dev.pageNow(this.host.now() - this.host.runStartMs) + LOCAL_BASE_MS;
  }

  /** Loads the page (first join, or a reload that keeps the clock estimate of `estimator`). */
  openPage(estimator?: ClockEstimator): void {
    const gen = ++this.gen;
    const id = this.id;
    const host = this.host;
    const client = new PhoneClient({
      wsUrl: id.wsUrl,
      pageUrl: id.pageUrl,
      deviceId: id.deviceId,
      seat: id.seat,
      now: () => this.pageNow(),
      timerResolutionMs: this.dev.timerResolutionMs,
      seed: id.clientSeed,
      estimator,
      onChange: () => {
        if (this.gen === gen) host.changed(id.slot);
      },
      onReload: () => {
        if (this.gen === gen) host.reloadRequested(id.slot);
      },
      webSocket: (url) => this.openSocket(url),
      loadPackage: host.loadPackage,
    });
    this.client = client;
    client.start();
  }

  /** Unloads the page. With `keepClock`, returns its clock estimate as the page's clock
   *  store would keep it for the next load (only a synced one is kept). */
  closePage(keepClock = false): ClockEstimator | undefined {
    const c = this.client;
    if (c === null) return undefined;
    this.gen++;
    this.client = null;
    this.socket = null;
    const est = c.session.estimator;
    const kept =
      keepClock && est.quality(this.pageNow()).synced
        ? ClockEstimator.restore(est.snapshot(), { seed: this.id.clientSeed, timerResolutionMs: this.dev.timerResolutionMs }, 0)
        : undefined;
    c.stop();
    return kept;
  }

  /** The device's network goes away until `untilMs` (the open socket is dropped). */
  goOffline(fromMs: number, untilMs: number): void {
    this.setAway(fromMs, untilMs);
    this.socket?.drop();
  }

  /** The device is away (no network, or between a page and its reload) from `fromMs` until
   *  `untilMs`. */
  setAway(fromMs: number, untilMs: number): void {
    this.prevOfflineFrom = this.offlineFrom;
    this.prevOfflineUntil = this.offlineUntil;
    this.offlineFrom = fromMs;
    this.offlineUntil = untilMs;
  }

  /** True when the device was away at controller time `t` (its last two away windows). */
  awayAt(t: number): boolean {
    return (this.offlineFrom <= t && t < this.offlineUntil) || (this.prevOfflineFrom <= t && t < this.prevOfflineUntil);
  }

  private openSocket(url: string): DelayedSocket {
    this.pendingCues.length = 0;
    const offline = this.host.now() < this.offlineUntil;
    const s = new DelayedSocket(offline ? null : url, this, this.host.sched);
    this.socket = s;
    if (!offline) this.host.socketOpened(this.id.slot);
    return s;
  }

  // ------------------------------------------------------------------ LinkModel

  now(): number {
    return this.host.now();
  }

  uplinkDelayMs(atMs: number): number {
    const t = atMs - this.host.runStartMs;
    return this.host.pathFor(this, t).uplinkMs(t, this.pkt);
  }

  downlinkDelayMs(atMs: number): number {
    const t = atMs - this.host.runStartMs;
    return this.host.pathFor(this, t).downlinkMs(t, this.pkt);
  }

  handlerAt(atMs: number): number {
    const base = this.host.runStartMs;
    return this.dev.loop.handlerAt(atMs - base, this.pkt) + base;
  }

  sentBytes(n: number): void {
    this.host.sentBytes(n);
  }

  receivedBytes(n: number): void {
    this.host.receivedBytes(n);
  }

  arrived(data: ArrayBuffer, atMs: number): void {
    if (!isLiveCue(data)) return;
    const m = decodeLiveCue(data);
    this.pendingCues.push(m);
    if (m !== null) this.host.cueArrived(this.id.slot, m, atMs);
  }

  handled(data: ArrayBuffer, atMs: number): void {
    // Most messages are clock answers: with no cue waiting there is nothing to match.
    if (this.pendingCues.length === 0 || !isLiveCue(data)) return;
    const m = this.pendingCues.shift();
    if (m !== undefined && m !== null) this.host.cueHandled(this.id.slot, m, atMs);
  }

  closed(code: number, opened: boolean, error: string): void {
    this.host.socketClosed(this.id.slot, code, opened, error);
  }

  pageClosed(opened: boolean): void {
    // A page being unloaded (reload, end of run) closes its socket too: that is not a
    // connection the page gave up on.
    if (this.client !== null) this.host.socketAbandoned(this.id.slot, opened);
  }
}

function isLiveCue(data: ArrayBuffer): boolean {
  try {
    return data.byteLength > 0 && peekType(data) === MessageType.LiveCue;
  } catch {
    return false;
  }
}

/** The live cue a `liveCue` frame carries, or null when it is malformed (the page's to
 *  report). */
function decodeLiveCue(data: ArrayBuffer): LiveCueMessage | null {
  try {
    const m = decodeServerMessage(data);
    return m.type === 'liveCue' ? m : null;
  } catch {
    return null;
  }
}
