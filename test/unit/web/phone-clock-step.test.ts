import { describe, expect, test } from 'bun:test';
import { measureClockStep } from '../../../src/web/phone/clock-step.ts';

/** A clock floored to `stepMs` that advances `perCallMs` on every reading (a tight loop). */
function coarseClock(stepMs: number, perCallMs: number, startMs = 1234.5678): () => number {
  let t = startMs;
  return () => {
    t += perCallMs;
    return Math.floor(t / stepMs) * stepMs;
  };
}

describe('phone clock step', () => {
  test('clock step - a 1 ms clock (Safari) is found although hundreds of readings fit inside one step', () => {
    // 100 ns per call: 400 calls span 40 µs, well inside one 1 ms step.
    expect(measureClockStep(coarseClock(1, 0.0001))).toBe(1);
  });

  test('clock step - 100 µs and 5 µs clocks are found', () => {
    expect(measureClockStep(coarseClock(0.1, 0.0001))).toBeCloseTo(0.1, 9);
    expect(measureClockStep(coarseClock(0.005, 0.0001))).toBeCloseTo(0.005, 9);
  });

  test('clock step - one reading held up by the scheduler does not overstate the step', () => {
    let calls = 0;
    const base = coarseClock(1, 0.0001);
    // The first jump seen is 6 ms (the thread was descheduled), the later ones single steps.
    expect(measureClockStep(() => base() + (calls++ > 5 ? 6 : 0))).toBe(1);
  });

  test('clock step - a clock that does not move within the budget reads as exact, and the loop ends', () => {
    let calls = 0;
    expect(measureClockStep(() => (calls++, 42))).toBe(0);
    expect(calls).toBeGreaterThan(0);
  });
});
