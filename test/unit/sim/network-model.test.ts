import { expect, test } from 'bun:test';
import { DeviceClock, EventLoop, LogHistogram, NetworkPath, Prng, SimDevice, builtinProfile } from '../../../src/sim/index.ts';
import { lanWith } from './helpers.ts';

const quiet = { episodesPerMinute: 0, peakMs: [0, 0] as [number, number], riseS: [1, 1] as [number, number], holdS: [1, 1] as [number, number], drainS: [1, 1] as [number, number], uplinkShare: 0.5 };

test('network - base delays stay within the profile range and respect the asymmetry', () => {
  const p = builtinProfile('4g').members[0].profile;
  for (let i = 0; i < 200; i++) {
    const net = new NetworkPath(p, 0, 60_000, new Prng(7, i, 1));
    const rtt = net.baseUpMs + net.baseDownMs;
    expect(rtt).toBeGreaterThanOrEqual(p.network.baseRttMs[0] - 1e-9);
    expect(rtt).toBeLessThanOrEqual(p.network.baseRttMs[1] + 1e-9);
    const asym = net.baseUpMs - net.baseDownMs;
    expect(asym).toBeGreaterThanOrEqual(p.network.asymmetryMs[0] - 1e-9);
    expect(asym).toBeLessThanOrEqual(p.network.asymmetryMs[1] + 1e-9);
  }
});

test('network - one-way delay is never below base and its median is base plus jitter median', () => {
  const prof = lanWith({ lossRate: 0, congestion: quiet, jitter: { kind: 'lognormal', medianMs: 2, sigma: 0.8, capMs: 1000 } });
  const net = new NetworkPath(prof.members[0].profile, 0, 60_000, new Prng(1, 0, 1));
  const rng = new Prng(1, 0, 2);
  const xs: number[] = [];
  for (let i = 0; i < 20_000; i++) xs.push(net.uplinkMs(i, rng) - net.baseUpMs);
  xs.sort((a, b) => a - b);
  expect(xs[0]).toBeGreaterThanOrEqual(0);
  expect(xs[10_000]).toBeGreaterThan(1.85);
  expect(xs[10_000]).toBeLessThan(2.15);
  expect(xs[xs.length - 1]).toBeLessThanOrEqual(1000);
});

test('network - pareto jitter has a heavy tail', () => {
  const prof = lanWith({ lossRate: 0, congestion: quiet, jitter: { kind: 'pareto', scaleMs: 2, alpha: 1.3, capMs: 5000 } });
  const net = new NetworkPath(prof.members[0].profile, 0, 60_000, new Prng(1, 0, 1));
  const rng = new Prng(3, 0, 2);
  const xs: number[] = [];
  for (let i = 0; i < 20_000; i++) xs.push(net.downlinkMs(i, rng) - net.baseDownMs);
  xs.sort((a, b) => a - b);
  // P(X > x) = (2 / (x + 2))^1.3: the 99th percentile is about 66 ms over a ~1.4 ms median.
  expect(xs[10_000]).toBeLessThan(3);
  expect(xs[19_800]).toBeGreaterThan(40);
});

test('network - a lost segment waits one RTO and repeated losses double it', () => {
  const prof = lanWith({ lossRate: 0.5, congestion: quiet, jitter: { kind: 'lognormal', medianMs: 0, sigma: 0, capMs: 0 } });
  const net = new NetworkPath(prof.members[0].profile, 0, 60_000, new Prng(1, 0, 1));
  const R = net.rtoMs;
  expect(R).toBeGreaterThanOrEqual(200);
  const rng = new Prng(9, 0, 2);
  const counts = new Map<number, number>();
  const N = 20_000;
  for (let i = 0; i < N; i++) {
    const extra = net.uplinkMs(1000, rng) - net.baseUpMs;
    // Retransmission delays are R, R+2R, R+2R+4R, ...: extra / R + 1 is a power of two
    // (until the RTO reaches its 120 s cap, after 9 doublings here).
    const k = Math.log2(extra / R + 1);
    if (k > 9) continue;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
    counts.set(Math.round(k), (counts.get(Math.round(k)) ?? 0) + 1);
  }
  expect((counts.get(0) ?? 0) / N).toBeCloseTo(0.5, 1);
  expect((counts.get(1) ?? 0) / N).toBeCloseTo(0.25, 1);
  expect((counts.get(2) ?? 0) / N).toBeCloseTo(0.125, 1);
});

