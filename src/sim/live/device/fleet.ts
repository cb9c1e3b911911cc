/**
 * A worker's simulated phones and what is measured on them. Per-phone bookkeeping lives in
 * typed arrays indexed by the phone's slot; the phones' delayed messages, joins, churn and
 * cue evaluations all run on one DelayScheduler; one interval samples clock error and sends
 * progress every second.
 *
 * Truth: the host's controller time. Clock error is |estimate at the device's local instant
 * - the host's time at that instant|, for every phone whose estimator says synced (also
 * while disconnected: its page keeps rendering from the estimate).
 */
import type { ClockEstimator } from '../../../core/clock/index.ts';
import type { LiveCueMessage, TargetKind } from '../../../core/protocol/index.ts';
import type { loadPackage } from '../../../web/phone/package-loader.ts';
import { SimDevice } from '../../device.ts';
import { LogHistogram } from '../../histogram.ts';
import { NetworkPath } from '../../network-path.ts';
import { Prng, mix32 } from '../../prng.ts';
import type { ResolvedProfile } from '../../profile-schema.ts';
import { serializeHistogram } from '../histogram-wire.ts';
import type { MainToWorker, WorkerConfig, WorkerProgress, WorkerResult, WorkerToMain } from '../types.ts';
import { ConnectionLedger } from './connection-ledger.ts';
import { CueTracker, type CueAudience } from './cue-tracker.ts';
import { LOCAL_BASE_MS, hostNow } from './host-clock.ts';
import { DelayScheduler } from './scheduler.ts';
import type { SeatPicker } from './seats.ts';
import { SimPhone, type PhoneHost } from './sim-phone.ts';

/** Stream ids of the live simulator's own draws (beside the device model's, src/sim/prng.ts). */
const CONNECT_STREAM = 101;
const CHURN_STREAM = 102;
const DEGRADE_PICK_STREAM = 103;
const DEGRADE_PATH_STREAM = 104;
/** The device models are defined from this long before the run starts, ms. */
const MODEL_LEAD_MS = 60_000;
const MODEL_TAIL_MS = 300_000;
const PROGRESS_EVERY_MS = 1000;
/** No churn starts in this last part of a run (at most its last third), ms. */
export const CHURN_QUIET_MS = 20_000;

export interface FleetOptions {
  config: WorkerConfig;
  profile: ResolvedProfile;
  degradeProfile: ResolvedProfile | null;
  seats: SeatPicker | null;
  /** How phones load the show package; undefined: the page's own loader, per phone. */
  loadPackage: typeof loadPackage | undefined;
}

export class Fleet implements PhoneHost, CueAudience {
  readonly sched = new DelayScheduler(hostNow);
  runStartMs = 0;
  readonly deviceCount: number;
  readonly loadPackage: typeof loadPackage | undefined;
  readonly done: Promise<WorkerResult>;
  private readonly cfg: WorkerConfig;
  private readonly phones: SimPhone[] = [];
  private readonly degradeProfile: ResolvedProfile | null;
  private readonly degradeNets: (NetworkPath | null)[];
  private readonly churnRngs: (Prng | null)[];
  private readonly keptEstimators: (ClockEstimator | undefined)[];
  private readonly ledger: ConnectionLedger;
  /** Section index of each phone's seat (-1: none). */
  private readonly seatSection: Int32Array;
  private readonly seats: SeatPicker | null;
  private readonly cues: CueTracker;
  private readonly clockError = new LogHistogram();
  private bytesIn = 0;
  private bytesOut = 0;
  private rssPeak = 0;
  private cpuStart: NodeJS.CpuUsage | null = null;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private emit: (m: WorkerToMain) => void = () => {};
  private ending = false;
  private resolveDone!: (r: WorkerResult) => void;

