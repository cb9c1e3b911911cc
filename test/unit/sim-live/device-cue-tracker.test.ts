/**
 * CueTracker and VisualCheck: per-cue outcomes (expected / seen / on time), first receipts
 * only, delivery figures once the orchestrator's issue time is known, and visual errors
 * from the evaluator's presentation model on a real clock estimator that knows the truth.
 */
import { describe, expect, test } from 'bun:test';
import { ClockEstimator } from '../../../src/core/clock/index.ts';
import { SimDevice } from '../../../src/sim/device.ts';
import { CueTracker, EVALUATE_AFTER_MS, type CueAudience, type CueFrame } from '../../../src/sim/live/device/cue-tracker.ts';
import { LOCAL_BASE_MS } from '../../../src/sim/live/device/host-clock.ts';
import { VisualCheck } from '../../../src/sim/live/device/visual-check.ts';
import { builtinProfile } from '../../../src/sim/profiles.ts';

const RUN_START = 1_800_000_000_000;

/** A cue frame for everyone. */
const frame = (cueId: number, startControllerMs: number): CueFrame => ({ cueId, startControllerMs, target: 'all', targetId: 0 });
const WINDOW = { durationMs: 120_000, joinSpreadMs: 1000 };

/** A real estimator fed exchanges with no network delay at all: it knows the device's
 *  clock almost exactly. */
function exactEstimator(dev: SimDevice): ClockEstimator {
  const est = new ClockEstimator({ seed: 1, timerResolutionMs: 0 });
  for (let i = 0; i < 40; i++) {
    const tRel = i * 250;
    const local = dev.clock.localOf(tRel) + LOCAL_BASE_MS;
    est.addSample(local, tRel + RUN_START, tRel + RUN_START, local);
  }
  return est;
}

function audience(n: number, welcomedBefore: number[]): CueAudience & { devs: SimDevice[]; ests: ClockEstimator[] } {
  const profile = builtinProfile('lan');
  const devs = Array.from({ length: n }, (_, i) => new SimDevice(profile, 3, i, WINDOW));
  const ests = devs.map(exactEstimator);
  return {
    devs,
    ests,
    deviceCount: n,
    runStartMs: RUN_START,
    expectedAt: (slot, t) => welcomedBefore[slot]! < t,
    device: (slot) => devs[slot]!,
    estimator: (slot) => ests[slot]!,
  };
}

