import { afterEach, expect, test } from 'bun:test';
import { closeCodeInfo, encode } from '../../src/core/protocol/index.ts';
import { cancelFrame } from './support/edge-frames.ts';
import { helloMessage, joinPhone, startEdge, TestPhone, until, within, type EdgeRig } from './support/edge-harness.ts';

let rig: EdgeRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

const welcomeBytes = () =>
  encode({ type: 'welcome', protocolVersion: 1, sessionId: 1, edgeId: 'x', controllerTimeMs: 0, resumeToken: null });

interface Case {
  name: string;
  helloFirst: boolean;
  frame: () => Uint8Array | string;
  code: number;
}

const CASES: Case[] = [
  { name: 'a malformed (truncated) clock request', helloFirst: true, frame: () => Uint8Array.of(0x02, 1, 2, 3), code: 4001 },
  { name: 'a frame above 256 bytes (Bun refuses it: 1009)', helloFirst: true, frame: () => new Uint8Array(300).fill(0x02), code: 1009 },
  { name: 'an unknown type', helloFirst: true, frame: () => Uint8Array.of(0x55, 0, 0), code: 4003 },
  { name: 'a text frame', helloFirst: true, frame: () => 'hello?', code: 4005 },
  { name: 'a server-only type', helloFirst: true, frame: welcomeBytes, code: 4004 },
  { name: 'a second hello', helloFirst: true, frame: () => encode(helloMessage()), code: 4004 },
  { name: 'a clock request before hello', helloFirst: false, frame: () => Uint8Array.of(0x02, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), code: 4004 },
  { name: 'an empty frame before hello', helloFirst: false, frame: () => new Uint8Array(0), code: 4001 },
];

for (const c of CASES) {
  test(`edge limits - ${c.name} closes only that socket with ${c.code}`, async () => {
    rig = startEdge();
    const survivor = (await joinPhone(rig)).phone;
    let offender: TestPhone;
    if (c.helloFirst) offender = (await joinPhone(rig)).phone;
    else {
      offender = new TestPhone(rig.wsUrl);
      await within(offender.opened, 'open');
    }
    offender.sendRaw(c.frame());
    const info = await offender.waitClosed();
    expect(info.code).toBe(c.code);
    if (c.code >= 4000) expect(info.reason).toBe(closeCodeInfo(c.code)!.reason);
    await until(() => rig!.edge.stats().closesByCode[String(c.code)] === 1, `close ${c.code} to be counted`);
    rig.feed({ op: 'send', topic: 'all', frame: cancelFrame(1) });
    expect((await survivor.next()).type).toBe('cancelCue');
    expect(rig.edge.stats().connections).toBe(1);
    expect(rig.edge.metricsText()).toContain(`crowdlight_edge_closes_total{edge="edge-test",code="${c.code}",name="`);
  });
}

test('edge limits - a phone over its message rate is closed with 4010', async () => {
  rig = startEdge({ limits: { messageBurst: 5, messagesPerSecond: 0.001 } });
  const survivor = (await joinPhone(rig)).phone;
  const { phone } = await joinPhone(rig); // hello took one token
  for (let i = 0; i < 10; i++) phone.send({ type: 'clockRequest', seq: i, t0: 0 });
  const info = await phone.waitClosed();
  expect(info.code).toBe(4010);
  // The first four requests were answered before the bucket ran dry.
  expect(phone.received.filter((m) => m.type === 'clockResponse').length).toBe(4);
  survivor.send({ type: 'clockRequest', seq: 1, t0: 0 });
  expect((await survivor.next()).type).toBe('clockResponse');
});

test('edge limits - upgrades over the per-process rate get 503 with a jittered Retry-After', async () => {
  rig = startEdge({ limits: { upgradeBurst: 2, upgradesPerSecond: 0.001, retryAfterMinSec: 2, retryAfterMaxSec: 4 } });
  await joinPhone(rig);
  await joinPhone(rig);
  const key = btoa('0123456789abcdef');
  const res = await fetch(`${rig.url}/ws`, {
    headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': key, 'sec-websocket-version': '13' },
  });
  expect(res.status).toBe(503);
  const retry = Number(res.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(2);
  expect(retry).toBeLessThanOrEqual(4);
  const refused = new TestPhone(rig.wsUrl);
  await expect(within(refused.opened, 'refusal')).rejects.toThrow();
  expect(rig.edge.metricsText()).toContain('crowdlight_edge_upgrades_total{edge="edge-test",result="refused"} 2');
});

test('edge limits - /ws without an upgrade header gets 426', async () => {
  rig = startEdge();
  const res = await fetch(`${rig.url}/ws`);
  expect(res.status).toBe(426);
});