  constructor(opts: FleetOptions) {
    const c = opts.config;
    this.cfg = c;
    this.loadPackage = opts.loadPackage;
    this.degradeProfile = opts.degradeProfile;
    const n = (this.deviceCount = c.deviceCount);
    this.degradeNets = new Array<NetworkPath | null>(n).fill(null);
    this.churnRngs = new Array<Prng | null>(n).fill(null);
    this.keptEstimators = new Array<ClockEstimator | undefined>(n).fill(undefined);
    this.ledger = new ConnectionLedger(n);
    this.seats = opts.seats;
    this.seatSection = new Int32Array(n).fill(-1);
    this.cues = new CueTracker(this, (cueId, atMs, stage) => this.sched.at(atMs, stage === 'shown' ? cueShown : evaluateCue, this, cueId));
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    // The models start a minute before the run (the device's clock, congestion and pauses
    // are already under way when it joins); joins are drawn here, not by the model.
    const window = { durationMs: c.endRelMs, joinSpreadMs: 0 };
    for (let slot = 0; slot < n; slot++) {
      const g = c.firstDevice + slot;
      const dev = new SimDevice(opts.profile, c.seed, g, window);
      const id = {
        slot,
        globalIndex: g,
        wsUrl: c.urls[g % c.urls.length]!,
        pageUrl: c.pageUrl,
        deviceId: deviceIdFor(c.seed, g),
        seat: opts.seats?.seatFor(g) ?? null,
        clientSeed: mix32(c.seed, g, 0xc11e),
      };
      if (opts.seats !== null) this.seatSection[slot] = opts.seats.sectionIndexFor(g);
      this.phones.push(new SimPhone(id, dev, dev.packetStream(), this));
    }
  }

  /** Starts the run: run-relative 0 is `runStartMs` (controller time). */
  start(runStartMs: number, emit: (m: WorkerToMain) => void): void {
    this.runStartMs = runStartMs;
    this.emit = emit;
    this.cpuStart = process.cpuUsage();
    const c = this.cfg;
    for (let slot = 0; slot < this.deviceCount; slot++) {
      const u = new Prng(c.seed, c.firstDevice + slot, CONNECT_STREAM).next();
      this.sched.at(runStartMs + c.connectStartRelMs + u * c.connectSpreadMs, joinTask, this, slot);
    }
    this.sched.at(runStartMs + c.endRelMs, finishTask, this, null);
    this.ticker = setInterval(() => this.tick(), PROGRESS_EVERY_MS);
  }

  /** An orchestrator message for a running fleet (`cue`, `stop`). */
  handle(m: MainToWorker): void {
    if (m.type === 'cue') this.cues.issued(m.cueId, m.issuedAtMs, m.startControllerMs);
    else if (m.type === 'stop') this.finish();
  }

  /** Ends the run now: every phone stops and the result is sent. */
  finish(): void {
    if (this.ending) return;
    this.ending = true;
    if (this.ticker !== null) clearInterval(this.ticker);
    const now = hostNow();
    this.cues.evaluateDue(now);
    const led = this.ledger;
    let connectedAtEnd = 0;
    let lost = 0;
    let connectedEver = 0;
    const connectedDeviceSeconds = led.connectedSeconds(now);
    for (let i = 0; i < this.deviceCount; i++) {
      const p = this.phones[i]!;
      const inSync = led.connected[i] === 1 && p.client !== null && p.client.synced;
      if (inSync) connectedAtEnd++;
      if (led.welcomedEver(i)) connectedEver++;
      // A phone away by design (churn) at the end is not lost.
      if (led.everLost[i] === 1 && !inSync && now >= p.offlineUntil) lost++;
    }
    this.closeAll();
    this.noteRss();
    const cpu = process.cpuUsage(this.cpuStart ?? undefined);
    const lag = this.simLag();
    const result: WorkerResult = {
      type: 'result',
      workerIndex: this.cfg.workerIndex,
      devices: this.deviceCount,
      connectedEver,
      connectedAtEnd,
      lost,
      errors: { ...led.errors },
      closesByCode: { ...led.closesByCode },
      clockError: serializeHistogram(this.clockError),
      visualError: serializeHistogram(this.cues.visual),
      visualMinMs: Number.isFinite(this.cues.visualMinMs) ? this.cues.visualMinMs : 0,
      visualMaxMs: Number.isFinite(this.cues.visualMaxMs) ? this.cues.visualMaxMs : 0,
      deliveryLatency: serializeHistogram(this.cues.delivery),
      serverDeliveryLatency: serializeHistogram(this.cues.serverDelivery),
      reconnect: serializeHistogram(led.reconnect),
      syncTime: serializeHistogram(led.syncTime),
      cues: this.cues.outcomes(),
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
      connectedDeviceSeconds,
      rssBytesPeak: this.rssPeak,
      cpuMicros: cpu.user + cpu.system,
      simLagMeanMs: lag.meanMs,
      simLagMaxMs: lag.maxMs,
    };
    this.emit(result);
    this.resolveDone(result);
  }

