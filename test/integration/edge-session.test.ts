import { afterEach, expect, test } from 'bun:test';
import { PROTOCOL_VERSION } from '../../src/core/protocol/index.ts';
import { announceFrame, cueFrame, transportFrame } from './support/edge-frames.ts';
import { controllerNow, helloMessage, joinPhone, startEdge, TestPhone, until, within, type EdgeRig } from './support/edge-harness.ts';

let rig: EdgeRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

test('edge session - hello gets welcome, then clock responses carry t1 <= t2 in controller time', async () => {
  rig = startEdge({ edgeId: 'edge-a' });
  const before = controllerNow();
  const { phone, welcome } = await joinPhone(rig);
  expect(welcome.type).toBe('welcome');
  if (welcome.type !== 'welcome') return;
  expect(welcome.protocolVersion).toBe(PROTOCOL_VERSION);
  expect(welcome.edgeId).toBe('edge-a');
  expect(welcome.sessionId).toBeGreaterThan(0);
  expect(welcome.resumeToken?.length).toBe(16);
  expect(welcome.controllerTimeMs).toBeGreaterThanOrEqual(before);
  for (let seq = 1; seq <= 5; seq++) {
    const t0 = 1000 + seq;
    const sent = controllerNow();
    phone.send({ type: 'clockRequest', seq, t0 });
    const res = await phone.next('clockResponse');
    const received = controllerNow();
    expect(res.type).toBe('clockResponse');
    if (res.type !== 'clockResponse') return;
    expect(res.seq).toBe(seq);
    expect(res.t0).toBe(t0);
    expect(res.t1).toBeLessThanOrEqual(res.t2);
    expect(res.t1).toBeGreaterThanOrEqual(sent);
    expect(res.t2).toBeLessThanOrEqual(received);
  }
  expect(rig.edge.stats().connections).toBe(1);
  expect(rig.edge.metricsText()).toContain('crowdlight_edge_sync_exchanges_total{edge="edge-a"} 5');
});

test('edge session - a late joiner receives the retained state in retention order', async () => {
  rig = startEdge();
  const announce = announceFrame();
  rig.feed({ op: 'retain', key: 'announce', topic: 'all', frame: announce });
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(1) });
  rig.feed({ op: 'retain', key: 'cue:5', topic: 'all', frame: cueFrame(5) });
  rig.feed({ op: 'retain', key: 'cue:6', topic: 'all', frame: cueFrame(6) });
  // A newer transport replaces the retained one in place; a dropped cue is not sent.
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(2) });
  rig.feed({ op: 'drop', key: 'cue:5' });
  const { phone } = await joinPhone(rig);
  const got = [await phone.next(), await phone.next(), await phone.next()];
  expect(got.map((m) => m.type)).toEqual(['showAnnounce', 'transportState', 'liveCue']);
  expect(got[1]!.type === 'transportState' && got[1]!.seq).toBe(2);
  expect(got[2]!.type === 'liveCue' && got[2]!.cueId).toBe(6);
  // Nothing else was retained: the next frame is the answer to a clock request.
  phone.send({ type: 'clockRequest', seq: 1, t0: 0 });
  expect((await phone.next()).type).toBe('clockResponse');
});

test('edge session - reset forgets the retained state', async () => {
  rig = startEdge();
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(1) });
  rig.feed({ op: 'reset' });
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(1, 2) });
  const { phone } = await joinPhone(rig);
  const m = await phone.next();
  expect(m.type === 'transportState' && m.epoch).toBe(2);
  phone.send({ type: 'clockRequest', seq: 1, t0: 0 });
  expect((await phone.next()).type).toBe('clockResponse');
});

test('edge session - a hello with the welcome token resumes the session and is counted as a resume', async () => {
  rig = startEdge();
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(1) });
  const first = await joinPhone(rig);
  if (first.welcome.type !== 'welcome') throw new Error('no welcome');
  first.phone.close();
  await first.phone.waitClosed();
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(3) });
  const again = await joinPhone(rig, null, { resumeToken: first.welcome.resumeToken!, deviceId: first.hello.deviceId });
  if (again.welcome.type !== 'welcome') throw new Error('no welcome');
  expect(again.welcome.sessionId).toBe(first.welcome.sessionId);
  const state = await again.phone.next();
  expect(state.type === 'transportState' && state.seq).toBe(3);
  const text = rig.edge.metricsText();
  expect(text).toContain('crowdlight_edge_sessions_total{edge="edge-test",kind="fresh"} 1');
  expect(text).toContain('crowdlight_edge_sessions_total{edge="edge-test",kind="resume"} 1');
  // A token presented by another device does not verify: fresh session, counted as rejected.
  const other = await joinPhone(rig, null, { resumeToken: first.welcome.resumeToken! });
  if (other.welcome.type !== 'welcome') throw new Error('no welcome');
  expect(other.welcome.sessionId).not.toBe(first.welcome.sessionId);
  expect(rig.edge.metricsText()).toContain('crowdlight_edge_resume_rejected_total{edge="edge-test"} 1');
});

test('edge session - a socket that never says hello is closed with 4013 by the sweep', async () => {
  rig = startEdge({ limits: { helloTimeoutMs: 150 } });
  const silent = new TestPhone(rig.wsUrl);
  const { phone: talker } = await joinPhone(rig);
  const info = await silent.waitClosed('the hello-timeout close');
  expect(info.code).toBe(4013);
  expect(info.reason).toBe('no hello received in time after connecting');
  // The phone that said hello stays connected.
  talker.send({ type: 'clockRequest', seq: 1, t0: 0 });
  expect((await talker.next()).type).toBe('clockResponse');
  await until(() => rig!.edge.stats().closesByCode['4013'] === 1, 'the close to be counted');
});

test('edge session - another protocol version is closed with 4000 and the documented reason', async () => {
  rig = startEdge();
  const phone = new TestPhone(rig.wsUrl);
  await within(phone.opened, 'open');
  const hello = helloMessage();
  const bytes = new Uint8Array(20);
  bytes[0] = 0x01;
  bytes[1] = 2; // version 2, little-endian
  bytes.set(hello.deviceId, 4);
  phone.sendRaw(bytes);
  const info = await phone.waitClosed();
  expect(info.code).toBe(4000);
  expect(info.reason).toBe('protocol version not supported by this server; reload the page');
});

test('edge session - a phone that stops sending is closed with 4012 by the sweep, even while it is sent keyframes', async () => {
  rig = startEdge({ limits: { idleTimeoutMs: 300, sweepIntervalMs: 20, keyframeIntervalMs: 20 } });
  rig.feed({ op: 'retain', key: 'transport', topic: 'all', frame: transportFrame(1) });
  const { phone: quiet } = await joinPhone(rig);
  const { phone: busy } = await joinPhone(rig);
  let seq = 0;
  const keepAlive = setInterval(() => busy.send({ type: 'clockRequest', seq: ++seq, t0: 0 }), 20);
  try {
    const info = await quiet.waitClosed('the idle close');
    expect(info.code).toBe(4012);
    expect(info.reason).toBe('no message received for too long');
    expect(quiet.received.filter((m) => m.type === 'transportState').length).toBeGreaterThan(1);
    expect(busy.isClosed).toBe(false);
    await until(() => rig!.edge.stats().closesByCode['4012'] === 1, 'the close to be counted');
  } finally {
    clearInterval(keepAlive);
  }
});
