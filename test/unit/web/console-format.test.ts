import { describe, expect, test } from 'bun:test';
import { formatClock, formatCount, formatMs, formatRemaining, parseClock, TimeInputError } from '../../../src/web/console/time-format.ts';
import { shortcutFor, type KeyPress } from '../../../src/web/console/shortcuts.ts';
import { TargetError, targetFromValue, targetLabel, targetOptions } from '../../../src/web/console/targets.ts';
import type { ApiVenue } from '../../../src/web/console/api-types.ts';

const VENUE: ApiVenue = {
  id: 'hall',
  name: 'Hall',
  seats: 100,
  zones: [
    { id: 'north', name: 'North' },
    { id: 'upper', name: 'Upper tier' },
  ],
  sections: [
    { id: '101', name: '101' },
    { id: 'E', name: 'East block' },
  ],
};

describe('console time format', () => {
  test('time format - clock reads m:ss.t, with hours past an hour', () => {
    expect(formatClock(0)).toBe('0:00.0');
    expect(formatClock(83_450)).toBe('1:23.4');
    expect(formatClock(59_999)).toBe('0:59.9');
    expect(formatClock(3_723_000)).toBe('1:02:03.0');
    expect(formatClock(-1500)).toBe('-0:01.5');
    expect(formatClock(null)).toBe('–:––.–');
    expect(formatClock(Number.NaN)).toBe('–:––.–');
  });

  test('time format - seek input accepts seconds, m:ss and h:mm:ss', () => {
    expect(parseClock('83.5')).toBe(83_500);
    expect(parseClock(' 1:23.5 ')).toBe(83_500);
    expect(parseClock('1:02:03')).toBe(3_723_000);
    expect(parseClock('0')).toBe(0);
  });

  test('time format - seek input refuses what is not a time', () => {
    for (const bad of ['', 'abc', '-5', '1:75', '1:60:00', '1::2', '1.2.3']) {
      expect(() => parseClock(bad)).toThrow(TimeInputError);
    }
  });

  test('time format - latencies and counts', () => {
    expect(formatMs(12.345)).toBe('12.3 ms');
    expect(formatMs(180.4)).toBe('180 ms');
    expect(formatMs(1240)).toBe('1.24 s');
    expect(formatMs(null)).toBe('–');
    expect(formatCount(101728)).toBe('101\u2009728');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000000)).toBe('1\u2009000\u2009000');
  });

  test('time format - remaining run time of a cue', () => {
    expect(formatRemaining(null)).toBe('until cancelled');
    expect(formatRemaining(0)).toBe('ending');
    expect(formatRemaining(12_440)).toBe('12.4 s left');
    expect(formatRemaining(125_000)).toBe('2:05 left');
  });
});

describe('console targets', () => {
  test('targets - everyone, then zones, then sections of the venue', () => {
    expect(targetOptions(null)).toEqual([{ value: 'all', label: 'Everyone', group: 'all' }]);
    expect(targetOptions(VENUE).map((o) => o.value)).toEqual(['all', 'zone:north', 'zone:upper', 'section:101', 'section:E']);
    expect(targetOptions(VENUE)[2]!.label).toBe('Zone Upper tier');
  });

  test('targets - picker values become API targets', () => {
    expect(targetFromValue('all', VENUE)).toBe('all');
    expect(targetFromValue('zone:north', VENUE)).toEqual({ zones: ['north'] });
    expect(targetFromValue('section:E', VENUE)).toEqual({ sections: ['E'] });
  });

  test('targets - an id the venue lacks is refused', () => {
    expect(() => targetFromValue('zone:south', VENUE)).toThrow(TargetError);
    expect(() => targetFromValue('section:101', null)).toThrow(TargetError);
    expect(() => targetFromValue('row:3', VENUE)).toThrow(TargetError);
  });

  test('targets - labels use the venue names', () => {
    expect(targetLabel('all', VENUE)).toBe('everyone');
    expect(targetLabel(undefined, VENUE)).toBe('everyone');
    expect(targetLabel({ zones: ['upper'] }, VENUE)).toBe('zone Upper tier');
    expect(targetLabel({ sections: ['E', '101'] }, VENUE)).toBe('sections East block, 101');
    expect(targetLabel({ zones: ['gone'], sections: ['101'] }, null)).toBe('zone gone + section 101');
    expect(targetLabel({}, VENUE)).toBe('nobody');
  });
});

describe('console shortcuts', () => {
  const press = (key: string, over: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, inTextField: false, repeat: false, ...over });

  test('shortcuts - B blackout, space play/pause, Esc cancel all, digits fire presets', () => {
    expect(shortcutFor(press('b'))).toEqual({ kind: 'blackout-toggle' });
    expect(shortcutFor(press('B'))).toEqual({ kind: 'blackout-toggle' });
    expect(shortcutFor(press(' '))).toEqual({ kind: 'play-pause' });
    expect(shortcutFor(press('Escape'))).toEqual({ kind: 'cancel-all' });
    expect(shortcutFor(press('1'))).toEqual({ kind: 'fire-preset', index: 0 });
    expect(shortcutFor(press('9'))).toEqual({ kind: 'fire-preset', index: 8 });
    expect(shortcutFor(press('0'))).toBeNull();
    expect(shortcutFor(press('x'))).toBeNull();
  });

  test('shortcuts - nothing fires while typing, with modifiers, or on key repeat', () => {
    expect(shortcutFor(press('b', { inTextField: true }))).toBeNull();
    expect(shortcutFor(press('b', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('b', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('1', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('b', { repeat: true }))).toBeNull();
  });
});
