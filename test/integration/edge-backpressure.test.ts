import { afterEach, expect, test } from 'bun:test';
import { encode } from '../../src/core/protocol/index.ts';
import { cancelFrame } from './support/edge-frames.ts';
import { helloMessage, joinPhone, startEdge, TWO_SECTION_VENUE, until, type EdgeRig } from './support/edge-harness.ts';
import { RawWsClient } from './support/edge-raw-client.ts';

let rig: EdgeRig | null = null;
let raw: RawWsClient | null = null;
afterEach(async () => {
  raw?.end();
  await rig?.stop();
  rig = null;
  raw = null;
});

const sweeps = (r: EdgeRig) => Number(/crowdlight_edge_socket_sweeps_total\{[^}]*\} (\d+)/.exec(r.edge.metricsText())![1]);

test('edge backpressure - a socket that stops reading is closed with 4011; others keep receiving', async () => {
  rig = startEdge({ limits: { backpressureLimitBytes: 1 << 20, softBackpressureBytes: 16 << 10, sweepIntervalMs: 15 } });
  rig.feed({ op: 'venue', json: JSON.stringify(TWO_SECTION_VENUE) });
  const survivor = (await joinPhone(rig, { section: 'B', row: '1', seat: 1 })).phone;
  raw = new RawWsClient();
  await raw.connect(rig.server.port!);
  raw.sendBinary(encode(helloMessage({ section: 'A', row: 'R1', seat: 1 })));
  await until(() => rig!.edge.stats().connections === 2, 'the raw client to say hello');
  raw.pause();
  // Fill section A's socket in steps smaller than the gap between the soft and hard limits,
  // letting a socket sweep run after each, until the slow socket is gone.
  const big = new Uint8Array(1000).fill(0x84);
  for (let step = 0; step < 200 && rig.edge.stats().connections === 2; step++) {
    for (let i = 0; i < 128; i++) rig.feed({ op: 'send', topic: 'section:0', frame: big });
    const k = sweeps(rig);
    await until(() => sweeps(rig!) >= k + 1, 'a socket sweep');
  }
  await until(() => rig!.edge.stats().connections === 1, 'the slow socket to close');
  expect(rig.edge.stats().closesByCode).toEqual({ '4011': 1 });
  rig.feed({ op: 'send', topic: 'all', frame: cancelFrame(1) });
  expect((await survivor.next()).type).toBe('cancelCue');
});
