/**
 * Portable transcendental functions for the renderer and the venue layout.
 *
 * ECMAScript leaves Math.sin, Math.cos, Math.exp, Math.atan2, Math.hypot, Math.pow and the
 * `**` operator "implementation-approximated", so V8, JavaScriptCore and SpiderMonkey may
 * return results one bit apart, and a pixel can then round to a different level on two
 * phones. Everything here is built only from operations IEEE 754 rounds correctly (+, -, *,
 * /, Math.sqrt) and exact ones (Math.round, Math.floor, Math.abs, comparisons), evaluated in
 * a fixed order, so every engine returns the same bits for the same input.
 *
 * Method: an exact range reduction, then a Taylor polynomial in Horner form whose truncation
 * error is below 1e-16 on the reduced range. Sine, cosine and exp are within about 1.2 units
 * in the last place of the true value, atan2Deg within about 7. Angles are in degrees (the
 * show and venue formats' unit) or in turns (a beat phase), so multiples of a quarter turn
 * reduce exactly: cosDeg(90) === 0, sinDeg(90) === 1, cosDeg(180) === -1, cosTurns(0.5) === -1
 * (exact zeros are always +0).
 *
 * A change to any polynomial or constant here changes pixels of existing shows (the unit
 * tests pin a few results to the bit for that reason).
 */

const DEG_PER_RAD = 180 / Math.PI;

// Radians per degree and per turn as an unevaluated sum hi + lo (lo holds the bits of the
// true constant beyond hi's 53), so a reduced angle converts to radians with an error near
// 1e-30 instead of 1e-16 (each lo was worked out from 60 digits of pi).
const RAD_PER_DEG_HI = Math.PI / 180;
const RAD_PER_DEG_LO = 2.9486522708701687e-19;
const RAD_PER_TURN_HI = 2 * Math.PI;
const RAD_PER_TURN_LO = 2.4492935982947064e-16;

/** Veltkamp's splitter for doubles: 2^27 + 1. */
const SPLITTER = 134217729;
/** The high half (26 significant bits) of `a`; a - highHalf(a) is exact. */
function highHalf(a: number): number {
  const t = a * SPLITTER;
  return t - (t - a);
}
const RAD_PER_DEG_HH = highHalf(RAD_PER_DEG_HI);
const RAD_PER_DEG_HL = RAD_PER_DEG_HI - RAD_PER_DEG_HH;
const RAD_PER_TURN_HH = highHalf(RAD_PER_TURN_HI);
const RAD_PER_TURN_HL = RAD_PER_TURN_HI - RAD_PER_TURN_HH;

// 1/n! for odd and even n; every factorial up to 18! is an exact double, so each
// coefficient is the correctly rounded quotient.
const S3 = -1 / 6;
const S5 = 1 / 120;
const S7 = -1 / 5040;
const S9 = 1 / 362880;
const S11 = -1 / 39916800;
const S13 = 1 / 6227020800;
const S15 = -1 / 1307674368000;
const C2 = -1 / 2;
const C4 = 1 / 24;
const C6 = -1 / 720;
const C8 = 1 / 40320;
const C10 = -1 / 3628800;
const C12 = 1 / 479001600;
const C14 = -1 / 87178291200;
const C16 = 1 / 20922789888000;

/**
 * sin(xh + xl) for |xh| <= pi/4 (+ a hair) and |xl| tiny: Taylor series to x^15 (the first
 * omitted term is below 5e-17), plus the first-order effect of xl. The leading xh is added
 * last so the rounding of the rest barely matters.
 */
function sinPoly(xh: number, xl: number): number {
  const x2 = xh * xh;
  const tail = xh * x2 * (S3 + x2 * (S5 + x2 * (S7 + x2 * (S9 + x2 * (S11 + x2 * (S13 + x2 * S15))))));
  return xh + (tail + xl * (1 - 0.5 * x2));
}

/** cos(xh + xl) for |xh| <= pi/4 (+ a hair): Taylor series to x^16 (next term below 3e-18). */
function cosPoly(xh: number, xl: number): number {
  const x2 = xh * xh;
  return 1 + (x2 * (C2 + x2 * (C4 + x2 * (C6 + x2 * (C8 + x2 * (C10 + x2 * (C12 + x2 * (C14 + x2 * C16))))))) - xh * xl);
}

