import { describe, expect, test } from 'bun:test';
import type { ClockQuality } from '../../../src/core/clock/index.ts';
import { decodeClientMessage, encode } from '../../../src/core/protocol/index.ts';
import { NO_DEVICE_FLAGS, QualityReporter, UNBOUNDED_UNCERTAINTY_MS } from '../../../src/web/phone/quality-report.ts';

const quality = (over: Partial<ClockQuality> = {}): ClockQuality => ({
  synced: true,
  degraded: false,
  uncertaintyMs: 1.5,
  offsetMs: 1000,
  driftPpm: -12,
  rttMs: 20,
  accepted: 10,
  rejected: 0,
  ...over,
});

describe('phone quality report', () => {
  test('quality report - carries the largest round trip since the previous report, then starts over', () => {
    const r = new QualityReporter();
    for (const rtt of [30, 250, 40]) r.noteRtt(rtt);
    expect(r.build(quality(), { rendered: 600, dropped: 3 }, NO_DEVICE_FLAGS).rttMs).toBe(250);
    // Nothing measured since: the estimator's own figure.
    expect(r.build(quality({ rttMs: 22 }), { rendered: 1200, dropped: 3 }, NO_DEVICE_FLAGS).rttMs).toBe(22);
  });

  test('quality report - frame counts and offset change are since the previous report', () => {
    const r = new QualityReporter();
    const first = r.build(quality({ offsetMs: 1000 }), { rendered: 600, dropped: 3 }, NO_DEVICE_FLAGS);
    expect([first.framesRendered, first.framesDropped, first.offsetChangeMs]).toEqual([600, 3, 0]);
    const second = r.build(quality({ offsetMs: 1000.75 }), { rendered: 1200, dropped: 5 }, NO_DEVICE_FLAGS);
    expect([second.framesRendered, second.framesDropped, second.offsetChangeMs]).toEqual([600, 2, 0.75]);
    const third = r.build(quality(), { rendered: 1200 + 100_000, dropped: 5 }, NO_DEVICE_FLAGS);
    expect(third.framesRendered).toBe(65535); // saturates
  });

  test('quality report - flags and non-finite figures still make a frame that encodes and decodes', () => {
    const r = new QualityReporter();
    const msg = r.build(
      quality({ uncertaintyMs: Infinity, driftPpm: NaN, degraded: true }),
      { rendered: 1, dropped: 0 },
      { batteryPercent: 42, charging: true, torchAvailable: true, torchOn: false, wakeLockHeld: true, pageHidden: false },
    );
    const back = decodeClientMessage(encode(msg));
    expect(back).toMatchObject({
      type: 'qualityReport', uncertaintyMs: Math.fround(UNBOUNDED_UNCERTAINTY_MS), driftPpm: 0, batteryPercent: 42, synced: true, degraded: true,
      charging: true, torchAvailable: true, torchOn: false, wakeLockHeld: true, pageHidden: false,
    });
  });
});
