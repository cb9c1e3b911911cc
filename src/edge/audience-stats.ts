/**
 * What the edge knows about its phones in aggregate, maintained incrementally as each phone's
 * latest `ready` and `qualityReport` replace its previous ones (and drop out when it closes),
 * so a report costs O(buckets + shows), never O(connections).
 *
 * A phone's own share is two numbers in its socket data: the slot of the show its latest
 * `ready` named (slots are the few distinct shows counted, each holding its key string once
 * for the whole process) and its packed latest quality report.
 */
import { LATENCY_BUCKETS_MS, latencyBucket } from '../bus/index.ts';
import type { QualityReportMessage, ReadyMessage } from '../core/protocol/index.ts';
import {
  QUALITY_DEGRADED,
  QUALITY_SYNCED,
  packQuality,
  qualityFlags,
  qualityRttBucket,
  qualityUncertaintyBucket,
  type EdgeSocketData,
} from './socket-data.ts';

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
  /** Slot i: the show id, version and ready-map key of a counted show; key null = free. */
  private readonly slotShowId = new Float64Array(MAX_READY_SHOWS);
  private readonly slotShowVersion = new Float64Array(MAX_READY_SHOWS);
  private readonly slotKey: (string | null)[] = new Array<string | null>(MAX_READY_SHOWS).fill(null);

  onReady(d: EdgeSocketData, msg: ReadyMessage): void {
    // Finding the show's slot compares numbers: a repeated ready allocates nothing.
    let slot = -1;
    let free = -1;
    for (let i = 0; i < MAX_READY_SHOWS; i++) {
      if (this.slotKey[i] === null) {
        if (free < 0) free = i;
      } else if (this.slotShowId[i] === msg.showId && this.slotShowVersion[i] === msg.showVersion) {
        slot = i;
        break;
      }
    }
    if (slot >= 0 && d.readySlot === slot) return;
    this.forgetReady(d);
    if (slot < 0) {
      // Over the bound, a ready for yet another show is not counted (the phone counts nowhere).
      // The slot the phone just left may have freed one.
      if (free < 0) free = this.slotKey.indexOf(null);
      if (free < 0) return;
      slot = free;
      this.slotShowId[slot] = msg.showId;
      this.slotShowVersion[slot] = msg.showVersion;
      this.slotKey[slot] = `${msg.showId}.${msg.showVersion}`;
    }
    d.readySlot = slot;
    const key = this.slotKey[slot]!;
    this.ready.set(key, (this.ready.get(key) ?? 0) + 1);
  }

  onQuality(d: EdgeSocketData, msg: QualityReportMessage): void {
    this.forgetQuality(d);
    const rtt = latencyBucket(msg.rttMs);
    const uncertainty = latencyBucket(msg.uncertaintyMs);
    const flags = (msg.synced ? QUALITY_SYNCED : 0) | (msg.degraded ? QUALITY_DEGRADED : 0);
    d.quality = packQuality(rtt, uncertainty, flags);
    this.rttHistogram[rtt]!++;
    this.uncertaintyHistogram[uncertainty]!++;
    if (msg.synced) this.synced++;
    if (msg.degraded) this.degraded++;
  }

  /** The phone closed: its contributions leave every count. */
  onClose(d: EdgeSocketData): void {
    this.forgetReady(d);
    this.forgetQuality(d);
  }

  private forgetReady(d: EdgeSocketData): void {
    const slot = d.readySlot;
    if (slot < 0) return;
    d.readySlot = -1;
    const key = this.slotKey[slot]!;
    const n = (this.ready.get(key) ?? 1) - 1;
    if (n > 0) this.ready.set(key, n);
    else {
      this.ready.delete(key);
      this.slotKey[slot] = null;
    }
  }

  private forgetQuality(d: EdgeSocketData): void {
    const q = d.quality;
    if (q < 0) return;
    d.quality = -1;
    this.rttHistogram[qualityRttBucket(q)]!--;
    this.uncertaintyHistogram[qualityUncertaintyBucket(q)]!--;
    const flags = qualityFlags(q);
    if (flags & QUALITY_SYNCED) this.synced--;
    if (flags & QUALITY_DEGRADED) this.degraded--;
  }
}
