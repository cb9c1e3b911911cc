import { expect, test } from 'bun:test';
import { SimDevice, simulate, simulationWindow, type AlgorithmFactory, type SyncAlgorithm } from '../../../src/sim/index.ts';
import { CUE_DECISION_LEAD_MS, CUE_PERIOD_MS, CUE_PHASE_MS, STEADY_AFTER_MS } from '../../../src/sim/metrics.ts';
import { lanWith } from './helpers.ts';

/** Exact after its first exchange (lan paths are sub-millisecond), asks every second. */
const exact: AlgorithmFactory = {
  name: 'exact',
  description: 'offset of the first exchange',
  create(): SyncAlgorithm {
    let offset = 0;
    let next = 0;
    let first = true;
    return {
      start: (load) => void (next = load.localMs),
      nextTimerLocal: () => next,
      onTimer: (local) => ((next = local + 1000), true),
      onResponse: (t0, t1, t2, t3) => {
        if (first) offset = (t1 - t0 + (t2 - t3)) / 2;
        first = false;
      },
      now: (local) => local + offset,
    };
  },
};

test('visual - every cue is measured, also when an event-loop pause hides the frames around it', () => {
  // Frequent pauses of a few hundred ms: many cues fall just before or inside one, so the
  // first frame that can show them is the first one after the pause.
  const profile = lanWith(
    { lossRate: 0 },
    { eventLoop: { pausesPerSecond: 2, pauseMedianMs: 250, pauseSigma: 0.5, pauseMaxMs: 1500, handlerMedianMs: 0.1, handlerSigma: 0.5 } },
  );
  const devices = 40;
  const seconds = 120;
  const r = simulate({ profile, devices, seconds, seed: 5, algorithms: [exact] });
  const window = simulationWindow(seconds);
  let cues = 0;
  for (let i = 0; i < devices; i++) {
    const steady = new SimDevice(profile, 5, i, window).joinMs + STEADY_AFTER_MS;
    for (let k = Math.max(0, Math.ceil((steady - CUE_PHASE_MS) / CUE_PERIOD_MS)); ; k++) {
      if (CUE_PHASE_MS + k * CUE_PERIOD_MS - CUE_DECISION_LEAD_MS >= window.durationMs) break;
      cues++;
    }
  }
  const m = r.metrics.get('exact')!;
  expect(cues).toBeGreaterThan(500);
  expect(m.visual.count).toBe(cues);
  // A cue hidden by a pause shows late, by up to the pause: the tail must show it.
  expect(m.visual.max).toBeGreaterThan(100);
});
