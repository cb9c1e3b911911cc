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
import { createSeededRandom, type ClockEstimator, type ClockSession } from '../../core/clock/index.ts';
import {
  MessageType,
  PROTOCOL_VERSION,
  ProtocolError,
  checkServerOrder,
  closeCodeForError,
  decodeServerMessage,
  encodeClient,
  newClockResponse,
  peekType,
  readClockResponse,
  type SeatRef,
  type ServerMessage,
} from '../../core/protocol/index.ts';
import { seatDeviceSeed, type SeatLike } from '../../core/show/runtime.ts';
import { formatSeatId, locateSeat, type ResolvedSeat } from '../../core/venue/runtime.ts';
import { Backoff } from './backoff.ts';
import { ClockDriver } from './clock-driver.ts';
import { EdgeLink, type WebSocketLike } from './edge-link.ts';
import type { LoadedPackage, loadPackage } from './package-loader.ts';
import { NO_DEVICE_FLAGS, QualityReporter, type DeviceFlags } from './quality-report.ts';
import { closeAction, type CloseAction } from './reconnect-policy.ts';
import type { RenderInputs } from './render-step.ts';
import { sectionSeat } from './section-seat.ts';
import { ShowPreloader } from './show-preloader.ts';
import { ShowState } from './show-state.ts';

export type { DeviceFlags } from './quality-report.ts';

export type PhoneStatus = 'connecting' | 'syncing' | 'ready' | 'reconnecting' | 'reloading' | 'stopped';

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
  /** Delay of the first report after the phone is synced (or welcomed again), ms
   *  (jittered ±50 %). Default 1500: the controller's lead time follows the reports, so a
   *  crowd that joins when a show opens must be heard from within seconds. */
  firstQualityMs?: number;
  /** Silence (no frame from the edge) after which an open socket counts as dead, ms.
   *  Default 40000: the clock schedule asks at least every 15 s. */
  deadAfterMs?: number;
  /** How long to wait for `welcome` after the socket opens, ms. Default 10000. */
  welcomeTimeoutMs?: number;
  /** Opens a socket; default `new WebSocket(url)` (the load simulator models a network
   *  path here). */
  webSocket?: (url: string) => WebSocketLike;
  /** Loads an announced package; default `loadPackage` (fetch, verify, parse, compile). */
  loadPackage?: typeof loadPackage;
}

/** Backoff steps in a row after which a redirected page returns to its original edge URL. */
const FALLBACK_AFTER_FAILURES = 3;
const FALLBACK_SEAT: SeatLike = { x: 0, y: 0, index: 0, section: '', zones: [] };

export class PhoneClient {
  readonly clock: ClockDriver;
  readonly state = new ShowState();
  status: PhoneStatus = 'connecting';
  edgeId = '';
  sessionId = 0;
  readonly preloader: ShowPreloader;
  /** The seat resolved in the package's venue, or null (no seat, or not in this venue). */
  resolvedSeat: ResolvedSeat | null = null;
  lastError = '';
  connects = 0;
  closes = 0;
  lastCloseCode = 0;
  /** The last few close codes, oldest first (diagnostics). */
  readonly recentCloseCodes: number[] = [];
  /** Quality reports sent. */
  reportsSent = 0;
  private readonly reporter = new QualityReporter();
  private readonly opts: PhoneClientOptions;
  private readonly random: () => number;
  private readonly backoff: Backoff;
  private readonly link: EdgeLink;
  private welcomed = false;
  /** The join replay of the current connection may still be arriving. */
  private resyncing = false;
  /** The package whose `ready` this connection has sent (null: none since the welcome). */
  private readySentFor: LoadedPackage | null = null;
  /** Set with the first package, then replaced on each package or seat change. */
  private inputs: RenderInputs | null = null;
  private everWelcomed = false;
  private resumeToken: Uint8Array | null = null;
  private redirectUrl: string | null = null;
  private currentUrl: string;
  private immediateInRow = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private qualityTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly resp = newClockResponse();
  private stopped = false;
  private hidden = false;

  constructor(options: PhoneClientOptions) {
    this.opts = options;
    this.random = createSeededRandom(options.seed ^ 0x5bd1e995);
    this.backoff = new Backoff(this.random);
    this.clock = new ClockDriver({
      now: options.now,
      seed: options.seed,
      timerResolutionMs: options.timerResolutionMs,
      estimator: options.estimator,
      send: (frame) => this.link.send(frame),
    });
    this.currentUrl = options.wsUrl;
    this.link = new EdgeLink(
      { now: options.now, deadAfterMs: options.deadAfterMs, welcomeTimeoutMs: options.welcomeTimeoutMs, webSocket: options.webSocket },
      { frame: (data, t3) => this.onFrame(data, t3), closed: (code, opened, error) => this.afterClose(code, opened, error) },
    );
    this.preloader = new ShowPreloader(
      options.pageUrl,
      this.random,
      {
        loaded: (pkg) => this.usePackage(pkg),
        changed: () => {
          if (this.preloader.lastError !== '') this.lastError = this.preloader.lastError;
          this.refreshStatus(true);
        },
      },
      undefined,
      options.loadPackage,
    );
  }