describe('device cue tracker', () => {
  test('device cue tracker - counts expected, seen and on-time phones and the visual error of each receipt', () => {
    const T = RUN_START + 20_000;
    const a = audience(4, [RUN_START, RUN_START, RUN_START, T + 100]);
    const due: Array<[number, number]> = [];
    const tr = new CueTracker(a, (id, at, stage) => {
      if (stage === 'outcome') due.push([id, at]);
    });
    tr.arrived(0, frame(9, T), T - 300);
    tr.handled(0, frame(9, T), T - 290);
    tr.handled(1, frame(9, T), T + 400); // late
    tr.handled(3, frame(9, T), T + 500); // joined after the cue: not expected, still measured
    // phone 2 never gets it
    expect(due).toEqual([[9, T + EVALUATE_AFTER_MS]]);
    tr.evaluate(9);
    expect(tr.outcomes()).toEqual([{ cueId: 9, startControllerMs: T, expected: 3, seen: 2, onTime: 1 }]);
    expect(tr.visual.count).toBe(3);
    expect(tr.visual.infinite).toBe(0);
    // The late ones are shown by the first frame after their receipt.
    expect(tr.visualMaxMs).toBeGreaterThanOrEqual(500);
    // Evaluated once only.
    tr.evaluate(9);
    expect(tr.visual.count).toBe(3);
  });

  test('device cue tracker - only the first receipt of a cue counts (keyframes repeat it)', () => {
    const T = RUN_START + 20_000;
    const a = audience(1, [RUN_START]);
    const tr = new CueTracker(a, () => {});
    tr.handled(0, frame(1, T), T - 100);
    tr.handled(0, frame(1, T), T + 4000);
    tr.evaluate(1);
    expect(tr.outcomes()[0]).toMatchObject({ seen: 1, onTime: 1 });
    expect(tr.visualMaxMs).toBeLessThan(100);
  });

  test('device cue tracker - delivery latencies wait for the orchestrator issue time, before or after evaluation', () => {
    const T = RUN_START + 20_000;
    const issued = T - 1000;
    const a = audience(2, [RUN_START, RUN_START]);
    const tr = new CueTracker(a, () => {});
    tr.arrived(0, frame(4, T), issued + 10);
    tr.handled(0, frame(4, T), issued + 15);
    tr.arrived(1, frame(4, T), issued + 20);
    tr.handled(1, frame(4, T), issued + 30);
    tr.evaluate(4);
    expect(tr.delivery.count).toBe(0);
    tr.issued(4, issued, T);
    expect(tr.delivery.count).toBe(2);
    expect(tr.serverDelivery.count).toBe(2);
    expect(tr.delivery.max).toBeCloseTo(30, 1);
    expect(tr.serverDelivery.max).toBeCloseTo(20, 1);
    // A second message for the same cue changes nothing.
    tr.issued(4, issued, T);
    expect(tr.delivery.count).toBe(2);

    const tr2 = new CueTracker(a, () => {});
    tr2.issued(5, issued, T);
    tr2.handled(0, frame(5, T), issued + 40);
    tr2.evaluate(5);
    expect(tr2.delivery.count).toBe(1);
    expect(tr2.outcomes()[0]).toMatchObject({ expected: 2, seen: 1 });
  });

  test('device cue tracker - a targeted cue is expected only where the audience says the target sits', () => {
    const T = RUN_START + 20_000;
    const base = audience(3, [RUN_START, RUN_START, RUN_START]);
    const asked: string[] = [];
    const a: CueAudience = {
      ...base,
      expectedAt: (slot, t, target, targetId) => {
        asked.push(`${target}:${targetId}`);
        return t > RUN_START && slot === 1;
      },
    };
    const tr = new CueTracker(a, () => {});
    tr.handled(1, { cueId: 2, startControllerMs: T, target: 'zone', targetId: 3 }, T - 50);
    tr.evaluate(2);
    expect(new Set(asked)).toEqual(new Set(['zone:3']));
    expect(tr.outcomes()[0]).toMatchObject({ expected: 1, seen: 1, onTime: 1 });
  });

  test('device cue tracker - the visual error uses the estimate the page had when it drew the cue, not a later one', () => {
    const T = RUN_START + 20_000;
    const a = audience(2, [RUN_START, RUN_START]);
    // At the cue's instant both pages believe the controller 40 ms ahead of the truth (an
    // early, coarse estimate): they show the cue about 40 ms early.
    const biased = a.devs.map((dev) => {
      const est = new ClockEstimator({ seed: 1, timerResolutionMs: 0 });
      for (let i = 0; i < 40; i++) {
        const tRel = i * 250;
        const local = dev.clock.localOf(tRel) + LOCAL_BASE_MS;
        est.addSample(local, tRel + RUN_START + 40, tRel + RUN_START + 40, local);
      }
      return est;
    });
    const current = [...biased];
    const aud: CueAudience = { ...a, estimator: (slot) => current[slot]! };
    const due: Array<[number, number, string]> = [];
    const tr = new CueTracker(aud, (id, at, stage) => due.push([id, at, stage]));
    tr.handled(0, frame(6, T), T - 500);
    expect(due).toEqual([
      [6, T, 'shown'],
      [6, T + EVALUATE_AFTER_MS, 'outcome'],
    ]);
    tr.shown(6);
    // A late receipt is drawn with the estimate of its moment.
    tr.handled(1, frame(6, T), T + 200);
    // Afterwards the pages' estimates are corrected; the cue was already on screen.
    current[0] = a.ests[0]!;
    current[1] = a.ests[1]!;
    tr.evaluate(6);
    expect(tr.outcomes()[0]).toMatchObject({ expected: 2, seen: 2, onTime: 1 });
    expect(tr.visual.count).toBe(2);
    // Phone 0 showed it about 40 ms early (within a frame or two).
    expect(tr.visualMaxMs).toBeGreaterThanOrEqual(200);
    expect(tr.visual.quantile(0.5)).toBeGreaterThan(40 - 2 * a.devs[0]!.display.periodMs);
    expect(tr.visual.quantile(0.5)).toBeLessThan(40 + 2 * a.devs[0]!.display.periodMs);
  });

  test('device cue tracker - evaluateDue evaluates the cues whose instant has passed, not later ones', () => {
    const a = audience(1, [RUN_START]);
    const tr = new CueTracker(a, () => {});
    tr.handled(0, frame(1, RUN_START + 10_000), RUN_START + 9000);
    tr.handled(0, frame(2, RUN_START + 30_000), RUN_START + 9000);
    tr.evaluateDue(RUN_START + 20_000);
    expect(tr.outcomes().map((o) => o.cueId)).toEqual([1]);
  });
});

describe('device visual check', () => {
  test('device visual check - with an estimate that knows the clock, a cue received early is shown within a few frames of its instant', () => {
    const check = new VisualCheck();
    const profile = builtinProfile('lan');
    for (let i = 0; i < 20; i++) {
      const dev = new SimDevice(profile, 11, i, WINDOW);
      const est = exactEstimator(dev);
      const v = check.errorMs(dev, est, RUN_START, 30_000 + i * 37, 29_000);
      expect(Math.abs(v)).toBeLessThan(4 * dev.display.periodMs);
    }
  });

  test('device visual check - a cue received after its instant counts from the first frame after the receipt', () => {
    const check = new VisualCheck();
    const dev = new SimDevice(builtinProfile('lan'), 11, 0, WINDOW);
    const est = exactEstimator(dev);
    const v = check.errorMs(dev, est, RUN_START, 30_000, 30_250);
    expect(v).toBeGreaterThanOrEqual(250);
    expect(v).toBeLessThan(250 + 4 * dev.display.periodMs + 50);
  });
});
