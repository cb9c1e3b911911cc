import { describe, expect, test } from 'bun:test';
import {
  ALL_CUES,
  MessageType,
  PROTOCOL_VERSION,
  decodeClientMessage,
  decodeMessage,
  decodeServerMessage,
  encode,
  encodeInto,
  type Message,
  type ProtocolErrorCode,
} from '../../../src/core/protocol/index.ts';
import { expectProtocolError } from './expect-error.ts';
import { allFixtures } from './fixtures.ts';

const first = <T extends Message['type']>(type: T): Extract<Message, { type: T }> =>
  allFixtures.find((m) => m.type === type) as Extract<Message, { type: T }>;

/** Frame of the first fixture of `type`, with `patch` applied to its bytes. */
function patched(type: Message['type'], patch: (b: Uint8Array, dv: DataView) => void): Uint8Array {
  const b = encode(first(type));
  patch(b, new DataView(b.buffer, b.byteOffset, b.byteLength));
  return b;
}

/** Field offsets (bytes from the start of the frame) of the fixed-layout float fields. */
const F64_FIELDS: [Message['type'], number][] = [
  ['clockRequest', 5],
  ['clockResponse', 5],
  ['clockResponse', 13],
  ['clockResponse', 21],
  ['welcome', 7],
  ['transportState', 19],
  ['transportState', 27],
  ['liveCue', 13],
  ['cancelCue', 9],
];
const F32_FIELDS: [Message['type'], number][] = [
  ['qualityReport', 1],
  ['qualityReport', 5],
  ['qualityReport', 9],
  ['qualityReport', 13],
  ['transportState', 35],
  ['liveCue', 32],
  ['liveCue', 44],
];

