import { describe, expect, test } from 'bun:test';
import { createSeededRandom } from '../../../src/core/clock/index.ts';
import { OutputClock } from '../../../src/core/clock/output-clock.ts';

const policy = { stepThresholdMs: 50, minSlewMs: 500, maxSlewRate: 0.05, catchUpRate: 0.4 };

function synced(offset = 1000): OutputClock {
  const o = new OutputClock(policy);
  o.setHard(offset, 0, 0);
  return o;
}

describe('output clock', () => {
  test('slew - a 4 ms correction is spread over at least 500 ms, with no jump', () => {
    const o = synced();
    const at = 10_000;
    const before = o.read(at);
    const r = o.adopt(1004, 0, at, at);
    expect(r.kind).toBe('slew');
    expect(r.errorMs).toBeCloseTo(-4, 9);
    expect(o.read(at)).toBeCloseTo(before, 9); // continuous at the switch
    let prev = o.read(at);
    let doneAt = Infinity;
    for (let l = at + 1; l <= at + 1000; l++) {
      const v = o.read(l);
      const gained = v - prev - 1; // beyond real time
      expect(gained).toBeLessThanOrEqual(4 / 500 + 1e-9);
      expect(gained).toBeGreaterThanOrEqual(-1e-9);
      if (doneAt === Infinity && Math.abs(v - (l + 1004)) < 1e-9) doneAt = l;
      prev = v;
    }
    expect(doneAt - at).toBeGreaterThanOrEqual(500);
    expect(doneAt - at).toBeLessThanOrEqual(501);
  });

  test('slew - a 30 ms correction is limited by the slew rate (600 ms)', () => {
    const o = synced();
    o.adopt(970, 0, 0, 0);
    expect(o.read(300)).toBeCloseTo(300 + 1000 - 15, 6);
    expect(o.read(600)).toBeCloseTo(600 + 970, 6);
  });

  test('step - a large forward correction jumps at once', () => {
    const o = synced();
    o.read(5000);
    const r = o.adopt(1200, 0, 5000, 5000);
    expect(r.kind).toBe('step');
    expect(o.read(5000)).toBeCloseTo(6200, 9);
  });

  test('catch-up - a large backward correction slows the clock to 60 % speed, never reversing it', () => {
    const o = synced();
    const v0 = o.read(5000);
    const r = o.adopt(800, 0, 5000, 5000);
    expect(r.kind).toBe('catch-up');
    expect(o.read(5000)).toBeCloseTo(v0, 9);
    expect(o.read(5200)).toBeCloseTo(v0 + 120, 9);
    expect(o.read(5500)).toBeCloseTo(5500 + 800, 9); // 200 ms absorbed in 500 ms
    expect(o.read(6000)).toBeCloseTo(6000 + 800, 9);
  });

  test('monotonic - output never decreases over a long run with random corrections both ways', () => {
    const rnd = createSeededRandom(42);
    const o = synced(0);
    let l = 0;
    let last = o.read(0);
    let offset = 0;
    for (let i = 0; i < 20_000; i++) {
      l += rnd() * 40;
      if (rnd() < 0.1) {
        const big = rnd() < 0.1;
        offset += (rnd() - 0.5) * (big ? 400 : 20);
        const rate = (rnd() - 0.5) * 1e-3;
        // the model is referenced to an older sample midpoint and adopted on arrival
        o.adopt(offset, rate, l - rnd() * 100, l);
      }
      const v = o.read(l);
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
  });

  test('monotonic - frames read 1.5 periods ahead stay in order across any correction', () => {
    const rnd = createSeededRandom(7);
    for (const period of [1000 / 60, 1000 / 90, 1000 / 120]) {
      const o = synced(0);
      let last = -Infinity;
      let offset = 0;
      for (let k = 1; k < 5000; k++) {
        const raf = k * period;
        if (rnd() < 0.05) {
          offset += (rnd() - 0.5) * 300; // steps, slews and catch-ups
          o.adopt(offset, 0, raf + rnd() * period, raf + rnd() * period);
        }
        const v = o.read(raf + 1.5 * period); // the frame's target instant
        expect(v).toBeGreaterThanOrEqual(last);
        last = v;
      }
    }
  });

  test('pure - answers do not depend on the order of the questions', () => {
    const a = synced();
    const b = synced();
    a.adopt(1010, 1e-5, 0, 100);
    b.adopt(1010, 1e-5, 0, 100);
    const times = [5000, -20, 300, 120, 99_999, 101];
    const fromA = times.map((t) => a.read(t));
    const fromB = times.slice().reverse().map((t) => b.read(t)).reverse();
    expect(fromA).toEqual(fromB);
  });

  test('invert - maps controller time back to local time across all slew segments', () => {
    const o = synced();
    o.adopt(1020, 2e-5, 100, 100);
    for (let l = -500; l < 1500; l += 13) {
      expect(o.invert(o.read(l))).toBeCloseTo(l, 6);
    }
  });
});
