import { describe, expect, test } from 'bun:test';
import { encode, encodeClient, encodeClientInto, ProtocolError, type ClientMessage } from '../../../src/core/protocol/index.ts';
import { clientFixtures, serverFixtures } from './fixtures.ts';

describe('protocol directional entry points', () => {
  test('protocol - encodeClient writes exactly the bytes encode writes, for every phone message', () => {
    const examples = clientFixtures;
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const m of examples) expect([...encodeClient(m)]).toEqual([...encode(m)]);
  });

  test('protocol - encodeClient refuses server messages and unknown types with ProtocolError', () => {
    for (const m of serverFixtures) {
      expect(() => encodeClient(m as unknown as ClientMessage)).toThrow(ProtocolError);
    }
    expect(() => encodeClient({ type: 'nope' } as unknown as ClientMessage)).toThrow(ProtocolError);
  });

  test('protocol - encodeClientInto writes at an offset and checks the buffer size', () => {
    const m = clientFixtures[0]!;
    const out = new Uint8Array(300);
    const n = encodeClientInto(m, out, 7);
    expect([...out.subarray(7, 7 + n)]).toEqual([...encode(m)]);
    expect(() => encodeClientInto(m, new Uint8Array(3))).toThrow(ProtocolError);
  });

  test('protocol - a bundle that only encodes phone frames and decodes server frames carries no server writer or client reader', async () => {
    const entry = `${import.meta.dir}/.directional-entry.ts`;
    await Bun.write(entry, `import { encodeClient, decodeServerMessage } from '../../../src/core/protocol/index.ts';\nexport { encodeClient, decodeServerMessage };\n`);
    try {
      const out = await Bun.build({ entrypoints: [entry], minify: false, target: 'browser' });
      expect(out.success).toBe(true);
      const js = await out.outputs[0]!.text();
      for (const absent of ['writeWelcome', 'writeTransportState', 'writeLiveCue', 'readHello', 'readQualityReport']) expect(js).not.toContain(absent);
      for (const present of ['writeHello', 'readTransportState', 'readLiveCue']) expect(js).toContain(present);
    } finally {
      await Bun.file(entry).delete();
    }
  });
});
