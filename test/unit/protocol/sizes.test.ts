import { describe, expect, test } from 'bun:test';
import {
  CLOCK_REQUEST_BYTES,
  CLOCK_RESPONSE_BYTES,
  MAX_CLIENT_FRAME_BYTES,
  MAX_CUE_PARAMS,
  MAX_SERVER_FRAME_BYTES,
  encode,
  type Message,
} from '../../../src/core/protocol/index.ts';
import { allFixtures, clientFixtures, serverFixtures } from './fixtures.ts';

const largest = (list: Message[], type: Message['type']): number =>
  Math.max(...list.filter((m) => m.type === type).map((m) => encode(m).length));

const smallest = (list: Message[], type: Message['type']): number =>
  Math.min(...list.filter((m) => m.type === type).map((m) => encode(m).length));

describe('protocol frame sizes', () => {
  test('protocol - the smallest variable-length frames match the documented minima', () => {
    expect(smallest(clientFixtures, 'hello')).toBe(20);
    expect(smallest(clientFixtures, 'ready')).toBe(11);
    expect(smallest(serverFixtures, 'welcome')).toBe(17);
    expect(smallest(serverFixtures, 'liveCue')).toBe(32);
    expect(smallest(serverFixtures, 'showAnnounce')).toBe(18);
    expect(smallest(serverFixtures, 'redirect')).toBe(5);
  });

  test('protocol - transportState is under 50 bytes', () => {
    for (const m of allFixtures.filter((x) => x.type === 'transportState')) expect(encode(m).length).toBeLessThan(50);
    expect(largest(serverFixtures, 'transportState')).toBe(39);
  });

  test('protocol - liveCue with the maximum number of params is under 50 bytes', () => {
    const cue = allFixtures.find((m) => m.type === 'liveCue' && m.params.length === MAX_CUE_PARAMS)!;
    expect(cue).toBeDefined();
    expect(encode(cue).length).toBe(48);
    expect(encode(cue).length).toBeLessThan(50);
  });

  test('protocol - cancelCue and the clock frames have their fixed sizes', () => {
    expect(largest(serverFixtures, 'cancelCue')).toBe(17);
    expect(largest(clientFixtures, 'clockRequest')).toBe(CLOCK_REQUEST_BYTES);
    expect(largest(serverFixtures, 'clockResponse')).toBe(CLOCK_RESPONSE_BYTES);
  });

  test('protocol - the largest message of each direction fits its frame cap', () => {
    // The fixtures include each variable-length message at every bound.
    expect(largest(clientFixtures, 'hello')).toBe(89);
    expect(largest(clientFixtures, 'ready')).toBe(42);
    expect(largest(clientFixtures, 'qualityReport')).toBe(23);
    expect(largest(serverFixtures, 'welcome')).toBe(81);
    expect(largest(serverFixtures, 'showAnnounce')).toBe(560);
    expect(largest(serverFixtures, 'redirect')).toBe(516);
    for (const m of clientFixtures) expect(encode(m).length).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
    for (const m of serverFixtures) expect(encode(m).length).toBeLessThanOrEqual(MAX_SERVER_FRAME_BYTES);
  });
});
