import { describe, expect, test } from 'bun:test';
import { exactMath as m } from '../../../src/core/show/runtime.ts';

const RAD = Math.PI / 180;

/** Largest |f(x) - g(x)| over n + 1 evenly spaced points of [from, to]. */
function maxAbsDiff(f: (x: number) => number, g: (x: number) => number, from: number, to: number, n: number): number {
  let worst = 0;
  for (let i = 0; i <= n; i++) {
    const x = from + ((to - from) * i) / n;
    const d = Math.abs(f(x) - g(x));
    if (!(d <= worst)) worst = d; // NaN propagates into the result
  }
  return worst;
}

describe('exact math - exact values', () => {
  test('exact math - sinDeg and cosDeg are exactly 0, 1 or -1 at every multiple of 90 degrees', () => {
    const unit = [0, 1, 0, -1]; // sin at 0, 90, 180, 270
    for (let k = -12; k <= 12; k++) {
      const i = ((k % 4) + 4) % 4;
      expect(m.sinDeg(90 * k)).toBe(unit[i]!);
      expect(m.cosDeg(90 * k)).toBe(unit[(i + 1) % 4]!);
    }
    // toBe is Object.is: the zeros above are +0, never -0.
    expect(m.cosDeg(90)).toBe(0);
    expect(m.sinDeg(-180)).toBe(0);
  });

  test('exact math - sinTurns and cosTurns are exact at every quarter turn', () => {
    const unit = [0, 1, 0, -1];
    for (let k = -12; k <= 12; k++) {
      const i = ((k % 4) + 4) % 4;
      expect(m.sinTurns(k / 4)).toBe(unit[i]!);
      expect(m.cosTurns(k / 4)).toBe(unit[(i + 1) % 4]!);
    }
  });

  test('exact math - 30, 45 and 60 degrees give the correctly rounded doubles', () => {
    expect(m.sinDeg(30)).toBe(0.5);
    expect(m.cosDeg(60)).toBe(0.5);
    expect(m.sinDeg(150)).toBe(0.5);
    expect(m.cosDeg(120)).toBe(-0.5);
    expect(m.cosTurns(1 / 6)).toBe(0.5);
    for (const a of [45, 135, 225, 315, -45]) {
      expect(Math.abs(m.sinDeg(a))).toBe(Math.SQRT1_2);
      expect(Math.abs(m.cosDeg(a))).toBe(Math.SQRT1_2);
    }
    expect(m.sinDeg(45)).toBe(m.cosDeg(45));
    expect(m.cosDeg(30)).toBe(Math.sqrt(3) / 2);
  });

  test('exact math - atan2Deg is exact on the axes and diagonals', () => {
    expect(m.atan2Deg(0, 1)).toBe(0);
    expect(m.atan2Deg(1, 0)).toBe(90);
    expect(m.atan2Deg(0, -1)).toBe(180);
    expect(m.atan2Deg(-1, 0)).toBe(-90);
    expect(m.atan2Deg(3, 3)).toBe(45);
    expect(m.atan2Deg(2.5, -2.5)).toBe(135);
    expect(m.atan2Deg(-7, -7)).toBe(-135);
    expect(m.atan2Deg(-0.1, 0.1)).toBe(-45);
  });

  test('exact math - exp is exact at 0 and handles the ends of its range', () => {
    expect(m.exp(0)).toBe(1);
    expect(m.exp(-0)).toBe(1);
    expect(m.exp(Infinity)).toBe(Infinity);
    expect(m.exp(710)).toBe(Infinity);
    expect(m.exp(-Infinity)).toBe(0);
    expect(m.exp(-800)).toBe(0);
    expect(m.exp(NaN)).toBeNaN();
    expect(m.exp(709.78)).toBeLessThan(Infinity); // close to the largest double, but finite
    expect(m.exp(709.78)).toBeGreaterThan(1.79e308);
    expect(m.exp(-745)).toBeGreaterThan(0); // the smallest subnormal, as Math.exp gives
  });

  test('exact math - non-finite angles give NaN', () => {
    for (const f of [m.sinDeg, m.cosDeg, m.sinTurns, m.cosTurns]) {
      expect(f(NaN)).toBeNaN();
      expect(f(Infinity)).toBeNaN();
      expect(f(-Infinity)).toBeNaN();
    }
  });

  test('exact math - atan2Deg follows Math.atan2 for signed zeros, infinities and NaN', () => {
    const cases: [y: number, x: number, deg: number][] = [
      [0, 0, 0], [-0, 0, -0], [0, -0, 180], [-0, -0, -180], [0, -1, 180], [-0, -1, -180], [-0, 1, -0],
      [Infinity, Infinity, 45], [Infinity, -Infinity, 135], [-Infinity, Infinity, -45], [-Infinity, -Infinity, -135],
      [Infinity, 5, 90], [-3, Infinity, -0], [2, -Infinity, 180], [-2, -Infinity, -180],
    ];
    for (const [y, x, deg] of cases) {
      expect(m.atan2Deg(y, x)).toBe(deg);
      // The same answer as the engine's, in radians, signed zeros included.
      expect(Math.abs(Math.atan2(y, x) - deg * RAD)).toBeLessThan(1e-15);
      expect(Object.is(Math.sign(Math.atan2(y, x)), Math.sign(deg))).toBe(true);
    }
    expect(m.atan2Deg(NaN, 1)).toBeNaN();
    expect(m.atan2Deg(1, NaN)).toBeNaN();
  });
});

