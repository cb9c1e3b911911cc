import { TOPIC_ALL } from '../bus/edge-feed.ts';
import type { EdgeStats } from '../bus/edge-stats.ts';
import { Subjects, type Bus } from '../bus/types.ts';
import { ALL_CUES, encode } from '../core/protocol/index.ts';
import { checkShowAgainstVenue, type Effect, type Show, type Target, type Transport } from '../core/show/index.ts';
import * as tr from '../core/show/index.ts';
import type { Store } from '../store/index.ts';
import { Audience, type AudienceSummary } from './audience.ts';
import { ControlError } from './errors.ts';
import { LeadTime, type LeadTimeOptions } from './lead-time.ts';
import {
  LOADED_KEY,
  STATE_KEY,
  liveStoredCues,
  validCueId,
  validEarlier,
  validTransport,
  type PersistedCue,
  type PersistedState,
} from './persisted-state.ts';
import { FeedFrames, type ActiveCue } from './feed-frames.ts';
import { buildActiveCue, parseCueRequest } from './live-cue-build.ts';
import { ShowLibrary, type LoadedShow } from './show-library.ts';

/**
 * The show controller: the one authoritative timeline. Every operator action becomes a new
 * state that holds from `now + lead time`; the controller builds the phone frame for it once
 * (core/protocol), hands it to the edges over the bus (edge feed), and persists the state so
 * a restarted controller carries on (a playing show resumes at the right position, since
 * anchors are in controller time, which is wall-clock based).
 */
export interface ControllerOptions {
  bus: Bus;
  store: Store;
  /** Controller time, ms. */
  now: () => number;
  lead?: Partial<LeadTimeOptions>;
  log?: (line: string) => void;
  /** How often to sweep expired cues and follow the audience's latency; default 1000 ms. */
  tickMs?: number;
}

export type TransportAction = 'play' | 'pause' | 'stop' | 'seek' | 'rate';


export class Controller {
  readonly lead: LeadTime;
  private readonly opts: ControllerOptions;
  private readonly audience = new Audience();
  private readonly library: ShowLibrary;
  private readonly out: FeedFrames;
  private epoch = 0;
  private seq = 0;
  private transport: Transport = tr.STOPPED;
  /** Transports scheduled before `transport`, oldest first: the one in force now and any still
   *  pending (changes are announced ahead, and an operator may make several within one lead
   *  time). Pruned as their successors take effect. */
  private earlier: Transport[] = [tr.STOPPED];
  /** Changes are never scheduled before an earlier one, so each builds on the one before. */
  private lastChangeAt = -Infinity;
  private loaded: LoadedShow | null = null;
  private cues: ActiveCue[] = [];
  private unsubs: (() => void)[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(opts: ControllerOptions) {
    this.opts = opts;
    this.lead = new LeadTime(opts.lead);
    this.library = new ShowLibrary(opts.store);
    this.out = new FeedFrames(opts.bus);
  }

  /** Restores the persisted state under a new epoch, announces it and starts listening. */
  start(): void {
    const saved = this.readState();
    // Phones keep the newest epoch they have seen across reconnects and ignore older ones, so
    // a new epoch must be above every earlier one even when the stored state is lost or
    // unreadable: it is at least the controller clock in whole seconds (a u32 until 2106).
    const savedEpoch = typeof saved?.epoch === 'number' && Number.isInteger(saved.epoch) ? saved.epoch : 0;
    this.epoch = Math.max(savedEpoch + 1, Math.floor(this.opts.now() / 1000)) >>> 0;
    this.seq = 0;
    const savedTransport = saved ? validTransport(saved.transport) : null;
    if (saved && !savedTransport) this.log('controller: stored transport unreadable; starting stopped');
    if (saved && savedTransport) {
      // Without its show (none was loaded, or it cannot be restored) only the blackout flag
      // of the saved transport means anything, and it is kept: it is the operator's panic state.
      const stoppedDark = savedTransport.blackout ? { ...tr.STOPPED, blackout: true } : tr.STOPPED;
      this.transport = stoppedDark;
      this.earlier = [stoppedDark];
      if (saved.showId) {
        try {
          this.loaded = this.library.restoreLoaded(saved.showId);
          this.transport = savedTransport;
          this.earlier = validEarlier(saved.earlier) ?? [savedTransport];
        } catch (err) {
          this.log(`controller: could not restore show "${saved.showId}": ${err instanceof Error ? err.message : err}`);
        }
      }
    }
    const now = this.opts.now();
    for (const c of liveStoredCues(saved?.cues, now)) {
      try {
        // A cue keeps its id across the restart (an operator's console or a desk may hold it);
        // new ids continue above the restored ones.
        const id = validCueId(c.cueId);
        const keep = id !== null && !this.cues.some((x) => x.cueId === id) ? id : undefined;
        this.cues.push(this.makeCue(c.effect, c.target, c.startControllerMs, c.durationMs, keep));
      } catch {
        // A cue that no longer fits the loaded venue is dropped.
      }
    }
    for (const c of this.cues) this.seq = Math.max(this.seq, c.cueId);
    if (this.loaded) this.seq++;
    this.lastChangeAt = Math.max(this.transport.anchorControllerMs, ...this.cues.map((c) => c.startControllerMs));
    this.unsubs.push(this.opts.bus.subscribe(Subjects.replay, () => this.publishAll()));
    this.unsubs.push(
      this.opts.bus.subscribe(Subjects.stats, (data) => {
        try {
          this.audience.accept(JSON.parse(new TextDecoder().decode(data)) as EdgeStats);
        } catch {
          // A garbled report is ignored; the next one replaces it.
        }
      }),
    );
    this.timer = setInterval(() => this.tick(), this.opts.tickMs ?? 1000);
    this.publishAll();
    this.persist();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const u of this.unsubs.splice(0)) u();
    this.persist();
  }

