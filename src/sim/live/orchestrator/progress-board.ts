/**
 * Sums the workers' once-a-second progress into the run's timeline: each point holds every
 * worker's latest counts and the p95 of the clock-error samples that arrived since the
 * previous point.
 */
import { LogHistogram } from '../../histogram.ts';
import { deserializeHistogram } from '../histogram-wire.ts';
import type { TimelinePoint, WorkerProgress } from '../types.ts';

export class ProgressBoard {
  private readonly latest: Array<WorkerProgress | null>;
  private readonly clock = new LogHistogram();
  readonly timeline: TimelinePoint[] = [];

  constructor(workers: number) {
    this.latest = new Array<WorkerProgress | null>(workers).fill(null);
  }

  onProgress(p: WorkerProgress): void {
    if (p.workerIndex < 0 || p.workerIndex >= this.latest.length) return;
    this.latest[p.workerIndex] = p;
    this.clock.merge(deserializeHistogram(p.clockError));
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
    this.clock.counts.fill(0);
    this.clock.count = 0;
    this.clock.infinite = 0;
    this.clock.max = 0;
    this.clock.sumUs = 0;
    this.timeline.push(pt);
    return pt;
  }
}
