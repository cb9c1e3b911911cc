import { expect, test } from 'bun:test';
import { allAlgorithms, algorithmByName, builtinProfile, simulate } from '../../../src/sim/index.ts';
import { lanWith } from './helpers.ts';

const lan = builtinProfile('lan');

for (const alg of allAlgorithms) {
  test(`baselines - ${alg.name} converges to a small error on the lan profile`, () => {
    const r = simulate({ profile: lan, devices: 6, seconds: 60, seed: 3, algorithms: [alg] });
    const m = r.metrics.get(alg.name)!;
    expect(m.clock.count).toBeGreaterThan(6 * 100);
    // LAN: sub-millisecond paths, so every method must land within a few ms.
    expect(m.clock.quantile(0.95)).toBeLessThan(5);
    expect(m.converge.infinite).toBe(0);
    expect(m.converge.quantile(1)).toBeLessThan(10_000);
    expect(m.visual.count).toBeGreaterThan(0);
    expect(m.exchanges).toBeGreaterThan(0);
  });
}

test('crowdlight adapter - real estimator syncs a device an hour off within a frame', () => {
  const r = simulate({
    profile: builtinProfile('4g'),
    devices: 8,
    seconds: 60,
    seed: 5,
    algorithms: [algorithmByName('crowdlight')],
    naiveRenderFor: ['crowdlight'],
  });
  const m = r.metrics.get('crowdlight')!;
  // 4G offsets reach 600 s; the error must still end up at the millisecond scale.
  expect(m.clock.quantile(0.5)).toBeLessThan(5);
  expect(m.visual.quantile(0.5)).toBeLessThan(12);
  // Rendering for the predicted presentation time beats rendering for the callback time.
  expect(m.naiveVisual.count).toBeGreaterThan(0);
  expect(m.visual.quantile(0.5)).toBeLessThan(m.naiveVisual.quantile(0.5));
});

test('crowdlight adapter - excess over the asymmetry floor is smaller than the raw error on 4g', () => {
  const r = simulate({ profile: builtinProfile('4g'), devices: 8, seconds: 60, seed: 6, algorithms: [algorithmByName('crowdlight')] });
  const m = r.metrics.get('crowdlight')!;
  expect(m.clockExcess.count).toBe(m.clock.count);
  expect(m.clockExcess.quantile(0.5)).toBeLessThan(m.clock.quantile(0.5) + 1);
  expect(r.asymmetryFloor.count).toBe(8);
});

test('algorithms - unknown name is rejected with a stable code', () => {
  expect(() => algorithmByName('nope')).toThrow(/unknown algorithm/);
  try {
    algorithmByName('nope');
  } catch (e) {
    expect((e as { code: string }).code).toBe('ALGORITHM_UNKNOWN');
  }
});

test('ircam-sync - package globals are restored after driving it', () => {
  const st = globalThis.setTimeout;
  const rnd = Math.random;
  simulate({ profile: lan, devices: 1, seconds: 20, seed: 1, algorithms: [algorithmByName('ircam-sync')] });
  expect(globalThis.setTimeout).toBe(st);
  expect(Math.random).toBe(rnd);
});

test('simulator - every request is answered once, in order, with consistent timestamps', () => {
  const seen: { seq: number; t0: number; t1: number; t2: number; t3: number }[] = [];
  let sent = 0;
  const probe = {
    name: 'probe',
    description: 'sends every 50 ms whatever happens',
    create: () => {
      let next = 0;
      return {
        start: (load: { localMs: number }) => void (next = load.localMs),
        nextTimerLocal: () => next,
        onTimer: (l: number) => {
          next = l + 50;
          sent++;
          return true;
        },
        onResponse: (t0: number, t1: number, t2: number, t3: number, seq: number) => void seen.push({ seq, t0, t1, t2, t3 }),
        now: (l: number) => l,
      };
    },
  };
  // Congested LTE: losses and queues make answers overtake request timeouts.
  simulate({ profile: builtinProfile('congested-4g'), devices: 1, seconds: 60, seed: 2, algorithms: [probe] });
  expect(seen.length).toBeGreaterThan(500);
  expect(sent - seen.length).toBeLessThan(200); // only the last few are still in flight at the end
  for (let i = 0; i < seen.length; i++) {
    const s = seen[i];
    expect(s.seq).toBe(i + 1);
    expect(s.t2).toBeGreaterThanOrEqual(s.t1);
    expect(s.t3).toBeGreaterThan(s.t0);
    if (i > 0) expect(s.t1).toBeGreaterThanOrEqual(seen[i - 1].t1);
  }
});

test('display - a deeper pipeline than the FrameClock assumes shows cues one period late', () => {
  const lanDisplay = builtinProfile('lan').members[0].profile.display;
  const sixty = { ...lanDisplay, refreshHz: [{ hz: 60, weight: 1 }], dropProbability: 0 };
  const depth = (frames: number) =>
    simulate({
      profile: lanWith({}, { display: { ...sixty, pipelineFrames: [{ frames, weight: 1 }] } }),
      devices: 6,
      seconds: 60,
      seed: 8,
      algorithms: [algorithmByName('crowdlight')],
    }).metrics.get('crowdlight')!.visual;
  const one = depth(1);
  const two = depth(2);
  // |error| is within half a period with the right depth, and about a period off with one more.
  expect(one.quantile(0.95)).toBeLessThan(9);
  expect(two.quantile(0.05)).toBeGreaterThan(7);
  expect(two.mean() - one.mean()).toBeGreaterThan(7);
});
