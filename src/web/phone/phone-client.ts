/**
 * The audience page without its DOM: the WebSocket session (hello / resume, reconnect
 * policy), the clock exchange loop (core/clock's ClockSession driven by one setTimeout), the
 * show state built from edge frames, the show package preload and `ready`, and the periodic
 * `qualityReport`. It runs unchanged in a browser and in Bun (tests drive it against a real
 * socket server); the page adds rendering, the join UI, wake lock and torch.
 *
 * What survives a dropped connection: the clock estimator (so the render loop keeps showing
 * the preloaded timeline on time while disconnected), the show state, and the loaded
 * package. The next hello carries the welcome's resume token.
 */
import { ClockSession, createSeededRandom, type ClockEstimator } from '../../core/clock/index.ts';
import {
  CLOCK_REQUEST_BYTES,
  MessageType,
  PROTOCOL_VERSION,
  ProtocolError,
  checkServerOrder,
  closeCodeForError,
  decodeServerMessage,
  encode,
  encodeClockRequestInto,
  newClockResponse,
  peekType,
  readClockResponse,
  type SeatRef,
  type ServerMessage,
  type ShowAnnounceMessage,
} from '../../core/protocol/index.ts';
import { seatDeviceSeed, type SeatLike } from '../../core/show/runtime.ts';
import { formatSeatId, locateSeat } from '../../core/venue/runtime.ts';
import { Backoff } from './backoff.ts';
import { loadPackage, type LoadedPackage } from './package-loader.ts';
import { closeAction, type CloseAction } from './reconnect-policy.ts';
import { ShowState } from './show-state.ts';
import type { RenderInputs } from './render-step.ts';

export type PhoneStatus = 'connecting' | 'syncing' | 'ready' | 'reconnecting' | 'reloading' | 'stopped';

/** Device facts the quality report carries; the page fills them in. */
export interface DeviceFlags {
  batteryPercent: number | null;
  charging: boolean;
  torchAvailable: boolean;
  torchOn: boolean;
  wakeLockHeld: boolean;
  pageHidden: boolean;
}

export interface PhoneClientOptions {
  /** WebSocket URL of the edge (ws: or wss:). */
  wsUrl: string;
  /** Base URL for relative package URLs (the page's location). */
  pageUrl: string;
  deviceId: Uint8Array;
  seat: SeatRef | null;
  /** The page's monotonic clock (performance.now()). */
  now: () => number;
  /** Step of that clock (estimateTimerResolution), ms. */
  timerResolutionMs: number;
  /** Seed for the clock schedule jitter and the reconnect jitter. */
  seed: number;
  /** An estimator restored from before a reload (ClockEstimator.restore); default a new one. */
  estimator?: ClockEstimator;
  /** Frame counters since the start (the render loop's). */
  frames?: () => { rendered: number; dropped: number };
  deviceFlags?: () => DeviceFlags;
  /** Called when the page must reload (version mismatch, auth failure). */
  onReload?: () => void;
  /** Called after anything the UI shows changed (status, sync, package progress). */
  onChange?: () => void;
  /** Interval between quality reports once synced, ms (jittered ±10 %). Default 10000. */
  qualityIntervalMs?: number;
  /** Silence (no frame from the edge) after which an open socket counts as dead, ms.
   *  Default 40000: the clock schedule asks at least every 15 s. */
  deadAfterMs?: number;
  /** How long to wait for `welcome` after the socket opens, ms. Default 10000. */
  welcomeTimeoutMs?: number;
}

const NO_FLAGS: DeviceFlags = {
  batteryPercent: null,
  charging: false,
  torchAvailable: false,
  torchOn: false,
  wakeLockHeld: false,
  pageHidden: false,
};
const FALLBACK_SEAT: SeatLike = { x: 0, y: 0, index: 0, section: '', zones: [] };

