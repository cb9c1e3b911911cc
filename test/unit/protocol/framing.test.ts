import { describe, expect, test } from 'bun:test';
import {
  MAX_CLIENT_FRAME_BYTES,
  MAX_SERVER_FRAME_BYTES,
  MessageType,
  decodeClientMessage,
  decodeMessage,
  decodeServerMessage,
  encode,
  messageTypeName,
  peekType,
  type BinaryInput,
  type Message,
} from '../../../src/core/protocol/index.ts';
import { expectProtocolError } from './expect-error.ts';
import { allFixtures, clientFixtures, label, serverFixtures } from './fixtures.ts';

function decoderFor(m: Message): (b: BinaryInput) => Message {
  return clientFixtures.includes(m as never) ? decodeClientMessage : decodeServerMessage;
}

describe('protocol framing', () => {
  allFixtures.forEach((m, i) => {
    test(`protocol - every truncation of ${label(m, i)} throws 'truncated'`, () => {
      const frame = encode(m);
      const decode = decoderFor(m);
      for (let n = 0; n < frame.length; n++) {
        expectProtocolError(() => decode(frame.subarray(0, n)), 'truncated');
        expectProtocolError(() => decodeMessage(frame.slice(0, n).buffer), 'truncated');
      }
    });

    test(`protocol - ${label(m, i)} with trailing bytes throws 'oversized'`, () => {
      const frame = encode(m);
      const decode = decoderFor(m);
      for (const extra of [1, 2, 9]) {
        const longer = new Uint8Array(frame.length + extra);
        longer.set(frame);
        expectProtocolError(() => decode(longer), 'oversized');
      }
    });
  });

  test("protocol - client frames above MAX_CLIENT_FRAME_BYTES throw 'too-large' before parsing", () => {
    const hello = encode(clientFixtures[0]);
    const big = new Uint8Array(MAX_CLIENT_FRAME_BYTES + 1);
    big.set(hello);
    expectProtocolError(() => decodeClientMessage(big), 'too-large');
    // Even an unknown type byte: the size check comes first.
    expectProtocolError(() => decodeClientMessage(new Uint8Array(100_000)), 'too-large');
    // At exactly the limit the frame is parsed (and here has trailing bytes).
    expectProtocolError(() => decodeClientMessage(big.subarray(0, MAX_CLIENT_FRAME_BYTES)), 'oversized');
  });

  test("protocol - server frames above MAX_SERVER_FRAME_BYTES throw 'too-large'", () => {
    const big = new Uint8Array(MAX_SERVER_FRAME_BYTES + 1);
    big.set(encode(serverFixtures[0]));
    expectProtocolError(() => decodeServerMessage(big), 'too-large');
    expectProtocolError(() => decodeMessage(big), 'too-large');
  });

  test("protocol - every unassigned type byte throws 'unknown-type'", () => {
    let unknown = 0;
    for (let t = 0; t < 256; t++) {
      if (messageTypeName(t) !== undefined) continue;
      unknown++;
      const frame = new Uint8Array(40);
      frame[0] = t;
      expectProtocolError(() => peekType(frame), 'unknown-type');
      expectProtocolError(() => decodeClientMessage(frame), 'unknown-type');
      expectProtocolError(() => decodeServerMessage(frame), 'unknown-type');
      expectProtocolError(() => decodeMessage(frame.subarray(0, 1)), 'unknown-type');
    }
    expect(unknown).toBe(256 - 11);
  });

  test("protocol - a phone sending a server-only type gets 'unexpected-type'", () => {
    for (const m of serverFixtures) {
      const frame = encode(m);
      // The size cap is checked first: a long server frame is 'too-large' for a phone.
      const code = frame.length > MAX_CLIENT_FRAME_BYTES ? 'too-large' : 'unexpected-type';
      expectProtocolError(() => decodeClientMessage(frame), code);
      expectProtocolError(() => decodeClientMessage(frame.subarray(0, 1)), 'unexpected-type');
    }
  });

  test("protocol - an edge sending a phone-only type gets 'unexpected-type'", () => {
    for (const m of clientFixtures) expectProtocolError(() => decodeServerMessage(encode(m)), 'unexpected-type');
  });

  test("protocol - empty frames throw 'truncated' and non-binary input throws 'not-binary'", () => {
    expectProtocolError(() => peekType(new Uint8Array(0)), 'truncated');
    expectProtocolError(() => decodeClientMessage(new ArrayBuffer(0)), 'truncated');
    for (const bad of ['hello', 42, null, undefined, {}, [1, 2, 3]]) {
      expectProtocolError(() => decodeClientMessage(bad as unknown as Uint8Array), 'not-binary');
      expectProtocolError(() => decodeServerMessage(bad as unknown as Uint8Array), 'not-binary');
      expectProtocolError(() => peekType(bad as unknown as Uint8Array), 'not-binary');
    }
  });

  test("protocol - a detached buffer or a view over one throws 'truncated', not a TypeError", () => {
    const hello = encode(clientFixtures[0]);
    const buffer = hello.slice().buffer;
    const view = new DataView(buffer);
    const bytes = new Uint8Array(buffer);
    structuredClone(buffer, { transfer: [buffer] });
    for (const input of [buffer, view, bytes]) {
      expectProtocolError(() => decodeClientMessage(input), 'truncated');
      expectProtocolError(() => decodeMessage(input), 'truncated');
      expectProtocolError(() => peekType(input), 'truncated');
    }
  });

  test('protocol - byte fields decoded from a Buffer are plain copies that do not alias it', () => {
    const hello: Message = { type: 'hello', protocolVersion: 1, deviceId: new Uint8Array(16).fill(7), seat: null, resumeToken: new Uint8Array([1, 2, 3]) };
    const ready: Message = { type: 'ready', showId: 1, showVersion: 2, contentHash: new Uint8Array(32).fill(9) };
    for (const m of [hello, ready]) {
      const socketBuffer = Buffer.from(encode(m));
      const decoded = decodeClientMessage(socketBuffer);
      socketBuffer.fill(0); // the runtime reuses its receive buffer
      expect(decoded).toEqual(m);
      for (const v of Object.values(decoded)) if (v instanceof Uint8Array) expect(v.constructor).toBe(Uint8Array);
    }
  });

  test('protocol - peekType reads only the type byte', () => {
    expect(peekType(new Uint8Array([MessageType.ClockRequest]))).toBe(MessageType.ClockRequest);
    expect(peekType(new Uint8Array([MessageType.Redirect, 0xff, 0xff]).buffer)).toBe(MessageType.Redirect);
  });
});