  // ------------------------------------------------------------------ shows and venues

  putVenue(id: string, json: unknown): { id: string } {
    return this.library.putVenue(id, json);
  }

  putShow(id: string, json: unknown): { id: string; version: number; warnings: { path: string; message: string }[] } {
    return this.library.putShow(id, json);
  }

  listShows(): { id: string; name: string; venue: string; durationMs: number; version: number }[] {
    return this.library.listShows();
  }

  getShow(id: string): Show | null {
    return this.library.getShow(id);
  }

  listVenues(): { id: string; name: string; seats: number }[] {
    return this.library.listVenues();
  }

  /** Announces a stored show: phones preload it. The transport stops at 0 and live cues end. */
  loadShow(id: string): { atControllerMs: number } {
    const next = this.library.prepare(id);
    // The show was checked against its venue when stored, but the venue may have been replaced
    // since; phones trust the package, so a show that no longer fits is refused here.
    const issues = checkShowAgainstVenue(next.show, next.venue);
    if (issues.length > 0) throw new ControlError('conflict', `show "${id}" no longer fits venue "${next.venue.id}"; store a fixed show or venue first`, issues);
    // Saved first: if the store refuses it, the load fails before anything changed.
    this.opts.store.setValue(LOADED_KEY, JSON.stringify(next.docs));
    const at = this.nextInstant();
    this.endAllCues(at);
    this.loaded = next;
    this.schedule(tr.stop(this.transport, at));
    this.lastChangeAt = at;
    this.seq++;
    this.out.show(this.loaded!);
    this.publishTransport();
    this.persist();
    return { atControllerMs: at };
  }

  // ------------------------------------------------------------------ transport

