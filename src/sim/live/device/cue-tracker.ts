/**
 * Live cues as a worker's phones saw them. For each cue and each phone: when its frame
 * reached the real socket (server part of the delivery) and when the page's handler got it
 * (the whole delivery, the network model included); first receipt only (keyframes repeat
 * cues). The cue's instant comes with its frame or with the orchestrator's `cue` message,
 * whichever is first; `issuedAtMs` only with the message, which may come after the frames.
 *
 * Visual error is measured with the clock estimate the page draws with: at the cue's instant
 * for every phone that had it by then, and at the moment of receipt for later ones (a page's
 * estimate moves with each clock exchange; one read seconds later would show a late joiner's
 * first, coarse estimate as better than it was).
 *
 * Each cue is evaluated once, EVALUATE_AFTER_MS after its instant, for all phones at once:
 * who should have shown it, who saw it, who had it in time, and delivery latencies.
 * Receipts after that are not counted.
 */
import type { ClockEstimator } from '../../../core/clock/index.ts';
import type { LiveCueMessage, TargetKind } from '../../../core/protocol/index.ts';
import type { SimDevice } from '../../device.ts';
import { LogHistogram } from '../../histogram.ts';
import type { CueOutcome } from '../types.ts';
import { VisualCheck } from './visual-check.ts';

/** A cue is evaluated this long after its instant, ms (time for late receipts to land). */
export const EVALUATE_AFTER_MS = 3000;

/** What a scheduled step of a cue does: `shown` measures the visual error of the receipts
 *  so far (due at the cue's instant), `outcome` evaluates the cue (EVALUATE_AFTER_MS later). */
export type CueStage = 'shown' | 'outcome';

/** What the tracker needs to know about the worker's phones. */
export interface CueAudience {
  readonly deviceCount: number;
  readonly runStartMs: number;
  /** The phone was welcomed before controller time `t`, its page was there at `t`, and
   *  it sits where the cue's target is. */
  expectedAt(slot: number, t: number, target: TargetKind, targetId: number): boolean;
  device(slot: number): SimDevice;
  /** The phone's clock estimator now (null: its page is gone). */
  estimator(slot: number): ClockEstimator | null;
}

/** The parts of a `liveCue` frame the tracker reads. */
export type CueFrame = Pick<LiveCueMessage, 'cueId' | 'startControllerMs' | 'target' | 'targetId'>;

class CueRecord {
  startMs = NaN;
  /** Whom the cue addresses, from its frame ('all' until a frame is seen). */
  target: TargetKind = 'all';
  targetId = 0;
  issuedAtMs = NaN;
  /** The receipts up to the instant have their visual error; later ones get it on arrival. */
  shownDone = false;
  evaluated = false;
  deliveryDone = false;
  outcome: CueOutcome | null = null;
  /** Controller ms per phone, NaN until received. */
  arrived: Float64Array | null;
  handled: Float64Array | null;

  constructor(
    readonly cueId: number,
    n: number,
  ) {
    this.arrived = new Float64Array(n).fill(NaN);
    this.handled = new Float64Array(n).fill(NaN);
  }
}

export class CueTracker {
  readonly visual = new LogHistogram();
  readonly delivery = new LogHistogram();
  readonly serverDelivery = new LogHistogram();
  visualMinMs = Infinity;
  visualMaxMs = -Infinity;
  private readonly cues = new Map<number, CueRecord>();
  private readonly check = new VisualCheck();

  /** `schedule` is told when each stage of a cue is due (once per cue and stage); the owner
   *  then calls `shown` or `evaluate`. */
  constructor(
    private readonly audience: CueAudience,
    private readonly schedule: (cueId: number, atMs: number, stage: CueStage) => void,
  ) {}

  /** A cue frame reached phone `slot`'s real socket at `atMs`. */
  arrived(slot: number, m: CueFrame, atMs: number): void {
    const c = this.fromFrame(m);
    if (c.arrived !== null && Number.isNaN(c.arrived[slot]!)) c.arrived[slot] = atMs;
  }

  /** Phone `slot`'s page handled a cue frame at `atMs`. */
  handled(slot: number, m: CueFrame, atMs: number): void {
    const c = this.fromFrame(m);
    if (c.handled === null || !Number.isNaN(c.handled[slot]!)) return;
    c.handled[slot] = atMs;
    // After the instant: the page draws it now, with its estimate of now.
    if (c.shownDone && !c.evaluated) this.measureVisual(c, slot, atMs);
  }

