/**
 * Show positions and durations as the operator reads and types them: "m:ss.t" (tenths), with
 * hours when needed.
 */

export class TimeInputError extends Error {
  readonly code = 'invalid-time';
  constructor(message: string) {
    super(message);
    this.name = 'TimeInputError';
  }
}

/** 83_450 -> "1:23.4"; 3_723_000 -> "1:02:03.0"; null or non-finite -> "–:––.–". */
export function formatClock(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–:––.–';
  const sign = ms < 0 ? '-' : '';
  const tenths = Math.floor(Math.abs(ms) / 100);
  const t = tenths % 10;
  const totalS = Math.floor(tenths / 10);
  const s = totalS % 60;
  const totalM = Math.floor(totalS / 60);
  const m = totalM % 60;
  const h = Math.floor(totalM / 60);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${ss}.${t}` : `${sign}${m}:${ss}.${t}`;
}

/**
 * Parses what an operator types into the seek field: "83.5" (seconds), "1:23.5" (m:ss),
 * "1:02:03" (h:mm:ss). Returns milliseconds; throws `TimeInputError` for anything else.
 */
export function parseClock(text: string): number {
  const s = text.trim();
  if (!/^\d+(?::\d+){0,2}(?:\.\d+)?$/.test(s)) throw new TimeInputError(`not a time: "${text}" (try 83.5 or 1:23.5)`);
  const parts = s.split(':');
  const last = Number(parts[parts.length - 1]);
  const whole = parts.slice(0, -1).map(Number);
  if (whole.length > 0 && last >= 60) throw new TimeInputError(`seconds must be below 60 in "${text}"`);
  if (whole.length === 2 && whole[1]! >= 60) throw new TimeInputError(`minutes must be below 60 in "${text}"`);
  let seconds = last;
  let scale = 60;
  for (let i = whole.length - 1; i >= 0; i--) {
    seconds += whole[i]! * scale;
    scale *= 60;
  }
  return Math.round(seconds * 1000);
}

/** "12.3 ms", "1.24 s" for latencies; "–" for null. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (Math.abs(ms) >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** Whole numbers with thin-space thousands: 101728 -> "101 728" (locale-independent). */
export function formatCount(n: number): string {
  const digits = String(Math.round(Math.abs(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '\u2009';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/** Remaining run time of a cue in words: "12.4 s left", "until cancelled", "ending". */
export function formatRemaining(remainingMs: number | null): string {
  if (remainingMs === null) return 'until cancelled';
  if (remainingMs <= 0) return 'ending';
  if (remainingMs < 60_000) return `${(remainingMs / 1000).toFixed(1)} s left`;
  return `${formatClock(remainingMs).replace(/\.\d$/, '')} left`;
}