  transportAction(action: TransportAction, args: { positionMs?: unknown; rate?: unknown } = {}): { atControllerMs: number; transport: Transport } {
    if (!this.loaded) throw new ControlError('conflict', 'no show is loaded; POST /api/shows/<id>/load first');
    const at = this.nextInstant();
    const num = (name: string, v: unknown): number => {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ControlError('invalid-request', `${name} must be a number`, [{ path: name, message: 'must be a finite number' }]);
      return v;
    };
    let next: Transport;
    try {
      switch (action) {
        case 'play':
          next = args.rate === undefined ? tr.play(this.transport, at) : tr.play(this.transport, at, num('rate', args.rate));
          break;
        case 'pause':
          next = tr.pause(this.transport, at);
          break;
        case 'stop':
          next = tr.stop(this.transport, at);
          break;
        case 'seek': {
          const p = num('positionMs', args.positionMs);
          if (p < 0) throw new ControlError('invalid-request', 'positionMs must be >= 0', [{ path: 'positionMs', message: 'must be >= 0' }]);
          next = tr.seek(this.transport, at, p);
          break;
        }
        case 'rate':
          next = tr.setRate(this.transport, at, num('rate', args.rate));
          break;
        default:
          throw new ControlError('invalid-request', `unknown action "${String(action)}"`, [{ path: 'action', message: 'must be play, pause, stop, seek or rate' }]);
      }
    } catch (err) {
      if (err instanceof tr.TransportError) throw new ControlError('invalid-request', err.message, [{ path: 'rate', message: err.message }]);
      throw err;
    }
    return this.commitTransport(next, at);
  }

  /** Panic: dark everywhere from now + lead time, always available (no show needed). */
  blackout(on: boolean): { atControllerMs: number; transport: Transport } {
    const at = this.nextInstant();
    return this.commitTransport(tr.setBlackout(this.transport, at, on), at);
  }

  private commitTransport(next: Transport, at: number): { atControllerMs: number; transport: Transport } {
    if (next !== this.transport) {
      this.schedule(next);
      this.lastChangeAt = at;
      this.seq++;
      this.publishTransport();
      this.persist();
    }
    return { atControllerMs: at, transport: next };
  }

  // ------------------------------------------------------------------ live cues

  fireCue(body: { effect?: unknown; target?: unknown; durationMs?: unknown }): { cueId: number; startControllerMs: number } {
    if (!this.loaded) throw new ControlError('conflict', 'no show is loaded; live cues need its venue');
    const { effect, target, durationMs } = parseCueRequest(body, this.loaded);
    const at = this.nextInstant();
    const cue = this.makeCue(effect, target, at, durationMs);
    this.cues.push(cue);
    this.lastChangeAt = at;
    this.out.cue(this.epoch, cue);
    this.persist();
    return { cueId: cue.cueId, startControllerMs: at };
  }

  cancelCue(cueId: number | 'all'): { atControllerMs: number } {
    const at = this.nextInstant();
    if (cueId === 'all') {
      this.endAllCues(at);
    } else {
      const cue = this.cues.find((c) => c.cueId === cueId);
      if (!cue) throw new ControlError('not-found', `no live cue ${cueId}`);
      this.endCue(cue, at);
      this.out.send(cue.topic, encode({ type: 'cancelCue', epoch: this.epoch, cueId, atControllerMs: at }));
    }
    this.persist();
    return { atControllerMs: at };
  }

  private makeCue(effect: Effect, target: Target, start: number, durationMs: number | null, restoredId?: number): ActiveCue {
    if (!this.loaded) throw new ControlError('conflict', 'no show is loaded');
    return buildActiveCue(this.loaded, effect, target, start, durationMs, restoredId ?? ++this.seq);
  }

  /** Shortens a cue to end at `at` (the retained frame is replaced, so joiners agree). */
  private endCue(cue: ActiveCue, at: number): void {
    const end = Math.max(0, Math.round(at - cue.startControllerMs));
    if (cue.durationMs === null || end < cue.durationMs) cue.durationMs = end;
    this.out.cue(this.epoch, cue);
  }

  private endAllCues(at: number): void {
    if (this.cues.length === 0) return;
    for (const c of this.cues) this.endCue(c, at);
    this.out.send(TOPIC_ALL, encode({ type: 'cancelCue', epoch: this.epoch, cueId: ALL_CUES, atControllerMs: at }));
    this.lastChangeAt = Math.max(this.lastChangeAt, at);
  }

  // ------------------------------------------------------------------ status

