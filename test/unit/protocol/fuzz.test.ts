import { describe, expect, test } from 'bun:test';
import {
  MessageType,
  ProtocolError,
  decodeClientMessage,
  decodeMessage,
  decodeServerMessage,
  encode,
  newClockRequest,
  newClockResponse,
  readClockRequest,
  readClockResponse,
  type Message,
} from '../../../src/core/protocol/index.ts';
import { allFixtures } from './fixtures.ts';
import { mulberry32, randInt } from './prng.ts';
import { randomMessage } from './random-messages.ts';

const FUZZ_SEED = 0x5eed_c0de;
const FUZZ_FRAMES = 120_000;
const TYPES = Object.values(MessageType);
const INTERESTING = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x20, 0x21, 0x40];

describe('protocol fuzz', () => {
  test('protocol - random valid messages round-trip exactly', () => {
    const rand = mulberry32(1234);
    for (let i = 0; i < 5_000; i++) {
      const m = randomMessage(rand);
      const frame = encode(m);
      expect(decodeMessage(frame)).toEqual(m);
    }
  });

  test(`protocol - ${FUZZ_FRAMES} random and mutated frames throw only ProtocolError, and what decodes re-encodes to the same bytes`, () => {
    const rand = mulberry32(FUZZ_SEED);
    const corpus: Uint8Array[] = allFixtures.map((m) => encode(m));
    for (let i = 0; i < 400; i++) corpus.push(encode(randomMessage(rand)));
    const pick = () => corpus[randInt(rand, corpus.length)];
    const req = newClockRequest();
    const res = newClockResponse();
    const codes = new Map<string, number>();
    let accepted = 0;
    let foreign: unknown = null;

    const attempt = (fn: () => Message | unknown, frame: Uint8Array): void => {
      try {
        const m = fn();
        if (m && typeof m === 'object' && 'type' in m) {
          // Canonical form: anything accepted encodes back to exactly the same bytes.
          const again = encode(m as Message);
          if (again.length !== frame.length || again.some((v, k) => v !== frame[k])) {
            foreign ??= new Error(`non-canonical frame ${Array.from(frame).join(',')}`);
          }
        }
        accepted++;
      } catch (err) {
        if (err instanceof ProtocolError) codes.set(err.code, (codes.get(err.code) ?? 0) + 1);
        else foreign ??= err;
      }
    };

    for (let i = 0; i < FUZZ_FRAMES; i++) {
      let frame: Uint8Array;
      switch (i % 6) {
        case 0: {
          // Random bytes, usually behind a valid type byte.
          const len = rand() < 0.95 ? randInt(rand, 64) : randInt(rand, 1200);
          frame = new Uint8Array(len);
          for (let k = 0; k < len; k++) frame[k] = randInt(rand, 256);
          if (len > 0 && rand() < 0.8) frame[0] = TYPES[randInt(rand, TYPES.length)];
          break;
        }
        case 1: {
          // Bit flips.
          frame = pick().slice();
          const flips = 1 + randInt(rand, 4);
          for (let f = 0; f < flips; f++) frame[randInt(rand, frame.length)] ^= 1 << randInt(rand, 8);
          break;
        }
        case 2:
          // Truncation.
          frame = pick().slice(0, randInt(rand, 64));
          break;
        case 3: {
          // Extension with random bytes.
          const base = pick();
          frame = new Uint8Array(base.length + 1 + randInt(rand, 8));
          frame.set(base);
          for (let k = base.length; k < frame.length; k++) frame[k] = randInt(rand, 256);
          break;
        }
        case 4: {
          // Splice: the head of one valid frame, the tail of another.
          const a = pick();
          const b = pick();
          const cut = randInt(rand, a.length + 1);
          const from = randInt(rand, b.length + 1);
          frame = new Uint8Array(cut + b.length - from);
          frame.set(a.subarray(0, cut));
          frame.set(b.subarray(from), cut);
          break;
        }
        default: {
          // Boundary values written over length prefixes, enums and flags.
          frame = pick().slice();
          const writes = 1 + randInt(rand, 3);
          for (let w = 0; w < writes; w++) frame[randInt(rand, frame.length)] = INTERESTING[randInt(rand, INTERESTING.length)];
          break;
        }
      }
      attempt(() => decodeClientMessage(frame), frame);
      attempt(() => decodeServerMessage(frame), frame);
      if (frame[0] === MessageType.ClockRequest) attempt(() => readClockRequest(frame, req), frame);
      if (frame[0] === MessageType.ClockResponse) attempt(() => readClockResponse(frame, res), frame);
    }

    if (foreign) throw foreign;
    expect(foreign).toBeNull();
    // The run exercised both acceptance and the main failure classes.
    expect(accepted).toBeGreaterThan(10_000);
    for (const code of ['truncated', 'oversized', 'too-large', 'unknown-type', 'unexpected-type', 'out-of-range', 'bad-string', 'version-mismatch']) {
      expect(codes.get(code) ?? 0).toBeGreaterThan(0);
    }
  });
});
