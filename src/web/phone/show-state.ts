/**
 * The phone's view of the show state, built from edge frames (docs/protocol.md, "State
 * ordering"): the transport in force plus the ones received ahead of their instant, and the
 * live cues of the current epoch. Every frame is idempotent: a repeat or a stale frame changes
 * nothing, so a keyframe or a resume after a drop needs no special case.
 *
 * Live cues are kept as wire messages and turned into core/show `LiveCue`s once the show
 * package (venue zone and section lists, image assets) is there.
 */
import {
  ALL_CUES,
  CUE_DURATION_UNTIL_CANCELLED,
  type CancelCueMessage,
  type LiveCueMessage,
  type TransportStateMessage,
} from '../../core/protocol/index.ts';
import { STOPPED, effectFromWire, targetFromWire, type LiveCue, type Show, type Transport } from '../../core/show/runtime.ts';

/** What live cues need from the loaded package. */
export interface CueContext {
  show: Show;
  zoneIds: readonly string[];
  sectionIds: readonly string[];
}

/** Transports received ahead of their instant kept at most (older pending ones drop first). */
const MAX_PENDING = 8;
/** A cue that ended this long ago (controller ms) is forgotten. */
const ENDED_CUE_RETENTION_MS = 10_000;
/** Ended cues are looked for at most this often (controller ms), not every frame. */
const PRUNE_EVERY_MS = 1000;

/** A transport with the show it plays. */
export interface HeldTransport extends Transport {
  showId: number;
}

interface WireCue {
  msg: LiveCueMessage;
  /** Controller time it stops (Infinity: until cancelled). */
  endMs: number;
}

export class ShowState {
  /** Newest epoch seen on any state frame; -1 before the first. */
  epoch = -1;
  private seq = -1;
  private current: HeldTransport = { ...STOPPED, showId: 0 };
  private readonly pending: HeldTransport[] = [];
  private readonly cues = new Map<number, WireCue>();
  private cueList: LiveCue[] = [];
  private cueListDirty = false;
  private nextPruneAt = -Infinity;
  private context: CueContext | null = null;
  /** Cues held when a new connection started and not yet repeated by its edge. */
  private readonly unconfirmed = new Set<number>();
  /** Live cues that could not be decoded against the loaded show (unknown asset, ...). */
  badCues = 0;

  /** Applies a transport frame; false when it is not newer than what is held. */
  applyTransport(m: TransportStateMessage): boolean {
    if ((m.epoch === this.epoch && m.seq <= this.seq) || !this.admit(m.epoch)) return false;
    this.seq = m.seq;
    const t: HeldTransport = {
      mode: m.mode,
      anchorControllerMs: m.anchorControllerMs,
      anchorShowMs: m.anchorShowMs,
      rate: m.rate,
      blackout: m.blackout,
      showId: m.showId,
    };
    // A newer transport supersedes every pending one that would start at or after it.
    while (this.pending.length > 0 && this.pending[this.pending.length - 1]!.anchorControllerMs >= t.anchorControllerMs) this.pending.pop();
    this.pending.push(t);
    if (this.pending.length > MAX_PENDING) this.current = this.pending.shift()!;
    return true;
  }

  /** Applies a live cue; false when stale (older epoch) or a repeat that changes nothing. */
  applyLiveCue(m: LiveCueMessage): boolean {
    if (!this.admit(m.epoch)) return false;
    this.unconfirmed.delete(m.cueId);
    const endMs = m.durationMs === CUE_DURATION_UNTIL_CANCELLED ? Infinity : m.startControllerMs + m.durationMs;
    const held = this.cues.get(m.cueId);
    if (held !== undefined) {
      // A repeat (keyframe, join replay). The controller re-publishes a cancelled cue with
      // its shortened duration, so a repeat may end it earlier; it never makes it longer.
      if (endMs >= held.endMs) return false;
      held.endMs = endMs;
      this.cueListDirty = true;
      return true;
    }
    this.cues.set(m.cueId, { msg: m, endMs });
    this.cueListDirty = true;
    return true;
  }

