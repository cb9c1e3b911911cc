/**
 * What the edge knows about its phones in aggregate, maintained incrementally as each phone's
 * latest `ready` and `qualityReport` replace its previous ones (and drop out when it closes),
 * so a report costs O(buckets + shows), never O(connections).
 */
import { LATENCY_BUCKETS_MS, latencyBucket } from '../bus/index.ts';
import type { QualityReportMessage, ReadyMessage } from '../core/protocol/index.ts';
import { QUALITY_DEGRADED, QUALITY_SYNCED, type EdgeSocketData } from './socket-data.ts';

/** Distinct shows counted in `ready` at most. A phone names its show itself, so without a
 *  bound a crowd of scripted phones could grow the map (and every stats report) to one key
 *  each; real use needs the current show and the few before it. */
export const MAX_READY_SHOWS = 16;

export class AudienceStats {
  /** Phones whose latest ready names this show, by `${showId}.${showVersion}`. */
  readonly ready = new Map<string, number>();
  readonly rttHistogram: number[] = new Array(LATENCY_BUCKETS_MS.length + 1).fill(0);
  readonly uncertaintyHistogram: number[] = new Array(LATENCY_BUCKETS_MS.length + 1).fill(0);
  synced = 0;
  degraded = 0;

  onReady(d: EdgeSocketData, msg: ReadyMessage): void {
    const key = `${msg.showId}.${msg.showVersion}`;
    if (d.readyKey === key) return;
    this.forgetReady(d);
    // Over the bound, a ready for yet another show is not counted (the phone counts nowhere).
    if (!this.ready.has(key) && this.ready.size >= MAX_READY_SHOWS) return;
    d.readyKey = key;
    this.ready.set(key, (this.ready.get(key) ?? 0) + 1);
  }

  onQuality(d: EdgeSocketData, msg: QualityReportMessage): void {
    this.forgetQuality(d);
    d.rttBucket = latencyBucket(msg.rttMs);
    d.uncertaintyBucket = latencyBucket(msg.uncertaintyMs);
    d.qualityFlags = (msg.synced ? QUALITY_SYNCED : 0) | (msg.degraded ? QUALITY_DEGRADED : 0);
    this.rttHistogram[d.rttBucket]!++;
    this.uncertaintyHistogram[d.uncertaintyBucket]!++;
    if (msg.synced) this.synced++;
    if (msg.degraded) this.degraded++;
  }

  /** The phone closed: its contributions leave every count. */
  onClose(d: EdgeSocketData): void {
    this.forgetReady(d);
    this.forgetQuality(d);
  }

  private forgetReady(d: EdgeSocketData): void {
    if (d.readyKey === null) return;
    const n = (this.ready.get(d.readyKey) ?? 1) - 1;
    if (n > 0) this.ready.set(d.readyKey, n);
    else this.ready.delete(d.readyKey);
    d.readyKey = null;
  }

  private forgetQuality(d: EdgeSocketData): void {
    if (d.rttBucket < 0) return;
    this.rttHistogram[d.rttBucket]!--;
    this.uncertaintyHistogram[d.uncertaintyBucket]!--;
    if (d.qualityFlags & QUALITY_SYNCED) this.synced--;
    if (d.qualityFlags & QUALITY_DEGRADED) this.degraded--;
    d.rttBucket = -1;
    d.uncertaintyBucket = -1;
    d.qualityFlags = 0;
  }
}