/**
 * sin (wantCos false) or cos (wantCos true) of the non-negative angle `a`, in a unit of
 * which `quarter` make a right angle and one is (hh + hl) + lo radians (hh + hl = hi, split
 * in halves). The reduction a = q * quarter + r is exact (r is a multiple of a's last place
 * and no larger than a); r is then converted to radians as xh + xl with Dekker's exact
 * product, so the polynomial sees the reduced angle to about 1e-32.
 */
function sinCosAbs(a: number, quarter: number, hi: number, hh: number, hl: number, lo: number, wantCos: boolean): number {
  const q = Math.round(a / quarter);
  const r = a - q * quarter;
  const xh = r * hi;
  const rh = highHalf(r);
  const rl = r - rh;
  const xl = rh * hh - xh + rh * hl + rl * hh + rl * hl + r * lo;
  // Quadrant 0..3 (NaN for an infinite or NaN angle, which falls through to NaN).
  const m = q - 4 * Math.floor(q / 4) + (wantCos ? 1 : 0);
  // sin(r + m * 90deg), written with 0 - v rather than -v so exact zeros are +0.
  let v: number;
  switch (m) {
    case 0:
    case 4:
      v = sinPoly(xh, xl);
      break;
    case 1:
      v = cosPoly(xh, xl);
      break;
    case 2:
      v = 0 - sinPoly(xh, xl);
      break;
    case 3:
      v = 0 - cosPoly(xh, xl);
      break;
    default:
      return NaN;
  }
  // At an odd multiple of 45 degrees sin and cos are +-sqrt(1/2), whose double lies so close
  // to a rounding midpoint that the polynomials cannot be trusted to land on it: use the
  // constant, so sinDeg(45) === cosDeg(45).
  if (r === quarter / 2 || r === -quarter / 2) return v < 0 ? -Math.SQRT1_2 : Math.SQRT1_2;
  return v;
}

/** Sine of an angle in degrees; exact at multiples of 90, and sinDeg(-a) === -sinDeg(a). */
export function sinDeg(deg: number): number {
  const s = sinCosAbs(Math.abs(deg), 90, RAD_PER_DEG_HI, RAD_PER_DEG_HH, RAD_PER_DEG_HL, RAD_PER_DEG_LO, false);
  return deg < 0 ? 0 - s : s;
}

/** Cosine of an angle in degrees; exact at multiples of 90, and cosDeg(-a) === cosDeg(a). */
export function cosDeg(deg: number): number {
  return sinCosAbs(Math.abs(deg), 90, RAD_PER_DEG_HI, RAD_PER_DEG_HH, RAD_PER_DEG_HL, RAD_PER_DEG_LO, true);
}

/** sin(2 pi t): sine of an angle in turns; exact at multiples of a quarter turn. */
export function sinTurns(turns: number): number {
  const s = sinCosAbs(Math.abs(turns), 0.25, RAD_PER_TURN_HI, RAD_PER_TURN_HH, RAD_PER_TURN_HL, RAD_PER_TURN_LO, false);
  return turns < 0 ? 0 - s : s;
}

/** cos(2 pi t): cosine of an angle in turns; exact at multiples of a quarter turn. */
export function cosTurns(turns: number): number {
  return sinCosAbs(Math.abs(turns), 0.25, RAD_PER_TURN_HI, RAD_PER_TURN_HH, RAD_PER_TURN_HL, RAD_PER_TURN_LO, true);
}

// ln 2 split in two (the classic fdlibm split): LN2_HI has its low 21 bits clear, so
// k * LN2_HI is exact for every |k| this module uses (<= 1100), and LN2_HI + LN2_LO is ln 2
// to about 2^-85.
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1 / Math.LN2;

/** 2^k for k in [-POW2_SPAN, POW2_SPAN], built by exact doubling and halving. */
const POW2_SPAN = 540;
const POW2 = (() => {
  const t = new Float64Array(2 * POW2_SPAN + 1);
  t[POW2_SPAN] = 1;
  for (let k = 1; k <= POW2_SPAN; k++) {
    t[POW2_SPAN + k] = t[POW2_SPAN + k - 1]! * 2;
    t[POW2_SPAN - k] = t[POW2_SPAN - k + 1]! * 0.5;
  }
  return t;
})();

