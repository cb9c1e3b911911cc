/**
 * Keeps the clock estimate across a page reload: the estimator's snapshot and the page's
 * time origin go to session storage when the page is hidden or unloaded, and the next load
 * of the same tab restores them shifted onto its own `performance.now()` (docs/clock-sync.md,
 * section 9). A reloaded phone is then in sync at once instead of after its first burst of
 * exchanges; if the wall clock moved in between, the estimator notices within three
 * exchanges and re-acquires.
 */
import { ClockEstimator, type ClockEstimatorOptions, type ClockSnapshot } from '../../core/clock/index.ts';

const KEY = 'crowdlight.clock';
/** A saved estimate older than this is not restored, ms. */
export const MAX_SAVED_AGE_MS = 10 * 60_000;

interface Saved {
  v: 1;
  timeOrigin: number;
  savedAtLocal: number;
  snapshot: ClockSnapshot;
}

/** Minimal storage interface (window.sessionStorage fits). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function saveClock(store: KeyValueStore, estimator: ClockEstimator, timeOrigin: number, localNow: number): void {
  if (!estimator.quality(localNow).synced) return;
  const saved: Saved = { v: 1, timeOrigin, savedAtLocal: localNow, snapshot: estimator.snapshot() };
  try {
    store.setItem(KEY, JSON.stringify(saved));
  } catch {
    // storage full or disabled: the next load syncs from scratch
  }
}

/** The saved estimate moved onto this page's clock, or undefined (none, too old, unreadable). */
export function restoreClock(store: KeyValueStore, options: ClockEstimatorOptions, timeOrigin: number, localNow: number): ClockEstimator | undefined {
  let saved: Saved;
  try {
    const raw = store.getItem(KEY);
    if (raw === null) return undefined;
    saved = JSON.parse(raw) as Saved;
  } catch {
    return undefined;
  }
  if (saved?.v !== 1 || !Number.isFinite(saved.timeOrigin) || !Number.isFinite(saved.savedAtLocal)) return undefined;
  const shift = saved.timeOrigin - timeOrigin;
  const age = localNow - (saved.savedAtLocal + shift);
  if (!(age >= 0 && age <= MAX_SAVED_AGE_MS)) return undefined;
  try {
    return ClockEstimator.restore(saved.snapshot, options, shift);
  } catch {
    return undefined;
  }
}