  /** How late the worker ran its phones' delayed deliveries, sends and joins (its own lag,
   *  which every instant a page reads includes), ms. */
  simLag(): { meanMs: number; maxMs: number; tasks: number } {
    const s = this.sched;
    return { meanMs: s.ran > 0 ? s.lateMsTotal / s.ran : 0, maxMs: s.lateMsMax, tasks: s.ran };
  }

  /** Ends the run at once without a result (the worker is being killed): every phone's
   *  socket is closed, nothing more is sent. */
  abort(): void {
    if (this.ending) return;
    this.ending = true;
    if (this.ticker !== null) clearInterval(this.ticker);
    this.closeAll();
  }

  /** Unloads every page, closes its socket at once and stops the scheduler. */
  private closeAll(): void {
    for (const p of this.phones) {
      const s = p.socket;
      p.closePage();
      s?.terminate();
    }
    this.sched.stop();
  }

  // ------------------------------------------------------------------ PhoneHost

  now(): number {
    return hostNow();
  }

  pathFor(phone: SimPhone, tRel: number): NetworkPath {
    const at = this.cfg.degradeAtRelMs;
    if (this.degradeProfile === null || at === undefined || tRel < at) return phone.dev.net;
    return this.degradeNets[phone.slot] ?? this.buildDegradeNet(phone.slot);
  }

  sentBytes(n: number): void {
    this.bytesOut += n;
  }

  receivedBytes(n: number): void {
    this.bytesIn += n;
  }

  cueArrived(slot: number, m: LiveCueMessage, atMs: number): void {
    this.cues.arrived(slot, m, atMs);
  }

  cueHandled(slot: number, m: LiveCueMessage, atMs: number): void {
    this.cues.handled(slot, m, atMs);
  }

  socketOpened(slot: number): void {
    this.ledger.socketOpened(slot, hostNow());
  }

  socketClosed(slot: number, code: number, opened: boolean, error: string): void {
    if (!this.ending) this.ledger.socketClosed(slot, code, opened, error);
  }

  socketAbandoned(slot: number, opened: boolean): void {
    if (!this.ending) this.ledger.socketAbandoned(slot, opened);
  }

  changed(slot: number): void {
    const p = this.phones[slot]!;
    const c = p.client;
    if (c === null || this.ending) return;
    const now = hostNow();
    const led = this.ledger;
    if (c.connected && led.connected[slot] === 0) {
      if (led.welcomed(slot, now, p.offlineUntil)) this.armChurn(slot, now);
    } else if (!c.connected) led.down(slot, now);
    if (c.synced) led.synced(slot, now);
  }

  reloadRequested(slot: number): void {
    if (this.ending) return;
    const p = this.phones[slot]!;
    const est = p.closePage(true);
    this.ledger.down(slot, hostNow());
    p.openPage(est);
  }

  // ------------------------------------------------------------------ CueAudience

  expectedAt(slot: number, t: number, target: TargetKind, targetId: number): boolean {
    const p = this.phones[slot]!;
    if (!(this.ledger.welcomedFirstAt[slot]! < t) || p.awayAt(t)) return false;
    if (target === 'all') return true;
    const section = this.seatSection[slot]!;
    if (section < 0) return false;
    return target === 'section' ? section === targetId : this.seats !== null && this.seats.sectionInZone(section, targetId);
  }

  device(slot: number): SimDevice {
    return this.phones[slot]!.dev;
  }

  estimator(slot: number): ClockEstimator | null {
    return this.phones[slot]!.client?.session.estimator ?? null;
  }

  // ------------------------------------------------------------------ internals

  /** @internal scheduler callbacks */
  join(slot: number): void {
    if (!this.ending) this.phones[slot]!.openPage();
  }

  evaluateCue(cueId: number): void {
    if (!this.ending) this.cues.evaluate(cueId);
  }

  cueShown(cueId: number): void {
    if (!this.ending) this.cues.shown(cueId);
  }