// 1/n! for the exponential's polynomial.
const E2 = 1 / 2;
const E3 = 1 / 6;
const E4 = 1 / 24;
const E5 = 1 / 120;
const E6 = 1 / 720;
const E7 = 1 / 5040;
const E8 = 1 / 40320;
const E9 = 1 / 362880;
const E10 = 1 / 3628800;
const E11 = 1 / 39916800;
const E12 = 1 / 479001600;
const E13 = 1 / 6227020800;

/**
 * e^x. x = k ln 2 + r with |r| <= ln 2 / 2 (Cody-Waite reduction with the split ln 2), e^r
 * by its Taylor polynomial to r^13 (truncation below 5e-18), then scaled by 2^k as two exact
 * powers of two so the only rounding of the scaling is the last multiply (which also makes
 * subnormal results correctly rounded products). Overflows to Infinity, underflows to 0.
 */
export function exp(x: number): number {
  if (!(x <= 710)) return x > 710 ? Infinity : NaN;
  if (x < -746) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  const p = 1 + r * (1 + r * (E2 + r * (E3 + r * (E4 + r * (E5 + r * (E6 + r * (E7 + r * (E8 + r * (E9 + r * (E10 + r * (E11 + r * (E12 + r * E13))))))))))));
  const k1 = Math.floor(k / 2);
  return p * POW2[POW2_SPAN + k1]! * POW2[POW2_SPAN + k - k1]!;
}

// 1/(2n+1) for the arctangent's odd Taylor series.
const A3 = -1 / 3;
const A5 = 1 / 5;
const A7 = -1 / 7;
const A9 = 1 / 9;
const A11 = -1 / 11;
const A13 = 1 / 13;
const A15 = -1 / 15;
const A17 = 1 / 17;
const A19 = -1 / 19;
const A21 = 1 / 21;
const A23 = -1 / 23;
const SQRT3 = Math.sqrt(3);
/** tan(15 degrees) = 2 - sqrt 3: above it the argument is moved down by 30 degrees. */
const TAN15 = 2 - SQRT3;

/** atan t in degrees for 0 <= t <= 1 (exactly 45 at 1). */
function atanUnitDeg(t: number): number {
  if (t === 1) return 45;
  let base = 0;
  let u = t;
  if (t > TAN15) {
    // atan t = 30deg + atan((sqrt3 t - 1) / (sqrt3 + t)); the new argument is within +-tan 15deg.
    base = 30;
    u = (SQRT3 * t - 1) / (SQRT3 + t);
  }
  const u2 = u * u;
  // Series to u^23: with |u| <= 0.268 the first omitted term is below 3e-16 radians.
  const rad = u + u * u2 * (A3 + u2 * (A5 + u2 * (A7 + u2 * (A9 + u2 * (A11 + u2 * (A13 + u2 * (A15 + u2 * (A17 + u2 * (A19 + u2 * (A21 + u2 * A23))))))))));
  return base + rad * DEG_PER_RAD;
}

/**
 * The angle of the point (x, y), in degrees counter-clockwise from east, in [-180, 180] like
 * Math.atan2. Exact on the axes and diagonals (atan2Deg(1, 0) === 90, atan2Deg(1, -1) === 135).
 * Signed zeros and infinities follow Math.atan2.
 */
export function atan2Deg(y: number, x: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  let ax = Math.abs(x);
  let ay = Math.abs(y);
  if (ax === Infinity && ay === Infinity) ax = ay = 1;
  let a: number;
  if (ay === 0 && ax === 0) a = 0;
  else if (ay <= ax) a = atanUnitDeg(ay / ax);
  else a = 90 - atanUnitDeg(ax / ay);
  if (x < 0 || Object.is(x, -0)) a = 180 - a;
  return y < 0 || Object.is(y, -0) ? -a : a;
}

/**
 * Length of (x, y): sqrt(x^2 + y^2), from correctly rounded operations only. Unlike
 * Math.hypot it does not rescale, so it overflows for |x| or |y| beyond about 1e154, far
 * outside any venue.
 */
export function hypot(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}