describe('exact math - symmetry', () => {
  test('exact math - sine is odd, cosine even, and whole turns change no bit', () => {
    for (let i = 1; i < 4000; i++) {
      const a = i * 0.0917;
      expect(m.sinDeg(-a)).toBe(-m.sinDeg(a));
      expect(m.cosDeg(-a)).toBe(m.cosDeg(a));
      expect(m.sinTurns(-a)).toBe(-m.sinTurns(a));
      expect(m.cosTurns(-a)).toBe(m.cosTurns(a));
    }
    // The reduction is exact, so an angle and the same angle a whole turn on are the same input.
    for (let i = 0; i < 720; i++) {
      const a = i * 0.5 - 180;
      expect(m.sinDeg(a + 360)).toBe(m.sinDeg(a));
      expect(m.cosDeg(a - 720)).toBe(m.cosDeg(a));
      const t = (i - 360) / 256; // a dyadic fraction, so t + 3 is exact too
      expect(m.cosTurns(t + 3)).toBe(m.cosTurns(t));
      expect(m.sinTurns(t - 2)).toBe(m.sinTurns(t));
    }
  });
});

describe('exact math - accuracy against the engine', () => {
  test('exact math - sinDeg and cosDeg agree with Math.sin and Math.cos within 1e-12', () => {
    const n = 400_000;
    expect(maxAbsDiff(m.sinDeg, (d) => Math.sin(d * RAD), -1080, 1080, n)).toBeLessThan(1e-12);
    expect(maxAbsDiff(m.cosDeg, (d) => Math.cos(d * RAD), -1080, 1080, n)).toBeLessThan(1e-12);
    // Off-grid angles near the reduction boundaries (odd multiples of 45 degrees).
    expect(maxAbsDiff(m.sinDeg, (d) => Math.sin(d * RAD), 44.999, 45.001, 10_000)).toBeLessThan(1e-15);
    expect(maxAbsDiff(m.cosDeg, (d) => Math.cos(d * RAD), 134.999, 135.001, 10_000)).toBeLessThan(1e-15);
  });

  test('exact math - sinTurns and cosTurns agree with Math.sin(2 pi t) and Math.cos(2 pi t) within 1e-12', () => {
    expect(maxAbsDiff(m.sinTurns, (t) => Math.sin(2 * Math.PI * t), -3, 3, 400_000)).toBeLessThan(1e-12);
    expect(maxAbsDiff(m.cosTurns, (t) => Math.cos(2 * Math.PI * t), -3, 3, 400_000)).toBeLessThan(1e-12);
  });

  test('exact math - exp agrees with Math.exp within 1e-12 where pulses use it, and relatively everywhere', () => {
    expect(maxAbsDiff(m.exp, Math.exp, -6, 0, 600_000)).toBeLessThan(1e-12);
    const rel = (x: number) => (m.exp(x) - Math.exp(x)) / Math.exp(x);
    expect(maxAbsDiff(rel, () => 0, -708, 709, 200_000)).toBeLessThan(1e-15);
  });

  test('exact math - atan2Deg agrees with Math.atan2 within 1e-12 degrees all round the circle', () => {
    let worst = 0;
    for (let i = 0; i <= 100_000; i++) {
      const a = -180 + i * 0.0036;
      for (const r of [1e-3, 1, 77.7, 1e6]) {
        const x = r * Math.cos(a * RAD);
        const y = r * Math.sin(a * RAD);
        worst = Math.max(worst, Math.abs(m.atan2Deg(y, x) - Math.atan2(y, x) / RAD));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  test('exact math - atan2Deg inverts sinDeg and cosDeg', () => {
    for (let i = 0; i < 3600; i++) {
      const a = -179.95 + i * 0.1;
      expect(Math.abs(m.atan2Deg(m.sinDeg(a), m.cosDeg(a)) - a)).toBeLessThan(1e-12);
    }
  });

  test('exact math - hypot agrees with Math.hypot to the last bit or two', () => {
    for (let i = 0; i < 10_000; i++) {
      const x = (i % 101) * 1.37 - 60;
      const y = Math.floor(i / 101) * 2.9 - 140;
      const h = Math.hypot(x, y);
      expect(Math.abs(m.hypot(x, y) - h)).toBeLessThanOrEqual(2 * Number.EPSILON * h);
    }
  });
});

describe('exact math - pinned bits', () => {
  // These values were produced by this implementation and are the same on every engine; a
  // change here changes pixels of existing shows, so it must be deliberate.
  test('exact math - a few results keep their exact bits', () => {
    const cases: [string, number, number][] = [
      ['sinDeg(1)', m.sinDeg(1), 0.01745240643728351],
      ['cosDeg(33.3)', m.cosDeg(33.3), 0.8358073613682703],
      ['sinDeg(-123.456)', m.sinDeg(-123.456), -0.8343094333148066],
      ['cosTurns(0.3)', m.cosTurns(0.3), -0.30901699437494734],
      ['sinTurns(0.123)', m.sinTurns(0.123), 0.6981654189934726],
      ['exp(-2.22)', m.exp(-2.22), 0.10860910882495796],
      ['exp(1)', m.exp(1), 2.7182818284590455],
      ['exp(-700.5)', m.exp(-700.5), 5.980196118639791e-305],
      ['atan2Deg(46, -64)', m.atan2Deg(46, -64), 144.2933085993971],
      ['atan2Deg(-0.2, 3)', m.atan2Deg(-0.2, 3), -3.8140748342903543],
      ['hypot(3.1, -4.7)', m.hypot(3.1, -4.7), 5.630275304103699],
    ];
    for (const [name, got, want] of cases) expect({ name, got }).toEqual({ name, got: want });
  });
});