export class PhoneClient {
  readonly session: ClockSession;
  readonly state = new ShowState();
  status: PhoneStatus = 'connecting';
  edgeId = '';
  sessionId = 0;
  /** Loaded, verified show package; kept across reconnects. */
  pkg: LoadedPackage | null = null;
  /** Bytes loaded / total of the package being fetched (total 0 = unknown). */
  progress = { loaded: 0, total: 0, loading: false };
  /** The seat resolved in the package's venue, or null (no seat, or not in this venue). */
  resolvedSeat: SeatLike | null = null;
  lastError = '';
  connects = 0;
  closes = 0;
  lastCloseCode = 0;
  exchanges = 0;
  /** Round trip (network part) of the latest exchange, ms. */
  lastRttMs = NaN;
  /** Largest round trip since the previous quality report, ms. */
  private maxRttSinceReport = 0;
  private readonly opts: PhoneClientOptions;
  private readonly random: () => number;
  private readonly backoff: Backoff;
  private ws: WebSocket | null = null;
  private welcomed = false;
  /** The join replay of the current connection may still be arriving. */
  private resyncing = false;
  private inputs: RenderInputs | null = null;
  private everWelcomed = false;
  private resumeToken: Uint8Array | null = null;
  private redirectUrl: string | null = null;
  private currentUrl: string;
  private immediateInRow = 0;
  private clockTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private qualityTimer: ReturnType<typeof setTimeout> | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private lastHeardLocal = 0;
  private openedLocal = 0;
  private seq = 0;
  private readonly reqBuf = new Uint8Array(CLOCK_REQUEST_BYTES);
  private readonly resp = newClockResponse();
  private announce: ShowAnnounceMessage | null = null;
  private loadAbort: AbortController | null = null;
  private lastReport = { offsetMs: NaN, rendered: 0, dropped: 0 };
  private stopped = false;

  constructor(options: PhoneClientOptions) {
    this.opts = options;
    this.random = createSeededRandom(options.seed ^ 0x5bd1e995);
    this.backoff = new Backoff(this.random);
    this.session = new ClockSession({ seed: options.seed, timerResolutionMs: options.timerResolutionMs }, options.estimator);
    this.currentUrl = options.wsUrl;
  }

  /** Opens the first connection. */
  start(): void {
    this.stopped = false;
    this.connect();
    this.watchdog = setInterval(() => this.checkAlive(), 2000);
  }

  /** Closes everything for good (tests, page unload). */
  stop(): void {
    this.stopped = true;
    this.setStatus('stopped');
    for (const t of [this.clockTimer, this.reconnectTimer, this.qualityTimer]) if (t !== null) clearTimeout(t);
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.clockTimer = this.reconnectTimer = this.qualityTimer = this.watchdog = null;
    this.loadAbort?.abort();
    this.dropSocket(1000);
  }

  get synced(): boolean {
    return this.session.estimator.quality().synced;
  }

  get showReady(): boolean {
    return this.pkg !== null && this.announce !== null && sameHash(this.pkg.contentHash, this.announce.contentHash);
  }

  get connected(): boolean {
    return this.welcomed;
  }

  /** Controller time at a local instant (the current estimate). */
  controllerTime(localMs: number): number {
    return this.session.now(localMs);
  }

  /** Changes the seat (picked in the join form): rendering follows at once, the edge learns
   *  it with the next hello. */
  setSeat(seat: SeatRef | null): void {
    this.opts.seat = seat;
    if (this.pkg !== null) this.resolveSeat(this.pkg);
    this.opts.onChange?.();
  }

  /** What the renderer needs (the same object until the package or seat changes); null
   *  before the package is loaded, or while the transport names another show than the one
   *  loaded (a new show is announced and still loading). */
  renderInputs(): RenderInputs | null {
    const pkg = this.pkg;
    if (pkg === null) return null;
    const playing = this.state.showId;
    if (playing !== 0 && playing !== pkg.showId) return null;
    return this.inputs;
  }

  // ------------------------------------------------------------------ connection

