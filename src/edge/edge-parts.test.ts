import { expect, test } from 'bun:test';
import { InProcessBus } from '../bus/index.ts';
import { demoStadiumSpec } from '../core/venue/index.ts';
import { StaticSite } from '../web/static-site.ts';
import { AudienceStats, MAX_READY_SHOWS } from './audience-stats.ts';
import { countedCloseCode, closeCodeName } from './close-names.ts';
import { createEdge } from './edge.ts';
import { resolveEdgeLimits, DEFAULT_EDGE_LIMITS } from './edge-limits.ts';
import { EdgeError } from './errors.ts';
import { ResumeTokens } from './resume-token.ts';
import { newSocketData } from './socket-data.ts';
import { takeMessageToken, TokenBucket } from './token-bucket.ts';
import { VenueTopics } from './venue-topics.ts';

const device = (n: number) => new Uint8Array(16).fill(n);

test('edge resume tokens - a token verifies for its device only, and only in its process', () => {
  const tokens = new ResumeTokens();
  const t = tokens.issue(123456, device(1));
  expect(t.length).toBe(16);
  expect(tokens.verify(t, device(1))).toBe(123456);
  expect(tokens.verify(t, device(2))).toBe(-1);
  const tampered = t.slice();
  tampered[0] ^= 1; // another session id
  expect(tokens.verify(tampered, device(1))).toBe(-1);
  const bitFlip = t.slice();
  bitFlip[15] ^= 0x80;
  expect(tokens.verify(bitFlip, device(1))).toBe(-1);
  expect(tokens.verify(t.subarray(0, 15), device(1))).toBe(-1);
  expect(new ResumeTokens().verify(t, device(1))).toBe(-1);
  const fixed = new Uint8Array(32).fill(7);
  expect(new ResumeTokens(fixed).verify(new ResumeTokens(fixed).issue(9, device(3)), device(3))).toBe(9);
});

test('edge token bucket - a socket gets its burst, then its refill rate', () => {
  const d = newSocketData(0, 3);
  expect([1, 2, 3, 4].map(() => takeMessageToken(d, 0, 3, 10))).toEqual([true, true, true, false]);
  expect(takeMessageToken(d, 50, 3, 10)).toBe(false); // half a token
  expect(takeMessageToken(d, 100, 3, 10)).toBe(true);
  // Long idle refills to the burst, not beyond.
  expect([1, 2, 3, 4].map(() => takeMessageToken(d, 10_000, 3, 10))).toEqual([true, true, true, false]);
});

test('edge token bucket - the process bucket refuses past its burst and refills', () => {
  const b = new TokenBucket(2, 1, 0);
  expect([b.take(0), b.take(0), b.take(0)]).toEqual([true, true, false]);
  expect(b.take(999)).toBe(false);
  expect(b.take(1001)).toBe(true);
});

test('edge venue topics - a seat maps to all, its zones and its section; unknown seats to all', () => {
  const spec = demoStadiumSpec();
  const topics = VenueTopics.fromJson(JSON.stringify(spec));
  const venue = topics.venue;
  const s = venue.sections[3]!;
  const got = topics.topicsFor({ section: s.id, row: s.rowLabels[0]!, seat: 1 });
  const zones = venue.zones.flatMap((z, i) => (z.sections.includes(s.id) ? [`zone:${i}`] : []));
  expect(zones.length).toBeGreaterThan(0);
  expect(got).toEqual(['all', ...zones, 'section:3']);
  expect(topics.topicsFor({ section: s.id, row: '', seat: 0 })).toEqual(got);
  expect(topics.topicsFor({ section: s.id, row: s.rowLabels[0]!, seat: 9999 })).toEqual(['all']);
  expect(topics.topicsFor({ section: s.id, row: 'nope', seat: 1 })).toEqual(['all']);
  expect(topics.topicsFor({ section: 'nope', row: '', seat: 0 })).toEqual(['all']);
  expect(topics.topicsFor(null)).toEqual(['all']);
});

test('edge venue topics - an invalid venue document throws EdgeError bad-venue', () => {
  for (const json of ['not json', '{"version":1}', JSON.stringify({ ...demoStadiumSpec(), zones: [{ id: 'z', sections: ['missing'] }] })]) {
    let err: unknown;
    try {
      VenueTopics.fromJson(json);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EdgeError);
    expect((err as EdgeError).code).toBe('bad-venue');
  }
});

test('edge close codes - Bun\'s own closes are counted as 1009 and 4012; names for every code', () => {
  expect(countedCloseCode(1006, 'Received too big message')).toBe(1009);
  expect(countedCloseCode(1006, 'WebSocket timed out from inactivity')).toBe(4012);
  expect(countedCloseCode(1006, '')).toBe(1006);
  expect(countedCloseCode(4001, 'malformed frame')).toBe(4001);
  expect(closeCodeName(4011)).toBe('backpressure');
  expect(closeCodeName(1009)).toBe('message-too-big');
  expect(closeCodeName(1005)).toBe('no-status');
  expect(closeCodeName(3999)).toBe('unknown');
});

test('edge limits - defaults resolve; bad values throw EdgeError bad-option', () => {
  expect(resolveEdgeLimits()).toEqual({ ...DEFAULT_EDGE_LIMITS });
  expect(resolveEdgeLimits({ helloTimeoutMs: 50 }).helloTimeoutMs).toBe(50);
  const bad: Record<string, number>[] = [
    { helloTimeoutMs: 0 },
    { idleTimeoutMs: 1e9 },
    { softBackpressureBytes: 1 << 30 },
    { messagesPerSecond: Number.NaN },
    { retryAfterMinSec: 5, retryAfterMaxSec: 2 },
    { retryAfterMinSec: 1.5 },
    { nonsense: 1 },
  ];
  for (const b of bad) expect(() => resolveEdgeLimits(b)).toThrow(EdgeError);
});

test('edge options - an edge id longer than 32 bytes is refused', () => {
  expect(() => createEdge({ bus: new InProcessBus(), edgeId: 'x'.repeat(33), now: () => 0, site: new StaticSite() })).toThrow(EdgeError);
});

test('edge audience - ready counts are bounded in distinct shows however many phones invent one', () => {
  const a = new AudienceStats();
  const ready = (showId: number) => ({ type: 'ready' as const, showId, showVersion: 1, contentHash: new Uint8Array(32) });
  const phones = Array.from({ length: 1000 }, () => newSocketData(0, 1));
  phones.forEach((d, i) => a.onReady(d, ready(i + 1)));
  expect(a.ready.size).toBe(MAX_READY_SHOWS);
  // A phone of a show already counted is still counted, and a close takes it out again.
  const late = newSocketData(0, 1);
  a.onReady(late, ready(1));
  expect(a.ready.get('1.1')).toBe(2);
  a.onClose(late);
  a.onClose(phones[0]!);
  expect(a.ready.has('1.1')).toBe(false);
  // An uncounted phone's close changes nothing.
  a.onClose(phones[999]!);
  let total = 0;
  for (const n of a.ready.values()) total += n;
  expect(total).toBe(MAX_READY_SHOWS - 1);
});