describe('protocol decoding validation', () => {
  test("protocol - non-finite float64 times throw 'out-of-range'", () => {
    for (const [type, off] of F64_FIELDS) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        expectProtocolError(() => decodeMessage(patched(type, (_, dv) => dv.setFloat64(off, bad, true))), 'out-of-range');
      }
      // A NaN with a non-canonical payload is refused too.
      expectProtocolError(
        () => decodeMessage(patched(type, (_, dv) => dv.setUint32(off + 4, 0x7ff80001, true))),
        'out-of-range',
      );
    }
  });

  test("protocol - non-finite float32 fields throw 'out-of-range'", () => {
    for (const [type, off] of F32_FIELDS) {
      for (const bad of [NaN, Infinity, -Infinity]) {
        expectProtocolError(() => decodeMessage(patched(type, (_, dv) => dv.setFloat32(off, bad, true))), 'out-of-range');
      }
    }
  });

  test("protocol - negative uncertainty or rtt, and a rate of zero, negative or above 64 throw 'out-of-range'", () => {
    for (const [type, off, v] of [
      ['qualityReport', 1, -0.5],
      ['qualityReport', 5, -1],
      ['transportState', 35, 0],
      ['transportState', 35, -1],
      ['transportState', 35, 64.5],
    ] as const) {
      expectProtocolError(() => decodeMessage(patched(type, (_, dv) => dv.setFloat32(off, v, true))), 'out-of-range');
    }
  });

  test("protocol - out-of-range enum values throw 'out-of-range'", () => {
    const cases: [Message['type'], number, number[]][] = [
      ['transportState', 9, [3, 4, 0x80, 0xff]],
      ['liveCue', 9, [10, 11, 0xff]],
      ['liveCue', 10, [3, 0xff]],
      ['redirect', 1, [4, 0xff]],
      ['qualityReport', 21, [101, 200, 254]],
    ];
    for (const [type, off, values] of cases) {
      for (const v of values) {
        expectProtocolError(() => decodeMessage(patched(type, (b) => (b[off] = v))), 'out-of-range');
      }
    }
  });

  test("protocol - reserved flag bits throw 'out-of-range'", () => {
    for (const bit of [0x04, 0x10, 0x80]) {
      expectProtocolError(() => decodeClientMessage(patched('hello', (b) => (b[3] |= bit))), 'out-of-range');
    }
    expectProtocolError(() => decodeClientMessage(patched('qualityReport', (b) => (b[22] |= 0x80))), 'out-of-range');
    for (const bit of [0x02, 0x80]) {
      expectProtocolError(() => decodeServerMessage(patched('transportState', (b) => (b[10] |= bit))), 'out-of-range');
    }
  });

  test("protocol - liveCue with the reserved cue id, too many params, or a target id for 'all' throws 'out-of-range'", () => {
    expectProtocolError(() => decodeServerMessage(patched('liveCue', (_, dv) => dv.setUint32(5, ALL_CUES, true))), 'out-of-range');
    const five = patched('liveCue', (b) => (b[31] = 5));
    const longer = new Uint8Array(five.length + 4);
    longer.set(five);
    expectProtocolError(() => decodeServerMessage(longer), 'out-of-range');
    const all = allFixtures.find((m) => m.type === 'liveCue' && m.target === 'all')!;
    const frame = encode(all);
    frame[11] = 1;
    expectProtocolError(() => decodeServerMessage(frame), 'out-of-range');
  });

  test("protocol - length prefixes beyond their bounds throw 'out-of-range' (not 'truncated')", () => {
    const pad = (b: Uint8Array) => {
      const out = new Uint8Array(b.length + 64);
      out.set(b);
      return out;
    };
    // hello with seat: section length at 20, row/seat follow; token after.
    expectProtocolError(() => decodeClientMessage(pad(patched('hello', (b) => (b[20] = 25)))), 'out-of-range');
    const hello = first('hello');
    const rowAt = 21 + new TextEncoder().encode(hello.seat!.section).length;
    expectProtocolError(() => decodeClientMessage(pad(patched('hello', (b) => (b[rowAt] = 9)))), 'out-of-range');
    // ready hash length: 0 and 33.
    for (const n of [0, 33]) expectProtocolError(() => decodeClientMessage(pad(patched('ready', (b) => (b[9] = n)))), 'out-of-range');
    // welcome edge id length 33.
    expectProtocolError(() => decodeServerMessage(pad(patched('welcome', (b) => (b[15] = 33)))), 'out-of-range');
    // redirect url length 0 and 513 (a frame long enough to hold it).
    const big = new Uint8Array(600);
    big.set(encode(first('redirect')));
    big[2] = 513 & 0xff;
    big[3] = 513 >> 8;
    expectProtocolError(() => decodeServerMessage(big), 'out-of-range');
    expectProtocolError(() => decodeServerMessage(patched('redirect', (b) => { b[2] = 0; b[3] = 0; })), 'out-of-range');
  });

  test('protocol - decoding errors name the field and the message type', () => {
    const hello = encode(first('hello'));
    expect(expectProtocolError(() => decodeClientMessage(hello.subarray(0, 20)), 'truncated').message).toContain('hello: seat.section length needs 1 byte(s) at offset 20');
    expect(expectProtocolError(() => decodeClientMessage(patched('hello', (b) => (b[20] = 25))), 'out-of-range').message).toContain('seat.section length 25 outside [0, 24]');
    const cue = allFixtures.find((m) => m.type === 'liveCue' && m.params.length >= 2)!;
    const frame = encode(cue);
    new DataView(frame.buffer).setFloat32(36, Number.POSITIVE_INFINITY, true);
    expect(expectProtocolError(() => decodeServerMessage(frame), 'out-of-range').message).toContain('liveCue: params[1] Infinity');
    expect(expectProtocolError(() => decodeServerMessage(encode(cue).subarray(0, 27)), 'truncated').message).toContain('colorA.b');
  });

  test("protocol - hello with the resume-token flag and a zero-length token throws 'out-of-range'", () => {
    const m = { ...first('hello'), seat: null, resumeToken: new Uint8Array([9]) };
    const frame = encode(m);
    frame[20] = 0;
    expectProtocolError(() => decodeClientMessage(frame.subarray(0, 21)), 'out-of-range');
  });

  test("protocol - invalid UTF-8 in strings throws 'bad-string'", () => {
    const badSequences = [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80]];
    for (const seq of badSequences) {
      const hello = encode({ ...first('hello'), seat: { section: 'x'.repeat(seq.length), row: '', seat: 0 }, resumeToken: null });
      hello.set(seq, 21);
      expectProtocolError(() => decodeClientMessage(hello), 'bad-string');
      const redirect = encode({ type: 'redirect', reason: 'rebalance', url: 'y'.repeat(seq.length + 2) });
      redirect.set(seq, 5);
      expectProtocolError(() => decodeServerMessage(redirect), 'bad-string');
    }
  });

  test('protocol - a leading byte-order mark in a string is kept, not stripped', () => {
    const m: Message = { type: 'redirect', reason: 'draining', url: '\uFEFF/x' };
    expect(decodeServerMessage(encode(m))).toEqual(m);
  });

  test("protocol - hello or welcome of another protocol version throws 'version-mismatch' before the body is parsed", () => {
    for (const v of [0, PROTOCOL_VERSION + 1, 0xffff]) {
      const hello = new Uint8Array([MessageType.Hello, v & 0xff, v >> 8]);
      expectProtocolError(() => decodeClientMessage(hello), 'version-mismatch');
      expectProtocolError(() => decodeClientMessage(patched('hello', (_, dv) => dv.setUint16(1, v, true))), 'version-mismatch');
      expectProtocolError(() => decodeServerMessage(patched('welcome', (_, dv) => dv.setUint16(1, v, true))), 'version-mismatch');
    }
  });
});

