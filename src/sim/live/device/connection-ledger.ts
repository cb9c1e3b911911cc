/**
 * What happened to each simulated phone's connection, in typed arrays indexed by the
 * phone's slot: first welcome, connected now (and since when), lost (and when), first
 * socket and first sync; and what that adds up to for the worker: reconnection and sync
 * times, failed attempts by reason, closes by code, connected phone-seconds.
 */
import { LogHistogram } from '../../histogram.ts';

export class ConnectionLedger {
  /** Controller ms of the first welcome, NaN before it. */
  readonly welcomedFirstAt: Float64Array;
  /** 1 while welcomed. */
  readonly connected: Uint8Array;
  /** 1 once a welcomed connection was lost. */
  readonly everLost: Uint8Array;
  private readonly connectedSince: Float64Array;
  private readonly lostAt: Float64Array;
  private readonly joinAt: Float64Array;
  private readonly syncRecorded: Uint8Array;
  /** Connection lost (or, for a phone kept away, network back) -> welcomed again, ms. */
  readonly reconnect = new LogHistogram();
  /** The page's first socket -> its estimator first says synced, ms. */
  readonly syncTime = new LogHistogram();
  readonly errors: Record<string, number> = {};
  readonly closesByCode: Record<string, number> = {};
  errorCount = 0;
  private connectedMs = 0;

  constructor(n: number) {
    this.welcomedFirstAt = new Float64Array(n).fill(NaN);
    this.connected = new Uint8Array(n);
    this.everLost = new Uint8Array(n);
    this.connectedSince = new Float64Array(n);
    this.lostAt = new Float64Array(n).fill(NaN);
    this.joinAt = new Float64Array(n).fill(NaN);
    this.syncRecorded = new Uint8Array(n);
  }

  welcomedEver(slot: number): boolean {
    return !Number.isNaN(this.welcomedFirstAt[slot]!);
  }

  /** The page opened a socket at `now` (its first one is its join). */
  socketOpened(slot: number, now: number): void {
    if (Number.isNaN(this.joinAt[slot]!)) this.joinAt[slot] = now;
  }

  /** The phone was welcomed at `now`; `backAt` is when its network came back (a phone
   *  kept away on purpose counts its reconnection from then). Returns true for its first
   *  welcome. */
  welcomed(slot: number, now: number, backAt: number): boolean {
    this.connected[slot] = 1;
    this.connectedSince[slot] = now;
    const lostAt = this.lostAt[slot]!;
    if (!Number.isNaN(lostAt)) {
      this.reconnect.add(now - Math.max(lostAt, backAt));
      this.lostAt[slot] = NaN;
    }
    if (!Number.isNaN(this.welcomedFirstAt[slot]!)) return false;
    this.welcomedFirstAt[slot] = now;
    return true;
  }

  /** The phone's welcomed connection is gone at `now`. */
  down(slot: number, now: number): void {
    if (this.connected[slot] === 0) return;
    this.connected[slot] = 0;
    this.connectedMs += now - this.connectedSince[slot]!;
    this.lostAt[slot] = now;
    this.everLost[slot] = 1;
  }

  /** The phone's estimator says synced at `now` (only the first time counts). */
  synced(slot: number, now: number): void {
    if (this.syncRecorded[slot] === 1 || Number.isNaN(this.joinAt[slot]!)) return;
    this.syncRecorded[slot] = 1;
    this.syncTime.add(now - this.joinAt[slot]!);
  }

  /** A socket closed (not by its page): a failed attempt when it never opened or never got
   *  its welcome, and a close by code when it had opened. */
  socketClosed(slot: number, code: number, opened: boolean, error: string): void {
    if (!opened) {
      const refused = /Expected 101 status code: (\d+)/.exec(error);
      this.countError(refused ? `refused-${refused[1]}` : 'error');
      return;
    }
    this.closesByCode[code] = (this.closesByCode[code] ?? 0) + 1;
    // Opened but closed before its welcome: the edge turned it away.
    if (this.connected[slot] === 0) this.countError(`close-${code}`);
  }

  /** The page gave up on a socket (no open, no welcome in time, or broken frames): a failed
   *  attempt when it had not been welcomed. */
  socketAbandoned(slot: number, opened: boolean): void {
    if (this.connected[slot] === 0) this.countError(opened ? 'no-welcome' : 'no-open');
  }

  /** Connected phone-seconds up to `now` (phones still connected count until then). */
  connectedSeconds(now: number): number {
    let ms = this.connectedMs;
    for (let i = 0; i < this.connected.length; i++) if (this.connected[i] === 1) ms += now - this.connectedSince[i]!;
    return ms / 1000;
  }

  private countError(reason: string): void {
    this.errors[reason] = (this.errors[reason] ?? 0) + 1;
    this.errorCount++;
  }
}