  churn(slot: number): void {
    if (this.ending) return;
    const p = this.phones[slot]!;
    const rng = this.churnRngs[slot]!;
    const [lo, hi] = this.cfg.churnOfflineMs;
    const now = hostNow();
    const back = now + rng.uniform(lo, hi);
    if (rng.next() < 0.5) {
      // The page is reloaded: a new page, the same device, its clock estimate kept.
      this.keptEstimators[slot] = p.closePage(true);
      this.ledger.down(slot, now);
      p.setAway(now, back);
      this.sched.at(back, reopenTask, this, slot);
    } else {
      // The connection drops; the page reconnects by itself once the network is back.
      p.goOffline(now, back);
    }
    this.armChurn(slot, back);
  }

  reopen(slot: number): void {
    if (this.ending) return;
    const est = this.keptEstimators[slot];
    this.keptEstimators[slot] = undefined;
    this.phones[slot]!.openPage(est);
  }

  private armChurn(slot: number, from: number): void {
    const rate = this.cfg.churnPerDevicePerMinute;
    if (!(rate > 0)) return;
    let rng = this.churnRngs[slot];
    if (rng === null || rng === undefined) {
      rng = new Prng(this.cfg.seed, this.cfg.firstDevice + slot, CHURN_STREAM);
      this.churnRngs[slot] = rng;
    }
    const at = from + rng.exponential(60_000 / rate);
    // The end of the run is quiet: a phone that went away then would still be waiting out
    // its page's backoff (up to 15 s between attempts) and count as lost.
    const c = this.cfg;
    if (at < this.runStartMs + c.endRelMs - Math.min(CHURN_QUIET_MS, c.endRelMs / 3)) this.sched.at(at, churnTask, this, slot);
  }

  private buildDegradeNet(slot: number): NetworkPath {
    const prof = this.degradeProfile!;
    const g = this.cfg.firstDevice + slot;
    const m = new Prng(this.cfg.seed, g, DEGRADE_PICK_STREAM).pick(prof.members.map((x) => x.weight));
    const net = new NetworkPath(prof.members[m]!.profile, -MODEL_LEAD_MS, this.cfg.endRelMs + MODEL_TAIL_MS, new Prng(this.cfg.seed, g, DEGRADE_PATH_STREAM));
    this.degradeNets[slot] = net;
    return net;
  }

  private noteRss(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.rssPeak) this.rssPeak = rss;
    return rss;
  }

  /** Once a second: clock error of every synced phone, and progress. */
  private tick(): void {
    if (this.ending) return;
    const second = new LogHistogram();
    let connected = 0;
    let synced = 0;
    let ready = 0;
    let reconnecting = 0;
    const base = this.runStartMs;
    const led = this.ledger;
    let now = 0;
    for (let i = 0; i < this.deviceCount; i++) {
      const p = this.phones[i]!;
      const c = p.client;
      now = hostNow();
      if (led.connected[i] === 1) {
        connected++;
        if (c !== null && c.showReady) ready++;
      } else if (led.welcomedEver(i) && now >= p.offlineUntil) reconnecting++;
      if (c === null || !c.synced) continue;
      synced++;
      const err = Math.abs(c.controllerTime(p.dev.clock.localOf(now - base) + LOCAL_BASE_MS) - now);
      this.clockError.add(err);
      second.add(err);
    }
    const progress: WorkerProgress = {
      type: 'progress',
      workerIndex: this.cfg.workerIndex,
      atRelMs: hostNow() - base,
      connected,
      synced,
      ready,
      reconnecting,
      errors: led.errorCount,
      clockError: serializeHistogram(second),
      rssBytes: this.noteRss(),
    };
    this.emit(progress);
  }
}

/** A device's 16-byte id: its global index and the run seed, then hashed bytes (unique
 *  within a run, the same in every run with that seed). */
function deviceIdFor(seed: number, globalIndex: number): Uint8Array {
  const id = new Uint8Array(16);
  const v = new DataView(id.buffer);
  v.setUint32(0, globalIndex >>> 0);
  v.setUint32(4, seed >>> 0);
  v.setUint32(8, mix32(seed, globalIndex, 1));
  v.setUint32(12, mix32(seed, globalIndex, 2));
  return id;
}

const joinTask = (f: Fleet, slot: number): void => f.join(slot);
const churnTask = (f: Fleet, slot: number): void => f.churn(slot);
const reopenTask = (f: Fleet, slot: number): void => f.reopen(slot);
const finishTask = (f: Fleet): void => f.finish();
const evaluateCue = (f: Fleet, cueId: number): void => f.evaluateCue(cueId);
const cueShown = (f: Fleet, cueId: number): void => f.cueShown(cueId);
