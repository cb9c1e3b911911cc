import { describe, expect, test } from 'bun:test';
import { createSeededRandom } from '../../../src/core/clock/index.ts';
import {
  colorAt,
  effectFromWire,
  effectToWire,
  EFFECT_KIND_IDS,
  LiveCueEncodingError,
  targetFromWire,
  targetToWire,
  validateShow,
  EFFECT_KINDS,
  parseEffect,
  type Effect,
  type Target,
} from '../../../src/core/show/index.ts';
import { decodeServerMessage, encode, type LiveCueMessage } from '../../../src/core/protocol/index.ts';
import { demoStadium } from '../../../src/core/venue/index.ts';
import { buildDemoShow } from '../../../src/core/show/demo-show.ts';
import { seatAt, single } from './helpers.ts';

const show = buildDemoShow();
const roundTrip = (e: Effect) => effectFromWire(effectToWire(e, show), show);

describe('live cue wire parameters', () => {
  test('live params - every kind fits in two colours and at most four parameters', () => {
    const effects: Effect[] = [
      { kind: 'blackout' },
      { kind: 'solid', color: '#123456' },
      { kind: 'fade', from: '#000000', to: '#ffffff', easing: 'ease-out', durationMs: 1500 },
      { kind: 'strobe', color: '#ffffff', rateHz: 2, duty: 0.25, background: '#100000' },
      { kind: 'pulse', color: '#ff0000', bpm: 128, shape: 'decay', floor: 0.25 },
      { kind: 'wave', color: '#00ffff', angle: 0, speed: 40, width: 20, origin: { x: -130, y: 5 } },
      { kind: 'ripple', color: '#ffd000', center: { x: 0, y: 142 }, speed: 30, width: 12 },
      { kind: 'gradient', angle: 90, length: 300, origin: { x: 0, y: -150 }, scroll: 15, stops: [{ at: 0, color: '#0000ff' }, { at: 1, color: '#ff00ff' }] },
      { kind: 'sparkle', color: '#ffffff', density: 0.125, rateHz: 6, decay: 0.5, seed: 3 },
      { kind: 'image', asset: 'heart', box: { x: -45, y: -140, width: 90, height: 80 } },
    ];
    for (const e of effects) {
      const wire = effectToWire(e, show);
      expect(wire.effect).toBe(EFFECT_KIND_IDS[e.kind]);
      expect(wire.params.length).toBeLessThanOrEqual(4);
      expect(wire.params.every((p) => Math.fround(p) === p)).toBe(true);
      const back = roundTrip(e);
      expect(back.kind).toBe(e.kind);
      // Decoded effects are valid show effects.
      const doc = { ...show, tracks: [{ cues: [{ at: 0, duration: 1000, effect: back }] }] };
      expect(validateShow(doc).errors).toEqual([]);
    }
    expect(roundTrip(effects[2]!)).toEqual(effects[2]!);
    expect(roundTrip(effects[3]!)).toEqual(effects[3]!);
    expect(roundTrip(effects[8]!)).toEqual(effects[8]!);
    // The heart is 9 x 8 px: the box height follows the picture's aspect ratio.
    expect(roundTrip(effects[9]!)).toEqual({ kind: 'image', asset: 'heart', box: { x: -45, y: -140, width: 90, height: 80 } });
  });

  test('live params - a decoded wave lights the same seats at the same instants', () => {
    const wave: Effect = { kind: 'wave', color: '#00ffff', angle: 30, speed: 40, width: 20, origin: { x: -130, y: 5 } };
    const a = single(wave);
    const b = single(roundTrip(wave));
    for (let i = 0; i < 200; i++) {
      const seat = seatAt(((i * 37) % 240) - 120, ((i * 53) % 280) - 140, i);
      // Different only if a seat sits within float32 rounding of the front.
      expect(colorAt(b, 3_000 + i * 7, seat, 0)).toEqual(colorAt(a, 3_000 + i * 7, seat, 0));
    }
  });

  test('live params - unknown kinds and assets are rejected with a code', () => {
    expect(() => effectFromWire({ effect: 12 as never, colorA: { r: 0, g: 0, b: 0 }, colorB: { r: 0, g: 0, b: 0 }, params: [] })).toThrow(LiveCueEncodingError);
    let caught: unknown = null;
    try {
      effectToWire({ kind: 'image', asset: 'nope', box: { x: 0, y: 0, width: 1, height: 1 } }, show);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LiveCueEncodingError);
    expect((caught as LiveCueEncodingError).code).toBe('unencodable-live-cue');
  });

  test('live params - decoded parameters outside the effect schema are refused, not rendered', () => {
    const wire = (kind: keyof typeof EFFECT_KIND_IDS, params: number[]) => ({ effect: EFFECT_KIND_IDS[kind], colorA: { r: 255, g: 255, b: 255 }, colorB: { r: 0, g: 0, b: 0 }, params });
    const refused: [keyof typeof EFFECT_KIND_IDS, number[]][] = [
      ['strobe', [100, 0.5, 0]], // faster than any show may strobe
      ['strobe', [5]], // duty missing: 0 is not a duty
      ['pulse', [6_000, 3, 0, 0]], // a 100 Hz square pulse is a strobe
      ['pulse', [120, 0, 1, 0]], // floor 1 leaves nothing to pulse
      ['wave', [0, 0, 10, 0]],
      ['wave', [0, 10, -1, 0]],
      ['ripple', [0, 0, 10, 0]],
      ['gradient', [0, 0, 0, 0]],
      ['sparkle', [2, 8, 0, 0]],
      ['sparkle', [0.5, 0, 0, 0]],
      ['image', [0, 0, 0, 0]],
    ];
    for (const [kind, params] of refused) expect(() => effectFromWire(wire(kind, params), show)).toThrow(LiveCueEncodingError);

    // Property: whatever finite float32 parameters arrive, the decoder either refuses them or
    // returns an effect the show schema accepts.
    const rand = createSeededRandom(99);
    const pick = (): number => {
      const r = rand();
      if (r < 0.2) return 0;
      if (r < 0.4) return Math.fround((rand() - 0.5) * 4);
      if (r < 0.6) return Math.round(rand() * 5);
      return Math.fround((rand() - 0.3) * 10 ** Math.floor(rand() * 6));
    };
    let accepted = 0;
    for (let i = 0; i < 3_000; i++) {
      const kind = EFFECT_KINDS[i % EFFECT_KINDS.length]!;
      const params = Array.from({ length: Math.floor(rand() * 5) }, pick);
      let effect: Effect;
      try {
        effect = effectFromWire(wire(kind, params), show);
      } catch (e) {
        expect(e).toBeInstanceOf(LiveCueEncodingError);
        continue;
      }
      accepted++;
      expect(() => parseEffect(effect, show.assets)).not.toThrow();
    }
    expect(accepted).toBeGreaterThan(300);
  });

  test('live params - targets map to zone and section indices', () => {
    const zones = ['north', 'east', 'south'];
    const sections = ['101', '102'];
    expect(targetToWire('all', zones, sections)).toEqual({ target: 'all', targetId: 0 });
    expect(targetToWire({ zones: ['south'] }, zones, sections)).toEqual({ target: 'zone', targetId: 2 });
    expect(targetToWire({ sections: ['102'] }, zones, sections)).toEqual({ target: 'section', targetId: 1 });
    expect(targetFromWire({ target: 'zone', targetId: 2 }, zones, sections)).toEqual({ zones: ['south'] });
    expect(() => targetToWire({ zones: ['north', 'east'] }, zones, sections)).toThrow(LiveCueEncodingError);
    expect(() => targetFromWire({ target: 'section', targetId: 5 }, zones, sections)).toThrow(LiveCueEncodingError);
  });

  test('live params - effect and target fill a liveCue message that encodes, decodes and converts back', () => {
    const venue = demoStadium();
    const zones = venue.zones.map((z) => z.id);
    const sections = venue.sections.map((s) => s.id);
    const cases: [Effect, Target][] = [
      [{ kind: 'strobe', color: '#ffffff', rateHz: 2, duty: 0.25, background: '#100000' }, { zones: ['pitch-side'] }],
      [{ kind: 'gradient', angle: 90, length: 300, stops: [{ at: 0, color: '#0000ff' }, { at: 1, color: '#ff00ff' }] }, 'all'],
      [{ kind: 'image', asset: 'heart', box: { x: -45, y: -140, width: 90, height: 80 } }, { sections: ['205'] }],
    ];
    for (const [effect, target] of cases) {
      const message: LiveCueMessage = {
        type: 'liveCue',
        epoch: 3,
        cueId: 17,
        startControllerMs: 1_000_000,
        durationMs: 8_000,
        ...effectToWire(effect, show),
        ...targetToWire(target, zones, sections),
      };
      const decoded = decodeServerMessage(encode(message)) as LiveCueMessage;
      expect(decoded).toEqual(message);
      expect(effectFromWire(decoded, show)).toEqual(roundTrip(effect));
      expect(targetFromWire(decoded, zones, sections)).toEqual(target);
    }
  });
});