  /** Applies a cancel: the cue (or every cue) stops at `atControllerMs`, never later than
   *  it would have anyway. */
  applyCancel(m: CancelCueMessage): boolean {
    if (!this.admit(m.epoch)) return false;
    let changed = false;
    for (const [id, cue] of this.cues) {
      if (m.cueId !== ALL_CUES && m.cueId !== id) continue;
      if (m.atControllerMs >= cue.endMs) continue;
      if (m.atControllerMs <= cue.msg.startControllerMs) this.cues.delete(id);
      else cue.endMs = m.atControllerMs;
      changed = true;
    }
    if (changed) this.cueListDirty = true;
    return changed;
  }

  /**
   * A new connection was welcomed: its edge now repeats every active live cue. A cue
   * cancelled while the phone was away is simply not repeated (the cancel itself is not), so
   * cues held now must be confirmed by a repeat before `endResync`, or they go.
   */
  beginResync(): void {
    this.unconfirmed.clear();
    for (const id of this.cues.keys()) this.unconfirmed.add(id);
  }

  /** Everything the edge sent on join has arrived (the caller knows by a later answer on the
   *  same connection): drops held cues it did not repeat. */
  endResync(): void {
    if (this.unconfirmed.size === 0) return;
    for (const id of this.unconfirmed) this.cues.delete(id);
    this.unconfirmed.clear();
    this.cueListDirty = true;
  }

  /** Sets (or clears) the loaded package the live cues are decoded against. */
  setContext(ctx: CueContext | null): void {
    this.context = ctx;
    this.cueListDirty = true;
  }

  /** The transport in force at `controllerMs`, with the id of the show it plays (0 = none);
   *  promotes pending transports whose instant has come. Call with (mostly) non-decreasing
   *  times, as a render loop does. */
  transportAt(controllerMs: number): HeldTransport {
    while (this.pending.length > 0 && this.pending[0]!.anchorControllerMs <= controllerMs) this.current = this.pending.shift()!;
    return this.current;
  }

  /** The newest transport received (in force, or pending until its instant). */
  get latestTransport(): Transport {
    return this.pending.length > 0 ? this.pending[this.pending.length - 1]! : this.current;
  }

  /** Live cues in layer order (creation order), decoded; the same array until something
   *  changes. Cues that ended well before `controllerMs` are dropped. */
  liveCues(controllerMs: number): readonly LiveCue[] {
    if (controllerMs >= this.nextPruneAt && this.cues.size > 0) {
      this.nextPruneAt = controllerMs + PRUNE_EVERY_MS;
      for (const [id, cue] of this.cues) {
        if (cue.endMs < controllerMs - ENDED_CUE_RETENTION_MS) {
          this.cues.delete(id);
          this.cueListDirty = true;
        }
      }
    }
    if (this.cueListDirty) this.rebuild();
    return this.cueList;
  }

  get liveCueCount(): number {
    return this.cues.size;
  }

  /** Ids of the live cues held (current epoch), ascending. */
  liveCueIds(): number[] {
    return [...this.cues.keys()].sort((a, b) => a - b);
  }

  private rebuild(): void {
    this.cueListDirty = false;
    const ctx = this.context;
    const list: LiveCue[] = [];
    if (ctx !== null) {
      let bad = 0;
      for (const id of this.liveCueIds()) {
        const { msg, endMs } = this.cues.get(id)!;
        try {
          list.push({
            id: String(id),
            effect: effectFromWire(msg, ctx.show),
            target: targetFromWire(msg, ctx.zoneIds, ctx.sectionIds),
            startControllerMs: msg.startControllerMs,
            durationMs: endMs === Infinity ? null : endMs - msg.startControllerMs,
          });
        } catch {
          bad++;
        }
      }
      this.badCues = bad;
    }
    this.cueList = list;
  }

  /** False for a frame of an older epoch. A newer epoch means the controller restarted or
   *  lost its state: its sequence numbers and cue ids restart, so everything of the older
   *  epochs goes (a transport in force stays until replaced). */
  private admit(epoch: number): boolean {
    if (epoch < this.epoch) return false;
    if (epoch === this.epoch) return true;
    this.epoch = epoch;
    this.seq = -1;
    this.pending.length = 0;
    this.unconfirmed.clear();
    if (this.cues.size > 0) {
      this.cues.clear();
      this.cueListDirty = true;
    }
    return true;
  }
}