test('network - congestion episodes raise the delay and then drain', () => {
  const prof = lanWith({
    lossRate: 0,
    jitter: { kind: 'lognormal', medianMs: 0, sigma: 0, capMs: 0 },
    congestion: { episodesPerMinute: 2, peakMs: [400, 400], riseS: [2, 2], holdS: [3, 3], drainS: [2, 2], uplinkShare: 0.25 },
  });
  const net = new NetworkPath(prof.members[0].profile, 0, 600_000, new Prng(5, 0, 1));
  expect(net.episodeCount).toBeGreaterThan(5);
  const rng = new Prng(5, 0, 2);
  let checked = 0;
  for (let i = 0; i < net.episodeCount; i++) {
    const e = net.episode(i);
    const peakAt = e.startMs + 3000;
    const before = e.startMs - 1;
    // Only isolated episodes: nothing else active at the points we look at.
    if (net.queueMs(before) !== 0 || net.queueMs(e.endMs + 1) !== 0 || net.queueMs(peakAt) !== 400) continue;
    expect(net.uplinkMs(peakAt, rng) - net.baseUpMs).toBeCloseTo(100, 6);
    expect(net.downlinkMs(peakAt, rng) - net.baseDownMs).toBeCloseTo(300, 6);
    expect(net.queueMs(e.startMs + 1000)).toBeCloseTo(200, 6); // half-way up the rise
    expect(net.queueMs(e.endMs - 1000)).toBeCloseTo(200, 6); // half-way down the drain
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
});

test('device clock - local and true time invert each other under drift and random walk', () => {
  const clock = new DeviceClock({ startMs: -60_000, endMs: 900_000, offsetMs: -3_600_000, driftPpm: 100, walkPpm: 0.5 }, new Prng(2, 0, 6));
  for (let t = -50_000; t < 890_000; t += 7_777.7) {
    expect(clock.trueOf(clock.localOf(t))).toBeCloseTo(t, 6);
  }
  // 100 ppm over 100 s is about 10 ms of divergence.
  const d = clock.localOf(100_000) - clock.localOf(0) - 100_000;
  expect(d).toBeGreaterThan(5);
  expect(d).toBeLessThan(15);
});

test('event loop - paused instants run at the end of the pause', () => {
  const p = builtinProfile('hostile').members[0].profile;
  const loop = new EventLoop(p, 0, 600_000, new Prng(4, 0, 3));
  expect(loop.pauseCount).toBeGreaterThan(300);
  let paused = 0;
  for (let t = 0; t < 600_000; t += 13.1) {
    const r = loop.runnableAt(t);
    expect(r).toBeGreaterThanOrEqual(t);
    if (loop.isPaused(t)) {
      paused++;
      expect(r).toBeGreaterThan(t);
      expect(loop.isPaused(r)).toBe(false);
    } else expect(r).toBe(t);
  }
  expect(paused).toBeGreaterThan(0);
});

test('device - realisation depends only on seed and index', () => {
  const prof = builtinProfile('stadium');
  const w = { durationMs: 60_000, joinSpreadMs: 15_000 };
  const a = new SimDevice(prof, 11, 42, w);
  const b = new SimDevice(prof, 11, 42, w);
  const c = new SimDevice(prof, 12, 42, w);
  expect(a.profile.name).toBe(b.profile.name);
  expect(a.joinMs).toBe(b.joinMs);
  expect(a.clock.localOf(30_000)).toBe(b.clock.localOf(30_000));
  expect(a.net.uplinkMs(1000, a.packetStream())).toBe(b.net.uplinkMs(1000, b.packetStream()));
  expect(a.clock.localOf(30_000)).not.toBe(c.clock.localOf(30_000));
});

test('histogram - percentiles are within 1 % and infinity sorts last', () => {
  const h = new LogHistogram();
  for (let i = 1; i <= 10_000; i++) h.add(i / 100);
  expect(h.quantile(0.5)).toBeGreaterThan(50 * 0.99);
  expect(h.quantile(0.5)).toBeLessThan(50 * 1.01);
  expect(h.quantile(0.99)).toBeCloseTo(99, -0.5);
  expect(h.max).toBe(100);
  h.add(Infinity);
  expect(h.quantile(1)).toBe(Infinity);
  expect(h.infinite).toBe(1);
});
