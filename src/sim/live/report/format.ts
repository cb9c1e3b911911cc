/** Number formatting shared by the terminal table and the HTML report. */

/** A figure for people: "-" when missing, else up to 3 significant decimals by magnitude. */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '-';
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toString();
  if (a >= 100) return v.toFixed(1);
  if (Number.isInteger(v)) return v.toString();
  if (a >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

/** A whole count with thousands separators (100000 -> "100,000"). */
export function count(n: number): string {
  if (!Number.isFinite(n)) return '-';
  const s = Math.round(Math.abs(n)).toString();
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += ',';
    out += s[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** A fraction 0..1 as a percentage with 2 decimals ("99.95 %"). */
export function percent(fraction: number): string {
  return Number.isFinite(fraction) ? `${(fraction * 100).toFixed(2)} %` : '-';
}

/** "p50 / p95 / p99" of a quantiles triple, in `unit`. */
export function triple(q: { p50: number; p95: number; p99: number }, unit: string): string {
  return `${fmt(q.p50)} / ${fmt(q.p95)} / ${fmt(q.p99)} ${unit}`;
}

/** `s` with control characters (terminal escapes, line breaks) shown as "?": text from a run's
 *  input (profile name, notes, error reasons) cannot move the cursor or recolour a terminal. */
export function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
