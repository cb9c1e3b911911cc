import { describe, expect, test } from 'bun:test';
import { ClockEstimator } from '../../../src/core/clock/index.ts';
import { MAX_SAVED_AGE_MS, restoreClock, saveClock, type KeyValueStore } from '../../../src/web/phone/clock-store.ts';

/** Session storage as the page sees it: strings by key. */
class StringStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
}

/** Controller = wall-clock ms; the old page's local clock started at wall time 1e12. */
const OLD_ORIGIN = 1e12;
const OFFSET = OLD_ORIGIN + 1234.5; // controller - old local

function syncedEstimator(): ClockEstimator {
  const e = new ClockEstimator({ seed: 1 });
  for (let i = 0; i < 12; i++) {
    const t0 = 1000 + i * 100;
    e.addSample(t0, t0 + 5 + OFFSET, t0 + 5.1 + OFFSET, t0 + 10.1);
  }
  return e;
}

describe('phone clock store', () => {
  test('clock store - a reload restores the estimate onto the new page clock', () => {
    const store = new StringStore();
    const e = syncedEstimator();
    saveClock(store, e, OLD_ORIGIN, 2500);
    // The new page's clock starts 60 s of wall time later.
    const newOrigin = OLD_ORIGIN + 60_000;
    const restored = restoreClock(store, { seed: 2 }, newOrigin, 1000);
    expect(restored).toBeDefined();
    expect(restored!.quality(1000).synced).toBe(true);
    // Same wall instant on both clocks: new local 1000 is old local 61000.
    expect(restored!.controllerTime(1000)).toBeCloseTo(e.controllerTime(61_000), 1);
    expect(Math.abs(restored!.controllerTime(1000) - (61_000 + OFFSET))).toBeLessThan(1);
  });

  test('clock store - nothing is saved before sync, and old or unreadable saves are not restored', () => {
    const store = new StringStore();
    saveClock(store, new ClockEstimator({ seed: 1 }), OLD_ORIGIN, 10);
    expect(store.map.size).toBe(0);
    saveClock(store, syncedEstimator(), OLD_ORIGIN, 2500);
    expect(restoreClock(store, {}, OLD_ORIGIN + MAX_SAVED_AGE_MS + 10_000, 0)).toBeUndefined();
    expect(restoreClock(store, {}, OLD_ORIGIN - 10_000, 0)).toBeUndefined(); // saved "in the future"
    store.setItem('crowdlight.clock', '{not json');
    expect(restoreClock(store, {}, OLD_ORIGIN, 3000)).toBeUndefined();
    store.setItem('crowdlight.clock', JSON.stringify({ v: 1, timeOrigin: OLD_ORIGIN, savedAtLocal: 0, snapshot: { version: 9 } }));
    expect(restoreClock(store, {}, OLD_ORIGIN, 3000)).toBeUndefined();
  });
});
