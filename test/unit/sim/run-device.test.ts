import { expect, test } from 'bun:test';
import { AlgorithmMetrics, SimDevice, runDevice, simulationWindow, type AlgorithmFactory, type SyncAlgorithm } from '../../../src/sim/index.ts';
import { CueFrames } from '../../../src/sim/visual.ts';
import { lanWith } from './helpers.ts';
import { builtinProfiles } from '../../../src/sim/index.ts';

const lanClock = () => builtinProfiles.lan.members[0].profile.clock;

/** A method that keeps many requests in flight (one every `gapMs`) and records the local
 *  arrival time (t3) and number of every answer in the order they are delivered. */
function flood(gapMs: number, log: { t3: number; seq: number }[]): AlgorithmFactory {
  return {
    name: 'flood',
    description: 'a request every few ms, answers recorded',
    create(): SyncAlgorithm {
      let next = 0;
      return {
        start: (load) => void (next = load.localMs),
        nextTimerLocal: () => next,
        onTimer: (local) => ((next = local + gapMs), true),
        onResponse: (_t0, _t1, _t2, t3, seq) => void log.push({ t3, seq }),
        now: (local) => local,
      };
    },
  };
}

test('run-device - answers are handled one after the other: t3 never runs backwards', () => {
  // Answers reach the page 1 ms apart, and the delay before each handler runs varies by
  // tens of ms: a later answer's handler must still wait for the earlier one's.
  const profile = lanWith(
    { lossRate: 0, jitter: { kind: 'lognormal', medianMs: 0.1, sigma: 0.1, capMs: 10 } },
    { eventLoop: { pausesPerSecond: 0, pauseMedianMs: 0, pauseSigma: 0, pauseMaxMs: 0, handlerMedianMs: 5, handlerSigma: 1.5 } },
  );
  const window = simulationWindow(20);
  const log: { t3: number; seq: number }[] = [];
  const dev = new SimDevice(profile, 3, 0, window);
  const frames = new CueFrames();
  frames.reset(dev);
  runDevice(dev, flood(1, log), window.durationMs, false, new AlgorithmMetrics(), frames);
  expect(log.length).toBeGreaterThan(1000);
  let backwards = 0;
  for (let i = 1; i < log.length; i++) {
    expect(log[i].seq).toBe(log[i - 1].seq + 1);
    if (log[i].t3 < log[i - 1].t3) backwards++;
  }
  expect(backwards).toBe(0);
});

test('run-device - no answer is handled while the event loop is paused', () => {
  // Frequent pauses and handler delays of tens of ms: a delay that runs into a pause must
  // wait for its end, as the page's JavaScript cannot run before.
  // An exact page clock, so that t3 converts back to the true instant the handler ran.
  const profile = lanWith(
    { lossRate: 0 },
    {
      eventLoop: { pausesPerSecond: 3, pauseMedianMs: 80, pauseSigma: 0.5, pauseMaxMs: 500, handlerMedianMs: 20, handlerSigma: 1 },
      clock: { ...lanClock(), timerResolutionMs: [{ ms: 0, weight: 1 }] },
    },
  );
  const window = simulationWindow(20);
  const log: { t3: number; seq: number }[] = [];
  const dev = new SimDevice(profile, 4, 0, window);
  const frames = new CueFrames();
  frames.reset(dev);
  runDevice(dev, flood(7, log), window.durationMs, false, new AlgorithmMetrics(), frames);
  expect(log.length).toBeGreaterThan(1000);
  expect(dev.loop.pauseCount).toBeGreaterThan(20);
  let paused = 0;
  // (1 ns of slack: t3 is a local reading, converted back to true time)
  for (const { t3 } of log) if (dev.loop.isPaused(dev.clock.trueOf(t3) + 1e-6)) paused++;
  expect(paused).toBe(0);
});

test('run-device - every local time the page sees (load, t0, t3) is its coarse clock: a multiple of the step, at most one step early', () => {
  const base = builtinProfiles.lan.members[0].profile.clock;
  const profile = lanWith({}, { clock: { ...base, timerResolutionMs: [{ ms: 1, weight: 1 }] } });
  const window = simulationWindow(20);
  const seen: { t0: number; t3: number }[] = [];
  let loadLocal = NaN;
  const probe: AlgorithmFactory = {
    name: 'probe',
    description: 'records the local times it is given',
    create(_random, page): SyncAlgorithm {
      expect(page.timerResolutionMs).toBe(1);
      let next = 0;
      return {
        start: (load) => void (loadLocal = next = load.localMs),
        nextTimerLocal: () => next,
        onTimer: (local) => ((next = local + 50), true),
        onResponse: (t0, _t1, _t2, t3) => void seen.push({ t0, t3 }),
        now: (local) => local,
      };
    },
  };
  const dev = new SimDevice(profile, 5, 0, window);
  expect(dev.timerResolutionMs).toBe(1);
  const frames = new CueFrames();
  frames.reset(dev);
  runDevice(dev, probe, window.durationMs, false, new AlgorithmMetrics(), frames);
  expect(seen.length).toBeGreaterThan(100);
  expect(Number.isInteger(loadLocal)).toBe(true);
  const exact = dev.clock.localOf(dev.joinMs);
  expect(loadLocal).toBeLessThanOrEqual(exact);
  expect(exact - loadLocal).toBeLessThan(1);
  for (const { t0, t3 } of seen) {
    expect(Number.isInteger(t0)).toBe(true);
    expect(Number.isInteger(t3)).toBe(true);
  }
});