  /** Opens the first connection. */
  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes everything for good (tests, page unload). */
  stop(): void {
    this.stopped = true;
    this.setStatus('stopped');
    this.clock.pause();
    for (const t of [this.reconnectTimer, this.qualityTimer]) if (t !== null) clearTimeout(t);
    this.reconnectTimer = this.qualityTimer = null;
    this.preloader.stop();
    this.link.stop();
  }

  get session(): ClockSession {
    return this.clock.session;
  }

  /** Clock exchanges answered so far. */
  get exchanges(): number {
    return this.clock.exchanges;
  }

  /** Round trip (network part) of the latest exchange, ms. */
  get lastRttMs(): number {
    return this.clock.lastRttMs;
  }

  get synced(): boolean {
    return this.clock.synced;
  }

  get showReady(): boolean {
    return this.preloader.ready;
  }

  /** Loaded, verified show package; kept across reconnects. */
  get pkg(): LoadedPackage | null {
    return this.preloader.pkg;
  }

  /** Package download progress (total 0 = unknown). */
  get progress(): { loaded: number; total: number; loading: boolean } {
    return this.preloader.progress;
  }

  get connected(): boolean {
    return this.welcomed;
  }

  /** Controller time at a local instant (the current estimate). */
  controllerTime(localMs: number): number {
    return this.session.now(localMs);
  }

  /**
   * The page was hidden (or frozen) or is visible (running) again. Round trips measured
   * while hidden are not reported: a hidden page's answers can wait for the page to be
   * thawed, and the controller's lead time must not follow the time a phone spent in a
   * pocket. Exchanges in flight across the change are not used at all (ClockDriver).
   */
  setHidden(hidden: boolean): void {
    this.hidden = hidden;
    if (hidden) this.clock.hidden(this.opts.now());
    else this.clock.visible(this.opts.now());
  }

  /** Changes the seat (picked in the join form): rendering follows at once. The edge
   *  subscribes a socket to its seat's zone and section topics from the hello, so a socket
   *  that said another seat (or none) is replaced at once, resuming the same session:
   *  otherwise zone- and section-targeted cues would not reach this phone until its next
   *  reconnect. */
  setSeat(seat: SeatRef | null): void {
    const old = this.opts.seat;
    const same = old === seat || (old !== null && seat !== null && old.section === seat.section && old.row === seat.row && old.seat === seat.seat);
    this.opts.seat = seat;
    if (this.pkg !== null) this.resolveSeat(this.pkg);
    if (!same && this.link.active && !this.stopped) {
      this.link.drop(1000);
      this.down();
      this.connect();
    }
    this.opts.onChange?.();
  }

  /** What the renderer needs (the same object until the package or seat changes); null
   *  before a package is loaded. Whether it is the show in force at a frame's instant is
   *  the render step's check. */
  renderInputs(): RenderInputs | null {
    return this.inputs;
  }

  // ------------------------------------------------------------------ connection

  private connect(): void {
    if (this.stopped) return;
    this.reconnectTimer = null;
    this.connects++;
    this.welcomed = false;
    this.link.open(this.currentUrl, () =>
      encodeClient({
        type: 'hello',
        protocolVersion: PROTOCOL_VERSION,
        deviceId: this.opts.deviceId,
        seat: this.opts.seat,
        resumeToken: this.resumeToken,
      }),
    );
  }

