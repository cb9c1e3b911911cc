/**
 * Sums the workers' once-a-second progress into the run's timeline: each point holds every
 * worker's latest counts and the p95 of the clock-error samples that arrived since the
 * previous point. It also keeps each worker's clock-error samples of the measured part, so
 * the report's clock error leaves out the warm-up (joining and settling).
 */
import { LogHistogram } from '../../histogram.ts';
import { deserializeHistogram, serializeHistogram } from '../histogram-wire.ts';
import type { SerializedHistogram, TimelinePoint, WorkerProgress } from '../types.ts';

export class ProgressBoard {
  private readonly latest: Array<WorkerProgress | null>;
  /** The clock-error samples since the previous point (a new histogram each second). */
  private clock = new LogHistogram();
  /** Per worker, the clock-error samples of the seconds inside the measured window. */
  private readonly windowClock: LogHistogram[];
  readonly timeline: TimelinePoint[] = [];

  /** `window`: the measured part, run-relative ms, [startRelMs, endRelMs). A worker samples
   *  every synced device's clock error at the instant it sends a progress message, so a
   *  message's samples belong to the window when its `atRelMs` lies inside it. */
  constructor(
    workers: number,
    private readonly window: { startRelMs: number; endRelMs: number } = { startRelMs: -Infinity, endRelMs: Infinity },
  ) {
    this.latest = new Array<WorkerProgress | null>(workers).fill(null);
    this.windowClock = Array.from({ length: workers }, () => new LogHistogram());
  }

  onProgress(p: WorkerProgress): void {
    if (p.workerIndex < 0 || p.workerIndex >= this.latest.length) return;
    this.latest[p.workerIndex] = p;
    const h = deserializeHistogram(p.clockError);
    this.clock.merge(h);
    if (p.atRelMs >= this.window.startRelMs && p.atRelMs < this.window.endRelMs) {
      this.windowClock[p.workerIndex]!.merge(h);
    }
  }

  /** A worker's clock-error samples from the measured window, null when it sent none. */
  windowClockError(workerIndex: number): SerializedHistogram | null {
    const h = this.windowClock[workerIndex];
    return h && h.count > 0 ? serializeHistogram(h) : null;
  }

  /** Workers' RSS summed (their latest reports), bytes. */
  workersRssBytes(): number {
    let n = 0;
    for (const p of this.latest) n += p?.rssBytes ?? 0;
    return n;
  }

  /** Closes the current second: appends and returns its point. */
  point(tRelMs: number, edgeConnections: number | null): TimelinePoint {
    const pt: TimelinePoint = { tRelMs, connected: 0, synced: 0, ready: 0, reconnecting: 0, errors: 0, clockP95Ms: null, edgeConnections };
    for (const p of this.latest) {
      if (!p) continue;
      pt.connected += p.connected;
      pt.synced += p.synced;
      pt.ready += p.ready;
      pt.reconnecting += p.reconnecting;
      pt.errors += p.errors;
    }
    if (this.clock.count > this.clock.infinite) pt.clockP95Ms = this.clock.quantile(0.95);
    this.clock = new LogHistogram();
    this.timeline.push(pt);
    return pt;
  }
}
