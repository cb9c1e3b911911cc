import { afterEach, expect, test } from 'bun:test';
import { Subjects } from '../../src/bus/index.ts';
import { announceFrame, cancelFrame, cueFrame, transportFrame } from './support/edge-frames.ts';
import { joinPhone, startEdge, TWO_SECTION_VENUE, type EdgeRig } from './support/edge-harness.ts';

let rig: EdgeRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

// Venue indices: sections A=0, B=1; zones north=0 (A), south=1 (B), bowl=2 (A, B).
const seatA = { section: 'A', row: 'R2', seat: 4 };
const seatB = { section: 'B', row: '1', seat: 8 };

test('edge fanout - a zone frame reaches only that zone, an all frame reaches everyone', async () => {
  rig = startEdge();
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  const a1 = (await joinPhone(rig, seatA)).phone;
  const a2 = (await joinPhone(rig, { section: 'A', row: '', seat: 0 })).phone;
  const b1 = (await joinPhone(rig, seatB)).phone;
  const none = (await joinPhone(rig, null)).phone;

  rig.feed({ op: 'send', topic: 'zone:0', frame: cueFrame(11, 'zone', 0) });
  rig.feed({ op: 'send', topic: 'all', frame: cancelFrame(99) });
  // Each socket delivers in order: north phones get the cue, then the broadcast; the others'
  // first frame is the broadcast, so the cue never reached them.
  for (const p of [a1, a2]) {
    const m = await p.next();
    expect(m.type === 'liveCue' && m.cueId).toBe(11);
    expect((await p.next()).type).toBe('cancelCue');
  }
  for (const p of [b1, none]) expect((await p.next()).type).toBe('cancelCue');

  rig.feed({ op: 'send', topic: 'section:1', frame: cueFrame(12, 'section', 1) });
  rig.feed({ op: 'send', topic: 'zone:2', frame: cueFrame(13, 'zone', 2) });
  rig.feed({ op: 'send', topic: 'all', frame: cancelFrame(98) });
  const b = [await b1.next(), await b1.next(), await b1.next()];
  expect(b.map((m) => (m.type === 'liveCue' ? m.cueId : m.type))).toEqual([12, 13, 'cancelCue']);
  const a = [await a1.next(), await a1.next()];
  expect(a.map((m) => (m.type === 'liveCue' ? m.cueId : m.type))).toEqual([13, 'cancelCue']);
  expect((await none.next()).type).toBe('cancelCue');
  // Frames out counts one copy per subscriber.
  expect(rig.edge.metricsText()).toMatch(/crowdlight_edge_frames_out_total\{edge="edge-test",type="liveCue"\} 6\n/);
});

test('edge fanout - retained zone state on join goes only to phones of that zone', async () => {
  rig = startEdge();
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  rig.feed({ op: 'retain', key: 'announce', topic: 'all', frame: announceFrame() });
  rig.feed({ op: 'retain', key: 'cue:1', topic: 'zone:1', frame: cueFrame(1, 'zone', 1) });
  rig.feed({ op: 'retain', key: 'cue:2', topic: 'all', frame: cueFrame(2) });
  const b = (await joinPhone(rig, seatB)).phone;
  expect([await b.next(), await b.next(), await b.next()].map((m) => (m.type === 'liveCue' ? m.cueId : m.type))).toEqual(['showAnnounce', 1, 2]);
  const a = (await joinPhone(rig, seatA)).phone;
  expect([await a.next(), await a.next()].map((m) => (m.type === 'liveCue' ? m.cueId : m.type))).toEqual(['showAnnounce', 2]);
});

test('edge fanout - an unknown seat or a phone before any venue gets the all topic only', async () => {
  rig = startEdge();
  const early = (await joinPhone(rig, seatA)).phone;
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  const badRow = (await joinPhone(rig, { section: 'A', row: 'R9', seat: 1 })).phone;
  const badSeat = (await joinPhone(rig, { section: 'B', row: '2', seat: 9 })).phone;
  const badSection = (await joinPhone(rig, { section: 'Z', row: '1', seat: 1 })).phone;
  rig.feed({ op: 'send', topic: 'zone:2', frame: cueFrame(5, 'zone', 2) });
  rig.feed({ op: 'send', topic: 'all', frame: cancelFrame(97) });
  for (const p of [badRow, badSeat, badSection]) expect((await p.next()).type).toBe('cancelCue');
  // The venue arrived after the first phone joined: it was moved to its seat's topics.
  const m = await early.next();
  expect(m.type === 'liveCue' && m.cueId).toBe(5);
});