  status(joinUrl: string | null = null) {
    const now = this.opts.now();
    const l = this.loaded;
    return {
      controllerTimeMs: now,
      epoch: this.epoch,
      leadTimeMs: this.lead.ms,
      show: l && {
        id: l.id, name: l.show.name, venue: l.show.venue, durationMs: l.show.durationMs,
        showId: l.num, version: l.version, packageUrl: l.pkg.path, packageBytes: l.pkg.body.length,
      },
      transport: { ...this.transport, positionMs: tr.showPositionAt(this.transportInForce(now), now) },
      liveCues: this.cueRecords(),
      venue: l && {
        id: l.venue.id, name: l.venue.name, seats: l.venue.seatCount,
        zones: l.venue.zones.map((z) => ({ id: z.id, name: z.name })),
        sections: l.venue.sections.map((s) => ({ id: s.id, name: s.name })),
      },
      audience: this.audienceSummary(now),
      edges: this.audience.edges(now),
      joinUrl,
    };
  }

  private audienceSummary(now: number): Omit<AudienceSummary, 'rttHistogram'> {
    const { rttHistogram: _h, ...rest } = this.audience.summary(now, this.loaded ? `${this.loaded.num}.${this.loaded.version}` : null);
    return rest;
  }

  /** The current transport (as scheduled; it may take effect in the future). */
  get currentTransport(): Transport {
    return this.transport;
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  // ------------------------------------------------------------------ internals

  /** Makes `next` the newest scheduled transport. */
  private schedule(next: Transport): void {
    this.earlier.push(this.transport);
    this.transport = next;
    // Keep only what can still be in force: the newest one whose instant has passed, and later.
    const now = this.opts.now();
    let k = 0;
    for (let i = 1; i < this.earlier.length; i++) if (this.earlier[i]!.anchorControllerMs <= now) k = i;
    if (this.transport.anchorControllerMs <= now) k = this.earlier.length;
    if (k > 0) this.earlier.splice(0, Math.min(k, this.earlier.length - 1));
  }

  /** The transport in force at `t`: the newest scheduled one whose instant has come. */
  private transportInForce(t: number): Transport {
    let r = this.earlier[0] ?? this.transport;
    for (let i = 1; i < this.earlier.length; i++) if (this.earlier[i]!.anchorControllerMs <= t) r = this.earlier[i]!;
    return this.transport.anchorControllerMs <= t ? this.transport : r;
  }

  private nextInstant(): number {
    return Math.max(this.opts.now() + this.lead.ms, this.lastChangeAt);
  }

  private tick(): void {
    const now = this.opts.now();
    const summary = this.audience.summary(now, null);
    this.lead.update(summary.rttHistogram);
    const keep: ActiveCue[] = [];
    for (const c of this.cues) {
      if (c.durationMs !== null && c.startControllerMs + c.durationMs < now - 1000) this.out.dropCue(c.cueId);
      else keep.push(c);
    }
    if (keep.length !== this.cues.length) {
      this.cues = keep;
      this.persist();
    }
  }

  private publishAll(): void {
    this.out.reset();
    if (this.loaded) this.out.show(this.loaded);
    this.publishTransport();
    for (const c of this.cues) this.out.cue(this.epoch, c);
  }

  private publishTransport(): void {
    this.out.transport(this.epoch, this.seq, this.transport, this.loaded);
  }

  private readState(): PersistedState | null {
    const raw = this.opts.store.getValue(STATE_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as PersistedState;
    } catch {
      this.log('controller: stored state unreadable; starting stopped');
      return null;
    }
  }

  /** The live cues as status reports them and the store keeps them. */
  private cueRecords(): Required<PersistedCue>[] {
    return this.cues.map((c) => ({ cueId: c.cueId, effect: c.effect, target: c.target, startControllerMs: c.startControllerMs, durationMs: c.durationMs }));
  }

  private persist(): void {
    const state: PersistedState = {
      epoch: this.epoch,
      showId: this.loaded?.id ?? null,
      transport: this.transport,
      earlier: this.earlier,
      cues: this.cueRecords(),
    };
    try {
      this.opts.store.setValue(STATE_KEY, JSON.stringify(state));
    } catch (err) {
      // The change is already live on every phone: refusing it now would only mislead the
      // operator. It is saved with the next change that can be.
      this.log(`controller: could not save the live state: ${err instanceof Error ? err.message : err}`);
    }
  }

  private log(line: string): void {
    (this.opts.log ?? console.log)(line);
  }
}
