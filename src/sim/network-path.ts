/**
 * One device's network path to the edge, as a random process in time:
 *   one-way delay = base + heavy-tailed jitter + congestion queue(t) + TCP retransmission delay.
 * The congestion episodes are drawn once per device (a function of time); per-packet draws
 * (jitter, loss) come from a packet stream the caller passes, so every algorithm simulated on
 * the device sees the same network process sampled at its own send instants.
 */
import type { Prng } from './prng.ts';
import type { DeviceProfile } from './profile-schema.ts';

/** Retransmission timeouts stop doubling here (Linux caps RTO at 120 s). */
const RTO_MAX_MS = 120_000;
const MAX_RETRIES = 15;

type Jitter = DeviceProfile['network']['jitter'];

export class NetworkPath {
  readonly baseUpMs: number;
  readonly baseDownMs: number;
  /** First retransmission timeout: about the smoothed RTT plus the minimum RTO. */
  readonly rtoMs: number;
  private readonly jitter: Jitter;
  private readonly loss: number;
  private readonly upShare: number;
  private readonly serverMedian: number;
  private readonly serverSigma: number;
  /** Episodes: start, end of rise, end of hold, end of drain (true ms), and peak (ms). */
  private readonly epStart: Float64Array;
  private readonly epRise: Float64Array;
  private readonly epHold: Float64Array;
  private readonly epEnd: Float64Array;
  private readonly epPeak: Float64Array;
  private readonly maxEpisodeMs: number;

  constructor(profile: DeviceProfile, startMs: number, endMs: number, rng: Prng) {
    const n = profile.network;
    const rtt = rng.uniform(n.baseRttMs[0], n.baseRttMs[1]);
    const asym = Math.max(-rtt, Math.min(rtt, rng.uniform(n.asymmetryMs[0], n.asymmetryMs[1])));
    this.baseUpMs = (rtt + asym) / 2;
    this.baseDownMs = (rtt - asym) / 2;
    this.rtoMs = n.rtoMinMs + rtt;
    this.jitter = n.jitter;
    this.loss = n.lossRate;
    this.upShare = n.congestion.uplinkShare;
    this.serverMedian = n.serverMedianMs;
    this.serverSigma = n.serverSigma;

    const c = n.congestion;
    const starts: number[] = [];
    const rises: number[] = [];
    const holds: number[] = [];
    const ends: number[] = [];
    const peaks: number[] = [];
    let maxLen = 0;
    if (c.episodesPerMinute > 0) {
      const meanGap = 60_000 / c.episodesPerMinute;
      // Start a little before the window so an episode may already be under way.
      let t = startMs - 30_000 + rng.exponential(meanGap);
      while (t < endMs) {
        const rise = rng.uniform(c.riseS[0], c.riseS[1]) * 1000;
        const hold = rng.uniform(c.holdS[0], c.holdS[1]) * 1000;
        const drain = rng.uniform(c.drainS[0], c.drainS[1]) * 1000;
        starts.push(t);
        rises.push(t + rise);
        holds.push(t + rise + hold);
        ends.push(t + rise + hold + drain);
        peaks.push(rng.uniform(c.peakMs[0], c.peakMs[1]));
        maxLen = Math.max(maxLen, rise + hold + drain);
        t += rng.exponential(meanGap);
      }
    }
    this.epStart = Float64Array.from(starts);
    this.epRise = Float64Array.from(rises);
    this.epHold = Float64Array.from(holds);
    this.epEnd = Float64Array.from(ends);
    this.epPeak = Float64Array.from(peaks);
    this.maxEpisodeMs = maxLen;
  }

  /** Number of congestion episodes in the device's window. */
  get episodeCount(): number {
    return this.epStart.length;
  }

  /** Start and end (true ms) of episode i. */
  episode(i: number): { startMs: number; endMs: number; peakMs: number } {
    return { startMs: this.epStart[i], endMs: this.epEnd[i], peakMs: this.epPeak[i] };
  }

  /** Total queueing delay of the bottleneck at true time t, ms (both directions together). */
  queueMs(t: number): number {
    const s = this.epStart;
    // Binary search for the last episode starting at or before t.
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    let q = 0;
    for (let i = lo - 1; i >= 0 && s[i] > t - this.maxEpisodeMs; i--) {
      const end = this.epEnd[i];
      if (t >= end) continue;
      const peak = this.epPeak[i];
      if (t < this.epRise[i]) q += (peak * (t - s[i])) / (this.epRise[i] - s[i]);
      else if (t < this.epHold[i]) q += peak;
      else q += (peak * (end - t)) / (end - this.epHold[i]);
    }
    return q;
  }

  /** Extra per-packet delay from the jitter distribution, ms. */
  private jitterMs(rng: Prng): number {
    const j = this.jitter;
    const x = j.kind === 'lognormal' ? rng.logNormal(j.medianMs, j.sigma) : rng.pareto(j.scaleMs, j.alpha) - j.scaleMs;
    return x < j.capMs ? x : j.capMs;
  }

  /** Delay added by TCP retransmissions: each lost attempt waits one RTO, which doubles. */
  private retransmitMs(rng: Prng): number {
    let extra = 0;
    let rto = this.rtoMs;
    for (let i = 0; i < MAX_RETRIES && rng.next() < this.loss; i++) {
      extra += rto;
      rto = Math.min(rto * 2, RTO_MAX_MS);
    }
    return extra;
  }

  /** One-way delay of a message the device sends at true time t. */
  uplinkMs(t: number, rng: Prng): number {
    return this.baseUpMs + this.jitterMs(rng) + this.upShare * this.queueMs(t) + this.retransmitMs(rng);
  }

  /** One-way delay of a message the edge sends at true time t. */
  downlinkMs(t: number, rng: Prng): number {
    return (
      this.baseDownMs + this.jitterMs(rng) + (1 - this.upShare) * this.queueMs(t) + this.retransmitMs(rng)
    );
  }

  /** Time the edge spends between receiving a request (t1) and answering it (t2), ms. */
  serverMs(rng: Prng): number {
    return rng.logNormal(this.serverMedian, this.serverSigma);
  }
}
