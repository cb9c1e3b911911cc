import { describe, expect, test } from 'bun:test';
import { EFFECT_KIND_COUNT, EffectKind, TRANSPORT_MODES, isEffectKind } from '../../../src/core/protocol/index.ts';
import { EFFECT_KIND_IDS, STOPPED, type TransportMode as ShowTransportMode } from '../../../src/core/show/runtime.ts';
import type { TransportMode } from '../../../src/core/protocol/index.ts';

// Type-level: the wire's transport modes and core/show's are the same set (tsc fails if not).
const showToWire = (m: ShowTransportMode): TransportMode => m;
const wireToShow = (m: TransportMode): ShowTransportMode => m;

describe('protocol shared enums', () => {
  test('protocol - EffectKind numbers are the ids core/show uses for the same effects', () => {
    const fromProtocol = Object.fromEntries(Object.entries(EffectKind).map(([k, v]) => [k.toLowerCase(), v]));
    expect(fromProtocol).toEqual({ ...EFFECT_KIND_IDS });
    expect(Object.keys(EffectKind).length).toBe(EFFECT_KIND_COUNT);
  });

  test('protocol - isEffectKind accepts exactly the defined wire values', () => {
    for (let v = 0; v < EFFECT_KIND_COUNT; v++) expect(isEffectKind(v)).toBe(true);
    for (const v of [-1, EFFECT_KIND_COUNT, 1.5, NaN, '1', null]) expect(isEffectKind(v)).toBe(false);
  });

  test("protocol - every core/show transport mode has a wire value", () => {
    expect(TRANSPORT_MODES).toContain(showToWire(STOPPED.mode));
    for (const m of TRANSPORT_MODES) expect(wireToShow(m)).toBe(m);
    expect([...TRANSPORT_MODES].sort()).toEqual(['paused', 'playing', 'stopped']);
  });
});