test('edge fanout - keyframes repeat every retained frame to its topic', async () => {
  rig = startEdge({ limits: { keyframeIntervalMs: 40 } });
  const { phone } = await joinPhone(rig);
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(4) });
  const live = await phone.next();
  expect(live.type === 'transportState' && live.seq).toBe(4);
  const repeat = await phone.next('a keyframe');
  expect(repeat.type === 'transportState' && repeat.seq).toBe(4);
  expect(rig.edge.metricsText()).toMatch(/crowdlight_edge_keyframes_total\{edge="edge-test"\} [1-9]/);
});

test('edge fanout - frames before attach are kept, not published; attach asks for a replay', async () => {
  rig = startEdge({ edgeId: 'edge-r', attach: false });
  expect(rig.replays).toEqual([]);
  const early = (await joinPhone(rig)).phone;
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(1) });
  rig.edge.attach(rig.server);
  expect(rig.replays).toEqual(['edge-r']);
  rig.feed({ op: 'send', topic: 'all', frame: cancelFrame(50) });
  expect((await early.next()).type).toBe('cancelCue');
  const late = (await joinPhone(rig)).phone;
  const m = await late.next();
  expect(m.type === 'transportState' && m.seq).toBe(1);
});

test('edge fanout - a package op is served by the static site as immutable', async () => {
  rig = startEdge();
  const body = new TextEncoder().encode('{"format":"crowdlight-show-package"}');
  rig.feed({ op: 'package', path: '/pkg/00112233aabbccdd.json', contentType: 'application/json', body });
  const res = await fetch(`${rig.url}/pkg/00112233aabbccdd.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toContain('immutable');
  expect(await res.text()).toBe('{"format":"crowdlight-show-package"}');
  expect((await fetch(`${rig.url}/pkg/ffffffffffffffff.json`)).status).toBe(404);
});

test('edge fanout - only the newest show packages are kept; a replayed one counts as new', async () => {
  rig = startEdge({ limits: { maxShowPackages: 3 } });
  const path = (i: number) => `/pkg/${i.toString(16).padStart(16, '0')}.json`;
  const add = (i: number) =>
    rig!.feed({ op: 'package', path: path(i), contentType: 'application/json', body: new TextEncoder().encode(`{"n":${i}}`) });
  for (let i = 1; i <= 3; i++) add(i);
  add(1); // a replay re-sends the current package: it must not be the next to go
  add(4);
  add(5);
  const status = async (i: number) => (await fetch(`${rig!.url}${path(i)}`)).status;
  expect(await status(1)).toBe(200);
  expect(await status(2)).toBe(404);
  expect(await status(3)).toBe(404);
  expect(await status(4)).toBe(200);
  expect(await status(5)).toBe(200);
  expect(await (await fetch(`${rig.url}${path(5)}`)).text()).toBe('{"n":5}');
});

test('edge fanout - a replay of the venue in force does not move every phone again', async () => {
  rig = startEdge();
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  const a = (await joinPhone(rig, seatA)).phone;
  const changes = () => /crowdlight_edge_venue_changes_total\{[^}]*\} (\d+)/.exec(rig!.edge.metricsText())?.[1];
  expect(changes()).toBe('1');
  rig.feed({ op: 'reset' });
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  expect(changes()).toBe('1');
  // The phone is still in its zone.
  rig.feed({ op: 'send', topic: 'zone:0', frame: cueFrame(5, 'zone', 0) });
  const m = await a.next();
  expect(m.type === 'liveCue' && m.cueId).toBe(5);
  // A different venue is applied.
  rig.feed({ op: 'venue', json: JSON.stringify({ ...TWO_SECTION_VENUE, name: 'Renamed Arena' }) });
  expect(changes()).toBe('2');
});

test('edge fanout - a bad feed op or bad venue is counted and changes nothing', async () => {
  const lines: string[] = [];
  rig = startEdge({ log: (l) => lines.push(l) });
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  rig.feed({ op: 'venue', json: '{"version":1}' });
  rig.bus.publish(Subjects.feed, Uint8Array.of(77));
  const a = (await joinPhone(rig, seatA)).phone;
  rig.feed({ op: 'send', topic: 'zone:0', frame: cueFrame(3, 'zone', 0) });
  const m = await a.next();
  expect(m.type === 'liveCue' && m.cueId).toBe(3);
  expect(rig.edge.metricsText()).toContain('crowdlight_edge_feed_errors_total{edge="edge-test"} 2');
  expect(lines.length).toBe(2);
});
