import { describe, expect, test } from 'bun:test';
import { parseStatus } from '../../../src/web/console/api-response.ts';
import type { ApiAudience, ApiStatus } from '../../../src/web/console/api-types.ts';
import {
  acceptedLabel,
  controllerNow,
  cueRemainingMs,
  describeEffect,
  durationFromInput,
  effectSwatch,
  positionAt,
  progressOf,
  syncSummary,
  transportLabel,
} from '../../../src/web/console/status-view-model.ts';
import { TimeInputError } from '../../../src/web/console/time-format.ts';
import { cueRequest } from '../../../src/web/console/cue-request.ts';
import { CueDesignError } from '../../../src/web/console/cue-design.ts';
import { PALETTE_PRESETS } from '../../../src/web/console/palette-presets.ts';
import { TargetError } from '../../../src/web/console/targets.ts';

function status(transport: Partial<ApiStatus['transport']>, durationMs = 120_000): ApiStatus {
  return parseStatus({
    controllerTimeMs: 10_000,
    show: { id: 's', name: 'S', venue: 'v', durationMs, showId: 1, version: 1, packageUrl: '/pkg/x.json', packageBytes: 1 },
    transport: { mode: 'stopped', ...transport },
  });
}

function audience(a: Partial<ApiAudience>): ApiAudience {
  return { edges: 1, connections: 0, ready: 0, synced: 0, degraded: 0, rttMs: { p50: null, p95: null, p99: null }, uncertaintyMs: { p50: null, p95: null }, ...a };
}