  private connect(): void {
    if (this.stopped) return;
    this.reconnectTimer = null;
    this.connects++;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.currentUrl);
    } catch (err) {
      this.lastError = (err as Error).message;
      this.afterClose(1006);
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.welcomed = false;
    this.openedLocal = this.opts.now();
    this.lastHeardLocal = this.openedLocal;
    ws.onopen = () => {
      this.lastHeardLocal = this.opts.now();
      ws.send(
        encode({
          type: 'hello',
          protocolVersion: PROTOCOL_VERSION,
          deviceId: this.opts.deviceId,
          seat: this.opts.seat,
          resumeToken: this.resumeToken,
        }),
      );
    };
    ws.onmessage = (ev: MessageEvent) => this.onFrame(ws, ev.data);
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.afterClose(ev.code);
    };
    ws.onerror = () => {
      this.lastError = 'websocket error';
    };
  }

  private onFrame(ws: WebSocket, data: unknown): void {
    const t3 = this.opts.now();
    if (this.ws !== ws) return;
    this.lastHeardLocal = t3;
    try {
      if (!(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) throw new ProtocolError('not-binary', 'text frame from the edge');
      const bytes = data as ArrayBuffer;
      const type = peekType(bytes);
      checkServerOrder(this.welcomed, type);
      if (type === MessageType.ClockResponse) {
        const r = readClockResponse(bytes, this.resp);
        this.onClockResponse(r.t0, r.t1, r.t2, t3);
        return;
      }
      this.onMessage(decodeServerMessage(bytes), t3);
    } catch (err) {
      // A malformed frame from the edge: drop this connection and come back after a backoff.
      this.lastError = (err as Error).message;
      const code = closeCodeForError(err);
      this.dropSocket(code);
      this.afterClose(code);
    }
  }

  private onMessage(m: ServerMessage, t3: number): void {
    switch (m.type) {
      case 'welcome':
        this.onWelcome(m.edgeId, m.sessionId, m.resumeToken, m.controllerTimeMs, t3);
        return;
      case 'transportState':
        this.state.applyTransport(m);
        return;
      case 'liveCue':
        this.state.applyLiveCue(m);
        return;
      case 'cancelCue':
        this.state.applyCancel(m);
        return;
      case 'showAnnounce':
        this.onAnnounce(m);
        return;
      case 'redirect':
        this.redirectUrl = m.url;
        return;
      case 'clockResponse':
        this.onClockResponse(m.t0, m.t1, m.t2, t3);
        return;
    }
  }

  private onWelcome(edgeId: string, sessionId: number, token: Uint8Array | null, controllerMs: number, t3: number): void {
    this.welcomed = true;
    this.edgeId = edgeId;
    this.sessionId = sessionId;
    this.resumeToken = token;
    this.redirectUrl = null;
    this.backoff.reset();
    this.immediateInRow = 0;
    // The first welcome's controller stamp is a coarse first estimate; after a reconnect the
    // estimator already knows better and keeps its window.
    if (!this.everWelcomed) this.session.start(t3, controllerMs);
    else this.session.start(t3);
    this.everWelcomed = true;
    this.state.beginResync();
    this.resyncing = true;
    this.armClock();
    this.armQuality();
    if (this.showReady) this.sendReady();
    this.refreshStatus();
  }

  private afterClose(code: number): void {
    this.closes++;
    this.lastCloseCode = code;
    this.welcomed = false;
    if (this.clockTimer !== null) clearTimeout(this.clockTimer);
    if (this.qualityTimer !== null) clearTimeout(this.qualityTimer);
    this.clockTimer = this.qualityTimer = null;
    if (this.stopped) return;
    const action: CloseAction = closeAction(
      { code, redirectUrl: this.redirectUrl, immediateInRow: this.immediateInRow },
      this.backoff,
      this.random,
    );
    this.redirectUrl = null;
    switch (action.kind) {
      case 'stop':
        this.stopped = true;
        this.setStatus('stopped');
        return;
      case 'reload':
        this.setStatus('reloading');
        this.reconnectTimer = setTimeout(() => this.opts.onReload?.(), action.delayMs);
        return;
      case 'reconnect':
        if (action.url !== null) this.currentUrl = action.url;
        if (action.immediate) this.immediateInRow++;
        this.setStatus('reconnecting');
        this.reconnectTimer = setTimeout(() => this.connect(), action.delayMs);
        return;
    }
  }

  /** Closes the current socket without waiting for its close event (a dead socket's close
   *  handshake can take minutes). */
  private dropSocket(code: number): void {
    const ws = this.ws;
    if (ws === null) return;
    this.ws = null;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code >= 4000 && code <= 4999 ? code : 1000);
    } catch {
      // already closing
    }
  }

  private checkAlive(): void {
    if (this.ws === null) return;
    const now = this.opts.now();
    const dead = this.welcomed
      ? now - this.lastHeardLocal > (this.opts.deadAfterMs ?? 40_000)
      : now - this.openedLocal > (this.opts.welcomeTimeoutMs ?? 10_000);
    if (!dead) return;
    this.lastError = this.welcomed ? 'edge silent' : 'no welcome';
    this.dropSocket(1000);
    this.afterClose(1006);
  }

  private send(frame: Uint8Array): boolean {
    const ws = this.ws;
    if (ws === null || !this.welcomed || ws.readyState !== 1) return false;
    ws.send(frame as Uint8Array<ArrayBuffer>);
    return true;
  }

  // ------------------------------------------------------------------ clock

  private armClock(): void {
    if (this.clockTimer !== null) clearTimeout(this.clockTimer);
    const wait = Math.max(0, this.session.nextTimerLocal() - this.opts.now());
    this.clockTimer = setTimeout(() => this.onClockTimer(), wait);
  }

  private onClockTimer(): void {
    this.clockTimer = null;
    if (!this.welcomed) return;
    const t0 = this.opts.now();
    if (this.session.onTimer(t0)) {
      this.seq = (this.seq + 1) >>> 0;
      encodeClockRequestInto(this.reqBuf, this.seq, t0);
      this.send(this.reqBuf);
    }
    this.armClock();
  }

  private onClockResponse(t0: number, t1: number, t2: number, t3: number): void {
    if (this.resyncing) {
      // An answer to a request sent after the welcome: the edge sent its join replay before
      // it, on the same ordered connection, so the replay is complete.
      this.resyncing = false;
      this.state.endResync();
    }
    const wasSynced = this.synced;
    this.session.onResponse(t0, t1, t2, t3);
    this.exchanges++;
    const rtt = t3 - t0 - (t2 - t1);
    this.lastRttMs = rtt;
    if (rtt > this.maxRttSinceReport) this.maxRttSinceReport = rtt;
    if (this.welcomed) this.armClock();
    if (this.synced !== wasSynced) this.refreshStatus();
    this.opts.onChange?.();
  }

  // ------------------------------------------------------------------ show package

  private onAnnounce(m: ShowAnnounceMessage): void {
    if (this.announce !== null && sameHash(this.announce.contentHash, m.contentHash) && (this.pkg !== null || this.progress.loading)) {
      this.announce = m;
      return;
    }
    this.announce = m;
    if (this.pkg !== null && sameHash(this.pkg.contentHash, m.contentHash)) {
      this.sendReady();
      this.refreshStatus();
      return;
    }
    this.loadAbort?.abort();
    const abort = new AbortController();
    this.loadAbort = abort;
    this.progress = { loaded: 0, total: m.packageBytes, loading: true };
    this.refreshStatus();
    loadPackage(m, this.opts.pageUrl, (loaded, total) => {
      this.progress.loaded = loaded;
      this.progress.total = total;
      this.opts.onChange?.();
    }, abort.signal).then(
      (pkg) => {
        if (this.loadAbort !== abort) return;
        this.loadAbort = null;
        this.progress.loading = false;
        this.usePackage(pkg);
      },
      (err: Error) => {
        if (this.loadAbort !== abort) return;
        this.loadAbort = null;
        this.progress.loading = false;
        this.lastError = err.message;
        this.refreshStatus();
        // Retry the same announce after a while (a stadium's network can fail a fetch).
        setTimeout(() => {
          if (this.announce === m && this.pkg === null && !this.stopped) this.onAnnounce({ ...m });
        }, 2000 + this.random() * 3000);
      },
    );
  }

  private usePackage(pkg: LoadedPackage): void {
    this.pkg = pkg;
    this.resolveSeat(pkg);
    this.state.setContext({ show: pkg.show, zoneIds: pkg.zoneIds, sectionIds: pkg.sectionIds });
    if (this.showReady) this.sendReady();
    this.refreshStatus();
  }

  private resolveSeat(pkg: LoadedPackage): void {
    const seat = this.opts.seat;
    this.resolvedSeat = seat && seat.section !== '' && seat.seat > 0 ? (locateSeat(pkg.venue, formatSeatId(seat.section, seat.row, seat.seat)) ?? null) : null;
    const r = this.resolvedSeat;
    // Seeded effects (sparkle) match the console preview for a known seat.
    this.inputs = { show: pkg.compiled, seat: r ?? FALLBACK_SEAT, deviceSeed: r ? seatDeviceSeed(r.index) : this.opts.seed >>> 0 };
  }

  private sendReady(): void {
    const pkg = this.pkg;
    if (pkg === null) return;
    this.send(encode({ type: 'ready', showId: pkg.showId, showVersion: pkg.showVersion, contentHash: pkg.contentHash }));
  }

  // ------------------------------------------------------------------ quality report

  private armQuality(): void {
    if (this.qualityTimer !== null) clearTimeout(this.qualityTimer);
    const base = this.opts.qualityIntervalMs ?? 10_000;
    this.qualityTimer = setTimeout(() => this.sendQuality(), base * (0.9 + 0.2 * this.random()));
  }

  private sendQuality(): void {
    this.qualityTimer = null;
    const now = this.opts.now();
    const q = this.session.estimator.quality(now);
    if (q.synced && this.welcomed) {
      const frames = this.opts.frames?.() ?? { rendered: 0, dropped: 0 };
      const flags = this.opts.deviceFlags?.() ?? NO_FLAGS;
      const prev = this.lastReport;
      const rtt = this.maxRttSinceReport > 0 ? this.maxRttSinceReport : q.rttMs;
      this.send(
        encode({
          type: 'qualityReport',
          uncertaintyMs: finiteOr(q.uncertaintyMs, 0),
          rttMs: Math.max(0, finiteOr(rtt, 0)),
          offsetChangeMs: Number.isFinite(prev.offsetMs) ? finiteOr(q.offsetMs - prev.offsetMs, 0) : 0,
          driftPpm: finiteOr(q.driftPpm, 0),
          framesDropped: Math.min(65535, frames.dropped - prev.dropped),
          framesRendered: Math.min(65535, frames.rendered - prev.rendered),
          batteryPercent: flags.batteryPercent,
          synced: q.synced,
          degraded: q.degraded,
          charging: flags.charging,
          torchAvailable: flags.torchAvailable,
          torchOn: flags.torchOn,
          wakeLockHeld: flags.wakeLockHeld,
          pageHidden: flags.pageHidden,
        }),
      );
      this.lastReport = { offsetMs: q.offsetMs, rendered: frames.rendered, dropped: frames.dropped };
      this.maxRttSinceReport = 0;
    }
    if (this.welcomed) this.armQuality();
  }

  // ------------------------------------------------------------------ status

  private refreshStatus(): void {
    if (this.stopped || this.status === 'reloading') return;
    if (!this.welcomed) {
      this.setStatus(this.everWelcomed ? 'reconnecting' : 'connecting');
      return;
    }
    this.setStatus(this.synced && this.showReady ? 'ready' : 'syncing');
  }

  private setStatus(s: PhoneStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.opts.onChange?.();
  }
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function finiteOr(v: number, d: number): number {
  return Number.isFinite(v) ? v : d;
}
