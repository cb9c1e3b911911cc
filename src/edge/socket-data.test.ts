import { expect, test } from 'bun:test';
import { LATENCY_BUCKETS_MS } from '../bus/index.ts';
import type { QualityReportMessage, ReadyMessage } from '../core/protocol/index.ts';
import { demoStadium } from '../core/venue/runtime.ts';
import { AudienceStats, MAX_READY_SHOWS } from './audience-stats.ts';
import {
  QUALITY_DEGRADED,
  QUALITY_SYNCED,
  newSocketData,
  packQuality,
  qualityFlags,
  qualityRttBucket,
  qualityUncertaintyBucket,
} from './socket-data.ts';
import { VenueTopics } from './venue-topics.ts';

const ready = (showId: number, showVersion = 1): ReadyMessage => ({ type: 'ready', showId, showVersion, contentHash: new Uint8Array(32) });

function quality(rttMs: number, uncertaintyMs: number, synced: boolean, degraded: boolean): QualityReportMessage {
  return {
    type: 'qualityReport',
    uncertaintyMs,
    rttMs,
    offsetChangeMs: 0,
    driftPpm: 0,
    framesDropped: 0,
    framesRendered: 0,
    batteryPercent: null,
    synced,
    degraded,
    charging: false,
    torchAvailable: false,
    torchOn: false,
    wakeLockHeld: false,
    pageHidden: false,
  };
}

test('edge socket data - a fresh socket holds only numbers, booleans and strings', () => {
  const d = newSocketData(123, 40);
  for (const [k, v] of Object.entries(d)) expect([k, typeof v]).toEqual([k, expect.stringMatching(/^(number|boolean|string)$/)]);
  expect(d.readySlot).toBe(-1);
  expect(d.quality).toBe(-1);
  expect(d.seatSection).toBe('');
});

test('edge socket data - a packed quality report gives back every bucket and flag', () => {
  expect(LATENCY_BUCKETS_MS.length + 1).toBeLessThan(256);
  for (let rtt = 0; rtt <= LATENCY_BUCKETS_MS.length; rtt++) {
    for (let unc = 0; unc <= LATENCY_BUCKETS_MS.length; unc++) {
      for (const flags of [0, QUALITY_SYNCED, QUALITY_DEGRADED, QUALITY_SYNCED | QUALITY_DEGRADED]) {
        const q = packQuality(rtt, unc, flags);
        expect(q).toBeGreaterThanOrEqual(0);
        expect([qualityRttBucket(q), qualityUncertaintyBucket(q), qualityFlags(q)]).toEqual([rtt, unc, flags]);
      }
    }
  }
});

test('edge audience - a phone moving between shows moves its count; an empty show leaves the map', () => {
  const a = new AudienceStats();
  const p1 = newSocketData(0, 1);
  const p2 = newSocketData(0, 1);
  a.onReady(p1, ready(1));
  a.onReady(p2, ready(1));
  a.onReady(p1, ready(1)); // the same show again changes nothing
  expect(Object.fromEntries(a.ready)).toEqual({ '1.1': 2 });
  a.onReady(p1, ready(1, 2));
  expect(Object.fromEntries(a.ready)).toEqual({ '1.1': 1, '1.2': 1 });
  a.onReady(p2, ready(1, 2));
  expect(Object.fromEntries(a.ready)).toEqual({ '1.2': 2 });
  a.onClose(p1);
  a.onClose(p2);
  expect(a.ready.size).toBe(0);
  expect([p1.readySlot, p2.readySlot]).toEqual([-1, -1]);
});

test('edge audience - a show slot freed by its last phone is given to the next new show', () => {
  const a = new AudienceStats();
  const phones = Array.from({ length: MAX_READY_SHOWS }, (_, i) => {
    const d = newSocketData(0, 1);
    a.onReady(d, ready(i + 1));
    return d;
  });
  const extra = newSocketData(0, 1);
  a.onReady(extra, ready(999));
  expect(a.ready.has('999.1')).toBe(false);
  expect(extra.readySlot).toBe(-1);
  // The phone of show 1 moves to show 999: its old slot is freed and taken at once.
  a.onReady(phones[0]!, ready(999));
  expect(a.ready.has('1.1')).toBe(false);
  expect(a.ready.get('999.1')).toBe(1);
  a.onReady(extra, ready(999));
  expect(a.ready.get('999.1')).toBe(2);
  expect(a.ready.size).toBe(MAX_READY_SHOWS);
});

test('edge audience - a new quality report replaces the phone\'s previous one in every count', () => {
  const a = new AudienceStats();
  const d = newSocketData(0, 1);
  a.onQuality(d, quality(3, 0.5, true, true));
  a.onQuality(d, quality(400, 40, false, false));
  expect([a.synced, a.degraded]).toEqual([0, 0]);
  expect(a.rttHistogram.reduce((x, y) => x + y, 0)).toBe(1);
  expect(a.uncertaintyHistogram.reduce((x, y) => x + y, 0)).toBe(1);
  expect(a.rttHistogram[qualityRttBucket(d.quality)]).toBe(1);
  a.onQuality(d, quality(3, 0.5, true, false));
  expect([a.synced, a.degraded]).toEqual([1, 0]);
  a.onClose(d);
  expect([a.synced, a.degraded, d.quality]).toEqual([0, 0, -1]);
  expect(a.rttHistogram.every((n) => n === 0) && a.uncertaintyHistogram.every((n) => n === 0)).toBe(true);
});

test('edge venue topics - placing a kept seat gives the same topics as the seat itself', () => {
  const v = demoStadium();
  const topics = new VenueTopics(v);
  const s = v.sections[5]!;
  const seats = [
    { section: s.id, row: s.rowLabels[2]!, seat: 3 },
    { section: s.id, row: '', seat: 0 },
    { section: s.id, row: 'nope', seat: 1 },
    { section: 'nope', row: '1', seat: 1 },
    { section: '', row: '', seat: 0 },
  ];
  for (const seat of seats) {
    const d = newSocketData(0, 1);
    // Strings decoded from a hello are copies, not the venue's own.
    d.seatSection = [...seat.section].join('');
    d.seatRow = [...seat.row].join('');
    d.seatNumber = seat.seat;
    expect(topics.placeSeat(d)).toEqual(topics.topicsFor(seat));
    // Placing changes no value.
    expect([d.seatSection, d.seatRow, d.seatNumber]).toEqual([seat.section, seat.row, seat.seat]);
  }
  expect(topics.topicsFor(null)).toEqual(['all']);
});