describe('console status view model', () => {
  test('view model - controller time runs on from the status by local elapsed time', () => {
    const s = status({});
    expect(controllerNow(s, 500, 750)).toBe(10_250);
    expect(controllerNow(s, 500, 400)).toBe(10_000);
  });

  test('view model - position runs when playing, holds when paused, is null when stopped', () => {
    const playing = status({ mode: 'playing', anchorControllerMs: 9_000, anchorShowMs: 2_000, rate: 2, positionMs: 4_000 });
    expect(positionAt(playing, 10_000)).toBe(4_000);
    expect(positionAt(playing, 10_500)).toBe(5_000);
    const paused = status({ mode: 'paused', anchorControllerMs: 9_000, anchorShowMs: 2_000, positionMs: 2_000 });
    expect(positionAt(paused, 50_000)).toBe(2_000);
    expect(positionAt(status({ mode: 'stopped' }), 10_000)).toBeNull();
  });

  test('view model - a play scheduled ahead holds its start position until it takes effect', () => {
    const s = status({ mode: 'playing', anchorControllerMs: 10_180, anchorShowMs: 0, rate: 1, positionMs: 0 });
    expect(positionAt(s, 10_100)).toBe(0);
    expect(positionAt(s, 10_280)).toBe(100);
  });

  test('view model - position stops at the end of the show; progress is a fraction', () => {
    const s = status({ mode: 'playing', anchorControllerMs: 0, anchorShowMs: 0, rate: 1, positionMs: 10_000 }, 60_000);
    expect(positionAt(s, 90_000)).toBe(60_000);
    expect(progressOf(s, 15_000)).toBe(0.25);
    expect(progressOf(s, null)).toBe(0);
    expect(progressOf(s, 90_000)).toBe(1);
  });

  test('view model - transport label shows a non-unit rate', () => {
    expect(transportLabel(status({ mode: 'playing', rate: 1 }))).toBe('playing');
    expect(transportLabel(status({ mode: 'playing', rate: 1.5 }))).toBe('playing ×1.5');
    expect(transportLabel(status({ mode: 'paused' }))).toBe('paused');
  });

  test('view model - sync summary without phones is neutral', () => {
    const s = syncSummary(audience({}));
    expect(s.level).toBe('none');
    expect(s.headline).toBe('no phones');
    expect(s.syncedShare).toBeNull();
  });

  test('view model - phones without a quality report yet are not graded', () => {
    const s = syncSummary(audience({ connections: 3, ready: 3 }));
    expect(s.level).toBe('none');
    expect(s.headline).toBe('no reports yet');
    expect(s.readyText).toBe('3 ready (100%)');
  });

  test('view model - sync summary grades degraded share and uncertainty', () => {
    const good = syncSummary(audience({ connections: 1000, ready: 990, synced: 995, degraded: 5, rttMs: { p50: 40, p95: 120, p99: 300 }, uncertaintyMs: { p50: 2, p95: 6 } }));
    expect(good.level).toBe('good');
    expect(good.headline).toBe('99% synced · 5 degraded');
    expect(good.readyText).toBe('990 ready (99%)');
    expect(good.rttText).toBe('p50 40.0 ms · p95 120 ms · p99 300 ms');
    expect(syncSummary(audience({ connections: 1000, synced: 950, degraded: 50 })).level).toBe('warn');
    expect(syncSummary(audience({ connections: 1000, synced: 800 })).level).toBe('warn');
    expect(syncSummary(audience({ connections: 1000, synced: 400 })).level).toBe('bad');
    expect(syncSummary(audience({ connections: 3, synced: 0, rttMs: { p50: 40, p95: 80, p99: 90 } })).headline).toBe('0% synced');
    expect(syncSummary(audience({ connections: 3, synced: 0, rttMs: { p50: 40, p95: 80, p99: 90 } })).level).toBe('bad');
    expect(syncSummary(audience({ connections: 1000, synced: 800, degraded: 200 })).level).toBe('bad');
    expect(syncSummary(audience({ connections: 1000, synced: 1000, uncertaintyMs: { p50: 5, p95: 30 } })).level).toBe('warn');
    expect(syncSummary(audience({ connections: 1000, synced: 1000, uncertaintyMs: { p50: 5, p95: 80 } })).level).toBe('bad');
  });

  test('view model - effect descriptions and swatches', () => {
    expect(describeEffect({ kind: 'strobe', color: '#ffffff', rateHz: 3 })).toBe('strobe #ffffff 3 Hz');
    expect(describeEffect({ kind: 'fade', from: '#fff', to: '#000', durationMs: 2500 })).toBe('fade #fff → #000 in 2.5 s');
    expect(describeEffect({ kind: 'blackout' })).toBe('blackout');
    expect(effectSwatch({ kind: 'solid', color: '#ff0000' })).toBe('#ff0000');
    expect(effectSwatch({ kind: 'fade', from: '#fff', to: '#000' })).toBe('#000');
    expect(effectSwatch({ kind: 'image', asset: 'a', box: { x: 0, y: 0, width: 1, height: 1 } })).toBeNull();
  });

  test('view model - remaining time of timed and open-ended cues', () => {
    const cue = { cueId: 1, effect: { kind: 'solid' as const, color: '#f00' }, target: 'all' as const, startControllerMs: 1_000 };
    expect(cueRemainingMs({ ...cue, durationMs: 5_000 }, 2_000)).toBe(4_000);
    expect(cueRemainingMs({ ...cue, durationMs: null }, 2_000)).toBeNull();
  });

  test('view model - an accepted action says when it takes effect', () => {
    expect(acceptedLabel('play', { atControllerMs: 2_000 }, 1_000)).toBe('✓ play · in 1.00 s');
    expect(acceptedLabel('cue', { cueId: 3, startControllerMs: 1_180 }, 1_000)).toBe('✓ cue · in 180 ms');
    expect(acceptedLabel('stop', { atControllerMs: 900 }, 1_000)).toBe('✓ stop · now');
    expect(acceptedLabel('stop', null, 1_000)).toBe('✓ stop');
  });

  test('view model - duration field: seconds, or until cancelled', () => {
    expect(durationFromInput(2.5, false)).toBe(2_500);
    expect(durationFromInput(0, true)).toBeNull();
    expect(() => durationFromInput(0, false)).toThrow(TimeInputError);
    expect(() => durationFromInput(Number.NaN, false)).toThrow(TimeInputError);
  });
});

describe('console cue request', () => {
  const venue = { id: 'v', name: 'V', seats: 10, zones: [{ id: 'north', name: 'North' }], sections: [{ id: '101', name: '101' }] };

  test('cue request - a preset, a zone and a duration make the POST /api/cues body', () => {
    const red = PALETTE_PRESETS.find((p) => p.id === 'red')!;
    expect(cueRequest(red.design, { targetValue: 'zone:north', durationSeconds: 4, untilCancelled: false }, venue)).toEqual({
      effect: { kind: 'solid', color: '#ff0000' },
      target: { zones: ['north'] },
      durationMs: 4000,
    });
    expect(cueRequest(red.design, { targetValue: 'all', durationSeconds: Number.NaN, untilCancelled: true }, venue).durationMs).toBeNull();
  });

  test('cue request - a bad target, duration or design is refused before sending', () => {
    const red = PALETTE_PRESETS.find((p) => p.id === 'red')!;
    expect(() => cueRequest(red.design, { targetValue: 'zone:south', durationSeconds: 4, untilCancelled: false }, venue)).toThrow(TargetError);
    expect(() => cueRequest(red.design, { targetValue: 'all', durationSeconds: -1, untilCancelled: false }, venue)).toThrow(TimeInputError);
    expect(() => cueRequest({ ...red.design, color: 'nope' }, { targetValue: 'all', durationSeconds: 4, untilCancelled: false }, venue)).toThrow(CueDesignError);
  });
});