  /** Measures the visual error of every receipt of cue `cueId` so far (due at its instant). */
  shown(cueId: number): void {
    const c = this.cues.get(cueId);
    if (c === undefined || c.shownDone || c.evaluated || Number.isNaN(c.startMs)) return;
    c.shownDone = true;
    const handled = c.handled!;
    for (let i = 0; i < handled.length; i++) {
      const h = handled[i]!;
      if (!Number.isNaN(h)) this.measureVisual(c, i, h);
    }
  }

  /** The orchestrator fired cue `cueId` at `issuedAtMs`. */
  issued(cueId: number, issuedAtMs: number, startMs: number): void {
    const c = this.record(cueId, startMs);
    c.issuedAtMs = issuedAtMs;
    if (c.evaluated) this.deliveries(c);
  }

  /** Evaluates cue `cueId` now (its scheduled instant, or the end of the run). */
  evaluate(cueId: number): void {
    const c = this.cues.get(cueId);
    if (c === undefined || c.evaluated || Number.isNaN(c.startMs)) return;
    this.shown(cueId);
    c.evaluated = true;
    const a = this.audience;
    const T = c.startMs;
    const handled = c.handled!;
    let expected = 0;
    let seen = 0;
    let onTime = 0;
    for (let i = 0; i < a.deviceCount; i++) {
      const h = handled[i]!;
      const got = !Number.isNaN(h);
      if (!a.expectedAt(i, T, c.target, c.targetId)) continue;
      expected++;
      if (got) {
        seen++;
        if (h < T) onTime++;
      }
    }
    c.outcome = { cueId: c.cueId, startControllerMs: T, expected, seen, onTime };
    this.deliveries(c);
  }

  /** Evaluates every cue whose instant has passed by `nowMs` and that is not done yet. */
  evaluateDue(nowMs: number): void {
    for (const c of this.cues.values()) if (!c.evaluated && c.startMs <= nowMs) this.evaluate(c.cueId);
  }

  /** Outcomes of the evaluated cues, by cue id. */
  outcomes(): CueOutcome[] {
    const out: CueOutcome[] = [];
    for (const c of this.cues.values()) if (c.outcome !== null) out.push(c.outcome);
    return out.sort((x, y) => x.cueId - y.cueId);
  }

  /** Visual error of phone `slot`'s receipt of `c` at `handledMs`, with its estimate now. */
  private measureVisual(c: CueRecord, slot: number, handledMs: number): void {
    const a = this.audience;
    const est = a.estimator(slot);
    if (est === null) return;
    const v = this.check.errorMs(a.device(slot), est, a.runStartMs, c.startMs - a.runStartMs, handledMs - a.runStartMs);
    this.visual.add(v);
    if (Number.isFinite(v)) {
      if (v < this.visualMinMs) this.visualMinMs = v;
      if (v > this.visualMaxMs) this.visualMaxMs = v;
    }
  }

  private fromFrame(m: CueFrame): CueRecord {
    const c = this.record(m.cueId, m.startControllerMs);
    c.target = m.target;
    c.targetId = m.targetId;
    return c;
  }

  private record(cueId: number, startMs: number): CueRecord {
    let c = this.cues.get(cueId);
    if (c === undefined) {
      c = new CueRecord(cueId, this.audience.deviceCount);
      this.cues.set(cueId, c);
    }
    if (Number.isNaN(c.startMs) && Number.isFinite(startMs)) {
      c.startMs = startMs;
      this.schedule(cueId, startMs, 'shown');
      this.schedule(cueId, startMs + EVALUATE_AFTER_MS, 'outcome');
    }
    return c;
  }

  private deliveries(c: CueRecord): void {
    if (c.deliveryDone || Number.isNaN(c.issuedAtMs)) return;
    c.deliveryDone = true;
    const handled = c.handled!;
    const arrived = c.arrived!;
    for (let i = 0; i < handled.length; i++) {
      const h = handled[i]!;
      if (!Number.isNaN(h)) this.delivery.add(Math.max(0, h - c.issuedAtMs));
      const r = arrived[i]!;
      if (!Number.isNaN(r)) this.serverDelivery.add(Math.max(0, r - c.issuedAtMs));
    }
    // Both figures are in: the per-phone receipts are no longer needed.
    c.arrived = c.handled = null;
  }
}
