import { afterEach, describe, expect, test } from 'bun:test';
import { encodeFeedOp, LATENCY_BUCKETS_MS, latencyBucket, Subjects, type EdgeStats } from '../../../src/bus/index.ts';
import { ControlError } from '../../../src/control/index.ts';
import { ALL_CUES, CUE_DURATION_UNTIL_CANCELLED, decodeServerMessage } from '../../../src/core/protocol/index.ts';
import { DEMO_SHOW_ID } from '../../../src/core/show/index.ts';
import { demoStadiumSpec } from '../../../src/core/venue/index.ts';
import { Rig } from './support.ts';

let rig: Rig;
afterEach(() => rig?.close());

const decode = (frame: Uint8Array) => decodeServerMessage(frame);

describe('controller', () => {
  test('controller - loading a show publishes the venue, the package and the announce, then a stopped transport', () => {
    rig = new Rig();
    rig.startDemo();
    const ops = rig.feed.map((o) => o.op);
    expect(ops).toContain('venue');
    const pkg = rig.feed.find((o) => o.op === 'package');
    expect(pkg?.op === 'package' && pkg.path).toMatch(/^\/pkg\/[0-9a-f]{16}\.json$/);
    const announce = decode(rig.retained('announce')!.frame);
    expect(announce.type).toBe('showAnnounce');
    if (announce.type !== 'showAnnounce' || pkg?.op !== 'package') throw new Error('unreachable');
    expect(announce.url).toBe(pkg.path);
    expect(announce.packageBytes).toBe(pkg.body.length);
    const sha = new Uint8Array(new Bun.CryptoHasher('sha256').update(pkg.body).digest());
    expect([...announce.contentHash]).toEqual([...sha]);
    const body = JSON.parse(new TextDecoder().decode(pkg.body));
    expect(body.format).toBe('crowdlight-show-package');
    expect(body.show.id).toBe(DEMO_SHOW_ID);
    expect(body.venue.id).toBe('demo-stadium');
    const t = decode(rig.retained('transport')!.frame);
    expect(t.type === 'transportState' && t.mode).toBe('stopped');
  });

  test('controller - play is scheduled one lead time ahead and carries a newer sequence', () => {
    rig = new Rig();
    const c = rig.startDemo();
    const before = decode(rig.retained('transport')!.frame);
    const r = c.transportAction('play');
    expect(r.atControllerMs).toBe(rig.nowMs + c.lead.ms);
    const t = decode(rig.retained('transport')!.frame);
    if (t.type !== 'transportState' || before.type !== 'transportState') throw new Error('unreachable');
    expect(t.mode).toBe('playing');
    expect(t.anchorControllerMs).toBe(r.atControllerMs);
    expect(t.anchorShowMs).toBe(0);
    expect(t.epoch).toBe(before.epoch);
    expect(t.seq).toBeGreaterThan(before.seq);
  });

  test('controller - a change never takes effect before the one scheduled before it', () => {
    rig = new Rig({ lead: { initialMs: 1000 } });
    const c = rig.startDemo();
    const play = c.transportAction('play');
    // The lead time falls (phones report fast round trips) before the next action.
    rig.bus.publish(Subjects.stats, new TextEncoder().encode(JSON.stringify(stats('e1', rig.nowMs, [5, 5, 5]))));
    (c as unknown as { tick(): void }).tick();
    expect(c.lead.ms).toBeLessThan(1000);
    const pause = c.transportAction('pause');
    expect(pause.atControllerMs).toBeGreaterThanOrEqual(play.atControllerMs);
    expect(pause.transport.anchorShowMs).toBeGreaterThanOrEqual(0);
  });

  test('controller - seek and rate validate their arguments and change nothing when refused', () => {
    rig = new Rig();
    const c = rig.startDemo();
    const n = rig.feed.length;
    expect(() => c.transportAction('seek', { positionMs: -5 })).toThrow(ControlError);
    expect(() => c.transportAction('seek', {})).toThrow(/positionMs/);
    expect(() => c.transportAction('rate', { rate: 0 })).toThrow(ControlError);
    expect(() => c.transportAction('rate', { rate: 65 })).toThrow(ControlError);
    expect(() => c.transportAction('bogus' as never)).toThrow(ControlError);
    expect(rig.feed.length).toBe(n);
    expect(c.currentTransport.mode).toBe('stopped');
  });

  test('controller - a zone cue goes to that zone topic and decodes to the same effect', () => {
    rig = new Rig();
    const c = rig.startDemo();
    const r = c.fireCue({ effect: { kind: 'solid', color: '#ff0000' }, target: { zones: ['north'] }, durationMs: 5000 });
    const op = rig.retained(`cue:${r.cueId}`)!;
    const zones = c.status().venue!.zones.map((z) => z.id);
    expect(op.topic).toBe(`zone:${zones.indexOf('north')}`);
    const m = decode(op.frame);
    if (m.type !== 'liveCue') throw new Error('expected liveCue');
    expect(m.cueId).toBe(r.cueId);
    expect(m.colorA).toEqual({ r: 255, g: 0, b: 0 });
    expect(m.startControllerMs).toBe(r.startControllerMs);
    expect(m.durationMs).toBe(5000);
    expect(c.status().liveCues[0]!.target).toEqual({ zones: ['north'] });
  });

  test('controller - an invalid cue is refused with the field path and publishes nothing', () => {
    rig = new Rig();
    const c = rig.startDemo();
    const n = rig.feed.length;
    let err: unknown;
    try {
      c.fireCue({ effect: { kind: 'solid', color: 'red' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ControlError);
    expect((err as ControlError).issues.some((i) => i.path.startsWith('effect.color'))).toBe(true);
    expect(() => c.fireCue({ effect: { kind: 'solid', color: '#fff' }, target: { zones: ['nowhere'] } })).toThrow(/unknown zone/);
    expect(() => c.fireCue({ effect: { kind: 'solid', color: '#ffffff' }, durationMs: -1 })).toThrow(ControlError);
    expect(rig.feed.length).toBe(n);
    expect(c.status().liveCues).toEqual([]);
  });

  test('controller - cancelling a cue sends cancelCue and re-retains it shortened, so joiners agree', () => {
    rig = new Rig();
    const c = rig.startDemo();
    const r = c.fireCue({ effect: { kind: 'solid', color: '#00ff00' } });
    expect(decode(rig.retained(`cue:${r.cueId}`)!.frame)).toMatchObject({ durationMs: CUE_DURATION_UNTIL_CANCELLED });
    rig.nowMs += 3000;
    const cancel = c.cancelCue(r.cueId);
    const sent = rig.feed.filter((o) => o.op === 'send').map((o) => decode((o as { frame: Uint8Array }).frame));
    expect(sent).toContainEqual(expect.objectContaining({ type: 'cancelCue', cueId: r.cueId, atControllerMs: cancel.atControllerMs }));
    expect(decode(rig.retained(`cue:${r.cueId}`)!.frame)).toMatchObject({ durationMs: Math.round(cancel.atControllerMs - r.startControllerMs) });
    expect(() => c.cancelCue(9999)).toThrow(/no live cue/);
  });

  test('controller - cancel all ends every cue with one ALL_CUES frame; expired cues are dropped by the sweep', () => {
    rig = new Rig();
    const c = rig.startDemo();
    c.fireCue({ effect: { kind: 'solid', color: '#00ff00' } });
    c.fireCue({ effect: { kind: 'solid', color: '#0000ff' }, target: { sections: [c.status().venue!.sections[0]!.id] } });
    c.cancelCue('all');
    const all = rig.feed.filter((o) => o.op === 'send').map((o) => decode((o as { frame: Uint8Array }).frame));
    expect(all.filter((m) => m.type === 'cancelCue' && m.cueId === ALL_CUES).length).toBe(1);
    rig.nowMs += 10_000;
    (c as unknown as { tick(): void }).tick();
    expect(c.status().liveCues).toEqual([]);
    expect(rig.feed.filter((o) => o.op === 'drop').length).toBe(2);
  });

  test('controller - blackout works without a show and survives transport changes', () => {
    rig = new Rig();
    const c = rig.start();
    expect(c.blackout(true).transport.blackout).toBe(true);
    const t = decode(rig.retained('transport')!.frame);
    expect(t.type === 'transportState' && t.blackout).toBe(true);
  });

  test('controller - a replay request re-publishes reset and the whole state', () => {
    rig = new Rig();
    const c = rig.startDemo();
    c.transportAction('play');
    c.fireCue({ effect: { kind: 'solid', color: '#ffffff' } });
    rig.feed.length = 0;
    rig.bus.publish(Subjects.replay, new TextEncoder().encode('edge-9'));
    expect(rig.feed[0]!.op).toBe('reset');
    const keys = rig.feed.filter((o) => o.op === 'retain').map((o) => (o as { key: string }).key);
    expect(keys[0]).toBe('announce');
    expect(keys[1]).toBe('transport');
    expect(keys.filter((k) => k.startsWith('cue:')).length).toBe(1);
  });

  test('controller - a restarted controller resumes the playing show at the same anchor in a newer epoch', () => {
    rig = new Rig();
    const c = rig.startDemo();
    const play = c.transportAction('play');
    c.fireCue({ effect: { kind: 'solid', color: '#ff00ff' }, durationMs: 60_000 });
    const epoch = c.currentEpoch;
    rig.nowMs += 20_000;
    const c2 = rig.restart();
    expect(c2.currentEpoch).toBeGreaterThan(epoch);
    expect(c2.currentTransport.mode).toBe('playing');
    expect(c2.currentTransport.anchorControllerMs).toBe(play.atControllerMs);
    const s = c2.status();
    expect(s.transport.positionMs).toBeCloseTo(rig.nowMs - play.atControllerMs, 6);
    expect(s.show!.id).toBe(DEMO_SHOW_ID);
    expect(s.liveCues.length).toBe(1);
    const t = decode(rig.retained('transport')!.frame);
    expect(t).toMatchObject({ type: 'transportState', epoch: c2.currentEpoch, mode: 'playing', anchorControllerMs: play.atControllerMs });
  });

  test('controller - the audience and lead time follow edge reports; stale reports drop out', () => {
    rig = new Rig({ lead: { marginMs: 50, floorMs: 10 } });
    const c = rig.startDemo();
    const s = stats('e1', rig.nowMs, [20, 30, 40]);
    s.connections = 3;
    s.ready = { [`${c.status().show!.showId}.${c.status().show!.version}`]: 2 };
    rig.bus.publish(Subjects.stats, new TextEncoder().encode(JSON.stringify(s)));
    rig.bus.publish(Subjects.stats, new TextEncoder().encode('{garbled'));
    (c as unknown as { tick(): void }).tick();
    expect(c.lead.ms).toBe(40 + 50);
    const a = c.status().audience;
    expect(a).toMatchObject({ edges: 1, connections: 3, ready: 2 });
    expect(a.rttMs.p50).toBe(30);
    rig.nowMs += 60_000;
    expect(c.status().audience.edges).toBe(0);
  });

  test('controller - a show for a venue that is not stored is refused', () => {
    rig = new Rig();
    const c = rig.start();
    const feedOp = encodeFeedOp({ op: 'reset' });
    expect(feedOp.length).toBe(1);
    expect(() => c.putShow('x', { version: 1, id: 'x', name: 'x', venue: 'nowhere', durationMs: 1000, tracks: [] })).toThrow(/not stored/);
    expect(c.listShows()).toEqual([]);
  });
});

function stats(edgeId: string, atMs: number, rtts: number[]): EdgeStats {
  const h = new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0);
  for (const v of rtts) h[latencyBucket(v)]!++;
  return { edgeId, atMs, connections: rtts.length, ready: {}, synced: rtts.length, degraded: 0, rttHistogram: h, uncertaintyHistogram: h, framesOut: 0, closesByCode: {} };
}

describe('controller restart and scheduling', () => {
  test('controller - a blackout set with no show loaded survives a restart', () => {
    rig = new Rig();
    const c = rig.start();
    c.blackout(true);
    const c2 = rig.restart();
    expect(c2.currentTransport.blackout).toBe(true);
    const t = decode(rig.retained('transport')!.frame);
    expect(t).toMatchObject({ type: 'transportState', blackout: true });
  });

  test('controller - a show that can no longer be restored keeps the blackout', () => {
    rig = new Rig();
    const c = rig.startDemo();
    c.transportAction('play');
    c.blackout(true);
    // The show can no longer be built (its venue and the load snapshot are gone from the store).
    rig.controller.stop();
    (rig.store as unknown as { db: { exec(sql: string): void } }).db.exec("DELETE FROM venues; DELETE FROM kv WHERE key = 'controller-loaded-show'");
    const c2 = rig.restart();
    expect(c2.status().show).toBeNull();
    expect(c2.currentTransport).toMatchObject({ mode: 'stopped', blackout: true });
  });

  test('controller - after a restart, a change still pending reports the state in force until then', () => {
    rig = new Rig({ lead: { initialMs: 1000 } });
    const c = rig.startDemo();
    rig.nowMs += 5000;
    const play = c.transportAction('play');
    rig.nowMs += 100; // restart well before the play takes effect
    const c2 = rig.restart();
    expect(c2.currentTransport.anchorControllerMs).toBe(play.atControllerMs);
    expect(c2.status().transport.positionMs).toBeNull();
    rig.nowMs = play.atControllerMs + 250;
    expect(c2.status().transport.positionMs).toBeCloseTo(250, 6);
  });

  test('controller - a change after loading a show is never scheduled before the load takes effect', () => {
    rig = new Rig({ lead: { initialMs: 1000, floorMs: 10, decay: 1 } });
    const c = rig.startDemo();
    const load = c.loadShow(DEMO_SHOW_ID);
    rig.bus.publish(Subjects.stats, new TextEncoder().encode(JSON.stringify(stats('e1', rig.nowMs, [5, 5, 5]))));
    (c as unknown as { tick(): void }).tick();
    expect(c.lead.ms).toBeLessThan(1000);
    const play = c.transportAction('play');
    expect(play.atControllerMs).toBeGreaterThanOrEqual(load.atControllerMs);
  });

  test('controller - a restart restores the show version that was loaded, not a later edit', () => {
    rig = new Rig();
    const c = rig.startDemo();
    c.transportAction('play');
    const announce = decode(rig.retained('announce')!.frame);
    const edited = { ...c.getShow(DEMO_SHOW_ID)!, name: 'Edited for tomorrow' };
    expect(c.putShow(DEMO_SHOW_ID, edited).version).toBe(2);
    const c2 = rig.restart();
    expect(c2.status().show).toMatchObject({ version: 1 });
    expect(c2.status().show!.name).not.toBe('Edited for tomorrow');
    const again = decode(rig.retained('announce')!.frame);
    if (again.type !== 'showAnnounce' || announce.type !== 'showAnnounce') throw new Error('expected announces');
    expect([...again.contentHash]).toEqual([...announce.contentHash]);
    expect(again.url).toBe(announce.url);
    // Loading it is how the edit goes live.
    c2.loadShow(DEMO_SHOW_ID);
    expect(c2.status().show).toMatchObject({ version: 2, name: 'Edited for tomorrow' });
  });

  test('controller - a controller that lost its stored state still starts a newer epoch than any before', () => {
    rig = new Rig();
    rig.startDemo();
    for (let i = 0; i < 3; i++) {
      rig.nowMs += 60_000;
      rig.restart();
    }
    const last = rig.controller.currentEpoch;
    rig.controller.stop();
    rig.store.setValue('controller-state', '{garbled');
    rig.nowMs += 60_000;
    expect(rig.start().currentEpoch).toBeGreaterThan(last);
  });

  test('controller - a stored state of the wrong shape starts stopped instead of failing', () => {
    rig = new Rig();
    rig.startDemo();
    rig.controller.stop();
    rig.store.setValue('controller-state', JSON.stringify({ epoch: 'x', showId: DEMO_SHOW_ID, transport: { mode: 'flying' }, cues: [{ startControllerMs: 'soon' }] }));
    rig.feed.length = 0;
    const c = rig.start();
    expect(c.currentTransport).toMatchObject({ mode: 'stopped', blackout: false });
    expect(c.status().liveCues).toEqual([]);
    const t = decode(rig.retained('transport')!.frame);
    expect(t.type).toBe('transportState');
  });

  test('controller - live cues keep their ids across a restart, and new ids continue above them', () => {
    rig = new Rig();
    const c = rig.startDemo();
    c.fireCue({ effect: { kind: 'solid', color: '#ff0000' } });
    c.transportAction('play');
    c.transportAction('pause');
    const keep = c.fireCue({ effect: { kind: 'solid', color: '#00ff00' } });
    const c2 = rig.restart();
    const ids = c2.status().liveCues.map((x) => x.cueId);
    expect(ids).toContain(keep.cueId);
    const m = decode(rig.retained(`cue:${keep.cueId}`)!.frame);
    expect(m).toMatchObject({ type: 'liveCue', cueId: keep.cueId, epoch: c2.currentEpoch });
    const fresh = c2.fireCue({ effect: { kind: 'solid', color: '#0000ff' } });
    expect(fresh.cueId).toBeGreaterThan(keep.cueId);
    // The id the console held still cancels the cue it meant.
    c2.cancelCue(keep.cueId);
    expect(c2.status().liveCues.find((x) => x.cueId === keep.cueId)!.durationMs).not.toBeNull();
    expect(c2.status().liveCues.find((x) => x.cueId === fresh.cueId)!.durationMs).toBeNull();
  });

  test('controller - loading a show that no longer fits its (replaced) venue is refused and changes nothing', () => {
    rig = new Rig();
    const c = rig.startDemo();
    c.transportAction('play');
    const spec = demoStadiumSpec();
    const changed = { ...spec, zones: spec.zones!.filter((z) => z.id !== 'north') };
    c.putVenue(spec.id, changed);
    const n = rig.feed.length;
    let err: unknown;
    try {
      c.loadShow(DEMO_SHOW_ID);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ControlError);
    expect((err as ControlError).code).toBe('conflict');
    expect((err as ControlError).issues.some((i) => i.message.includes('north'))).toBe(true);
    expect(rig.feed.length).toBe(n);
    expect(c.currentTransport.mode).toBe('playing');
  });

  test('controller - a change that went out is not reported as failed when the state cannot be saved', () => {
    const lines: string[] = [];
    rig = new Rig({ log: (l) => lines.push(l) });
    const c = rig.startDemo();
    rig.store.close(); // the disk went away
    const r = c.blackout(true);
    expect(r.transport.blackout).toBe(true);
    expect(decode(rig.retained('transport')!.frame)).toMatchObject({ blackout: true });
    expect(lines.some((l) => l.includes('could not save'))).toBe(true);
  });

  test('controller - with several changes pending, status reports the one in force at each instant', () => {
    rig = new Rig({ lead: { initialMs: 1000 } });
    const c = rig.startDemo();
    rig.nowMs += 5000;
    const play = c.transportAction('play');
    rig.nowMs += 100;
    const pause = c.transportAction('pause');
    expect(pause.atControllerMs).toBeGreaterThan(play.atControllerMs);
    expect(c.status().transport.positionMs).toBeNull(); // still stopped
    rig.nowMs = play.atControllerMs + 50;
    expect(c.status().transport.positionMs).toBeCloseTo(50, 6);
    rig.nowMs = pause.atControllerMs + 500;
    expect(c.status().transport.positionMs).toBeCloseTo(pause.atControllerMs - play.atControllerMs, 6);
    // The same holds after a restart with both still pending.
    rig.nowMs = play.atControllerMs - 10;
    const c2 = rig.restart();
    expect(c2.status().transport.positionMs).toBeNull();
    rig.nowMs = play.atControllerMs + 20;
    expect(c2.status().transport.positionMs).toBeCloseTo(20, 6);
  });
});