  private onFrame(data: unknown, t3: number): void {
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
      const code = closeCodeForError(err);
      this.link.drop(code);
      this.afterClose(code, true, (err as Error).message);
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
        this.preloader.onAnnounce(m);
        // The loaded show announced on a new connection: confirm readiness to this edge (once:
        // keyframes repeat the announce every few seconds and the edge already counts us).
        if (this.preloader.ready) this.sendReady();
        this.refreshStatus();
        return;
      case 'redirect':
        this.redirectUrl = resolveUrl(m.url, this.currentUrl);
        return;
      // clockResponse never gets here: onFrame reads it with the allocation-free codec.
    }
  }

  private onWelcome(edgeId: string, sessionId: number, token: Uint8Array | null, controllerMs: number, t3: number): void {
    this.welcomed = true;
    this.link.markWelcomed();
    this.edgeId = edgeId;
    this.sessionId = sessionId;
    this.resumeToken = token;
    this.redirectUrl = null;
    this.backoff.reset();
    this.immediateInRow = 0;
    this.everWelcomed = true;
    this.state.beginResync();
    this.resyncing = true;
    // A new socket: the edge knows nothing of this phone's readiness yet.
    this.readySentFor = null;
    // The first welcome's controller stamp is a coarse first estimate; after a reconnect the
    // estimator already knows better and keeps its window.
    this.clock.resume(t3, controllerMs);
    // The edge forgot this phone's previous report with its old socket: report soon.
    if (this.synced) this.armQuality(true);
    // `ready` goes out when the edge repeats its showAnnounce, right after this welcome.
    this.refreshStatus();
  }

  private afterClose(code: number, opened: boolean, error: string): void {
    if (error !== '') this.lastError = error;
    this.closes++;
    this.lastCloseCode = code;
    this.recentCloseCodes.push(code);
    if (this.recentCloseCodes.length > 8) this.recentCloseCodes.shift();
    this.down();
    if (this.stopped) return;
    const action: CloseAction = closeAction(
      { code, redirectUrl: this.redirectUrl, immediateInRow: this.immediateInRow, opened },
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
        // An edge we were sent to that keeps failing: go back to the page's own origin,
        // whose load balancer knows the edges that are up.
        else if (!action.immediate && this.backoff.attempts >= FALLBACK_AFTER_FAILURES) this.currentUrl = this.opts.wsUrl;
        if (action.immediate) this.immediateInRow++;
        this.setStatus('reconnecting');
        this.reconnectTimer = setTimeout(() => this.connect(), action.delayMs);
        return;
    }
  }

  /** The connection is gone: no exchanges, no reports until the next welcome. */
  private down(): void {
    this.welcomed = false;
    this.clock.pause();
    if (this.qualityTimer !== null) clearTimeout(this.qualityTimer);
    this.qualityTimer = null;
  }

  // ------------------------------------------------------------------ clock

  private onClockResponse(t0: number, t1: number, t2: number, t3: number): void {
    if (this.resyncing) {
      // An answer to a request sent after the welcome: the edge sent its join replay before
      // it, on the same ordered connection, so the replay is complete.
      this.resyncing = false;
      this.state.endResync();
    }
    const wasSynced = this.synced;
    const rtt = this.clock.onResponse(t0, t1, t2, t3);
    if (!this.hidden) this.reporter.noteRtt(rtt);
    if (this.synced !== wasSynced) {
      if (this.synced && this.welcomed) this.armQuality(true);
      // Notified even when the status stays 'syncing': its text says whether sync is done.
      this.refreshStatus(true);
    }
  }

  // ------------------------------------------------------------------ show package

  private usePackage(pkg: LoadedPackage): void {
    // Parsing and compiling it held the page's thread: an answer queued meanwhile is late by
    // that, which the round trip (and the controller's lead time) must not count.
    this.clock.voidInFlight(this.opts.now());
    this.resolveSeat(pkg);
    this.state.setContext({ show: pkg.show, zoneIds: pkg.zoneIds, sectionIds: pkg.sectionIds });
    if (this.showReady) this.sendReady();
    // Notified even when the status stays: the page fills its section list and its text.
    this.refreshStatus(true);
  }

  private resolveSeat(pkg: LoadedPackage): void {
    const seat = this.opts.seat;
    this.resolvedSeat = seat && seat.section !== '' && seat.seat > 0 ? (locateSeat(pkg.venue, formatSeatId(seat.section, seat.row, seat.seat)) ?? null) : null;
    const r = this.resolvedSeat;
    // Seeded effects (sparkle) match the console preview for a known seat. A known section
    // without an exact seat still renders as that section (the edge sends it its cues).
    const stand = r ?? (seat ? sectionSeat(pkg.venue, seat) : null) ?? FALLBACK_SEAT;
    this.inputs = { showId: pkg.showId, show: pkg.compiled, seat: stand, deviceSeed: r ? seatDeviceSeed(r.index) : this.opts.seed >>> 0 };
  }

  private sendReady(): void {
    const pkg = this.pkg;
    if (pkg === null || this.readySentFor === pkg) return;
    this.readySentFor = pkg;
    this.link.send(encodeClient({ type: 'ready', showId: pkg.showId, showVersion: pkg.showVersion, contentHash: pkg.contentHash }));
  }

  // ------------------------------------------------------------------ quality report

  /** Arms the next report: the regular interval, or (`first`) the short first delay. */
  private armQuality(first = false): void {
    if (this.qualityTimer !== null) clearTimeout(this.qualityTimer);
    const delay = first ? (this.opts.firstQualityMs ?? 1500) * (0.5 + this.random()) : (this.opts.qualityIntervalMs ?? 10_000) * (0.9 + 0.2 * this.random());
    this.qualityTimer = setTimeout(() => this.sendQuality(), delay);
  }

  private sendQuality(): void {
    this.qualityTimer = null;
    const now = this.opts.now();
    const q = this.session.estimator.quality(now);
    if (q.synced && this.welcomed) {
      const frames = this.opts.frames?.() ?? { rendered: 0, dropped: 0 };
      if (this.link.send(encodeClient(this.reporter.build(q, frames, this.opts.deviceFlags?.() ?? NO_DEVICE_FLAGS)))) this.reportsSent++;
    }
    if (this.welcomed) this.armQuality();
  }

  // ------------------------------------------------------------------ status

  /** Recomputes the status; `notify` also signals a change the status does not show
   *  (download progress). */
  private refreshStatus(notify = false): void {
    if (notify) this.opts.onChange?.();
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

/** `url` resolved against `base` (a redirect may name a path on the same host); null when
 *  it is not a URL at all. */
function resolveUrl(url: string, base: string): string | null {
  try {
    return new URL(url, base).href;
  } catch {
    return null;
  }
}
