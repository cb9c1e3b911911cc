import { describe, expect, test } from 'bun:test';
import { buildDemoShow } from '../../../src/core/show/index.ts';
import { demoStadium, demoStadiumSpec } from '../../../src/core/venue/index.ts';
import { LiveCueCache, parseShowPackage, PreviewPackageError, previewLayout, TransportTimeline } from '../../../src/web/console/preview-model.ts';
import { play, setBlackout, STOPPED } from '../../../src/core/show/runtime.ts';
import type { ApiLiveCue } from '../../../src/web/console/api-types.ts';

describe('console preview model', () => {
  test('preview model - a show package gives its show and venue', () => {
    const show = buildDemoShow();
    const venue = demoStadiumSpec();
    const pkg = JSON.parse(JSON.stringify({ format: 'crowdlight-show-package', version: 1, show, venue }));
    const parsed = parseShowPackage(pkg);
    expect(parsed.show.id).toBe(show.id);
    expect(parsed.venue.id).toBe(venue.id);
  });

  test('preview model - anything else is an invalid-package error', () => {
    const show = buildDemoShow();
    const venue = demoStadiumSpec();
    for (const bad of [null, [], { format: 'other', version: 1, show, venue }, { format: 'crowdlight-show-package', version: 2, show, venue }, { format: 'crowdlight-show-package', version: 1, venue }, { format: 'crowdlight-show-package', version: 1, show }]) {
      let caught: unknown;
      try {
        parseShowPackage(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PreviewPackageError);
      expect((caught as PreviewPackageError).code).toBe('invalid-package');
    }
  });

  test('preview model - layout keeps the aspect ratio, puts north up and every dot on the canvas', () => {
    const positions = new Float32Array([-10, 0, 0, 10, 0, 0, 0, 5, 0, 0, -5, 0]);
    const layout = previewLayout(positions, 4, { minX: -10, minY: -5, maxX: 10, maxY: 5 }, 103);
    expect(layout.width).toBe(103);
    expect(layout.height).toBe(53);
    const xy = [...layout.pixelOfSeat].map((p) => [p % layout.width, Math.floor(p / layout.width)]);
    expect(xy).toEqual([
      [1, 26],
      [101, 26],
      [51, 1],
      [51, 51],
    ]);
  });

  test('preview model - the demo stadium fits a 360-pixel canvas, 2x2 dots included', () => {
    const v = demoStadium();
    const layout = previewLayout(v.positions, v.seatCount, v.bounds, 360);
    expect(Math.max(layout.width, layout.height)).toBe(360);
    let maxX = 0;
    let maxY = 0;
    for (const p of layout.pixelOfSeat) {
      maxX = Math.max(maxX, p % layout.width);
      maxY = Math.max(maxY, Math.floor(p / layout.width));
    }
    expect(maxX).toBeLessThan(layout.width - 1);
    expect(maxY).toBeLessThan(layout.height - 1);
  });

  test('preview model - live cue objects stay the same until the cue changes', () => {
    const cache = new LiveCueCache();
    const a: ApiLiveCue = { cueId: 1, effect: { kind: 'solid', color: '#ff0000' }, target: 'all', startControllerMs: 100, durationMs: null };
    const b: ApiLiveCue = { cueId: 2, effect: { kind: 'blackout' }, target: { zones: ['north'] }, startControllerMs: 150, durationMs: 1000 };
    const first = cache.update([a, b]);
    expect(first.map((c) => c.id)).toEqual(['1', '2']);
    const second = cache.update([{ ...a }, { ...b }]);
    expect(second[0]).toBe(first[0]!);
    expect(second[1]).toBe(first[1]!);
    const cancelled = cache.update([{ ...a, durationMs: 500 }, { ...b }]);
    expect(cancelled[0]).not.toBe(first[0]!);
    expect(cancelled[0]!.durationMs).toBe(500);
    expect(cancelled[1]).toBe(first[1]!);
    expect(cache.update([b]).map((c) => c.id)).toEqual(['2']);
  });

  test('preview model - a transport sent ahead takes effect at its instant, the one before holds until then', () => {
    const tl = new TransportTimeline();
    expect(tl.at(0)).toBeNull();
    tl.update(STOPPED, 1_000);
    expect(tl.at(1_000)).toBe(STOPPED);
    const playing = play(STOPPED, 2_000);
    tl.update(playing, 1_100); // sent at 1 100 for 2 000
    expect(tl.at(1_500)).toBe(STOPPED);
    expect(tl.at(2_000)).toBe(playing);
    tl.update({ ...playing }, 1_600); // the same transport again: nothing changes
    expect(tl.at(1_700)).toBe(STOPPED);
    const dark = setBlackout(playing, 3_000, true);
    tl.update(dark, 2_500); // playing is in force by now and holds until the blackout
    expect(tl.at(2_900)).toBe(playing);
    expect(tl.at(3_000)).toBe(dark);
  });
});