describe('protocol encoding validation', () => {
  const cases: [string, unknown, ProtocolErrorCode][] = [
    ['NaN t0', { type: 'clockRequest', seq: 1, t0: NaN }, 'out-of-range'],
    ['infinite time', { ...first('cancelCue'), atControllerMs: Infinity }, 'out-of-range'],
    ['negative seq', { type: 'clockRequest', seq: -1, t0: 0 }, 'out-of-range'],
    ['fractional seq', { type: 'clockRequest', seq: 1.5, t0: 0 }, 'out-of-range'],
    ['seq of 2^32', { type: 'clockRequest', seq: 2 ** 32, t0: 0 }, 'out-of-range'],
    ['string seq', { type: 'clockRequest', seq: '1', t0: 0 }, 'out-of-range'],
    ['short device id', { ...first('hello'), deviceId: new Uint8Array(15) }, 'out-of-range'],
    ['device id not bytes', { ...first('hello'), deviceId: [1, 2] }, 'out-of-range'],
    ['long section', { ...first('hello'), seat: { section: 'x'.repeat(25), row: '', seat: 0 } }, 'out-of-range'],
    ['missing seat field', { ...first('hello'), seat: { section: 'a', row: 'b' } }, 'out-of-range'],
    ['seat number 65536', { ...first('hello'), seat: { section: 'a', row: 'b', seat: 65536 } }, 'out-of-range'],
    ['seat not an object', { ...first('hello'), seat: 'K14' }, 'out-of-range'],
    ['empty resume token', { ...first('hello'), resumeToken: new Uint8Array(0) }, 'out-of-range'],
    ['long resume token', { ...first('hello'), resumeToken: new Uint8Array(33) }, 'out-of-range'],
    ['lone surrogate', { ...first('hello'), seat: { section: '\ud800', row: '', seat: 1 } }, 'bad-string'],
    ['empty hash', { ...first('ready'), contentHash: new Uint8Array(0) }, 'out-of-range'],
    ['battery 101', { ...first('qualityReport'), batteryPercent: 101 }, 'out-of-range'],
    ['negative rtt', { ...first('qualityReport'), rttMs: -1 }, 'out-of-range'],
    ['float32 overflow', { ...first('qualityReport'), driftPpm: 1e39 }, 'out-of-range'],
    ['rate 65', { ...first('transportState'), rate: 65 }, 'out-of-range'],
    ['rate 0', { ...first('transportState'), rate: 0 }, 'out-of-range'],
    ['rate rounding to float32 zero', { ...first('transportState'), rate: 1e-50 }, 'out-of-range'],
    ['blackout missing', { ...first('transportState'), blackout: undefined }, 'out-of-range'],
    ['quality flag not a boolean', { ...first('qualityReport'), synced: 1 }, 'out-of-range'],
    ['quality flag missing', { ...first('qualityReport'), pageHidden: undefined }, 'out-of-range'],
    ['unknown mode', { ...first('transportState'), mode: 'rewinding' }, 'out-of-range'],
    ['effect 10', { ...first('liveCue'), effect: 10 }, 'out-of-range'],
    ['five params', { ...first('liveCue'), params: [1, 2, 3, 4, 5] }, 'out-of-range'],
    ['NaN param', { ...first('liveCue'), params: [NaN] }, 'out-of-range'],
    ['colour 256', { ...first('liveCue'), colorA: { r: 256, g: 0, b: 0 } }, 'out-of-range'],
    ['colour missing', { ...first('liveCue'), colorB: null }, 'out-of-range'],
    ['target id for all', { ...first('liveCue'), target: 'all', targetId: 2 }, 'out-of-range'],
    ['reserved cue id', { ...first('liveCue'), cueId: ALL_CUES }, 'out-of-range'],
    ['url too long', { type: 'redirect', reason: 'rebalance', url: 'x'.repeat(513) }, 'out-of-range'],
    ['empty url', { type: 'redirect', reason: 'rebalance', url: '' }, 'out-of-range'],
    ['unknown reason', { type: 'redirect', reason: 'bored', url: '/' }, 'out-of-range'],
    ['unknown type', { type: 'goodbye' }, 'unknown-type'],
    ['inherited type name', { type: 'toString' }, 'unknown-type'],
    ['not an object', null, 'unknown-type'],
  ];
  for (const [name, msg, code] of cases) {
    test(`protocol - encoding with ${name} throws '${code}'`, () => {
      expectProtocolError(() => encode(msg as Message), code);
    });
  }

  test("protocol - encodeInto a buffer too small throws 'buffer-too-small'", () => {
    for (const m of allFixtures) {
      const n = encode(m).length;
      expectProtocolError(() => encodeInto(m, new Uint8Array(n - 1)), 'buffer-too-small');
      expectProtocolError(() => encodeInto(m, new Uint8Array(n + 3), 4), 'buffer-too-small');
      expect(encodeInto(m, new Uint8Array(n + 3), 3)).toBe(n);
    }
  });
});

describe('protocol encodeInto arguments', () => {
  test("protocol - encodeInto with a bad offset or output throws 'buffer-too-small'", () => {
    const m = allFixtures[0];
    for (const offset of [-1, 0.5, NaN, 1000]) {
      expectProtocolError(() => encodeInto(m, new Uint8Array(300), offset), 'buffer-too-small');
    }
    expectProtocolError(() => encodeInto(m, [] as unknown as Uint8Array), 'buffer-too-small');
  });
});
