import { describe, expect, test } from 'bun:test';
import { CUE_DURATION_UNTIL_CANCELLED, EffectKind, type TransportStateMessage } from '../../../src/core/protocol/index.ts';
import type { SeatLike, Show } from '../../../src/core/show/runtime.ts';
import { CHANGE_RING_SIZE, RenderLoop } from '../../../src/web/phone/render-step.ts';
import { ShowState } from '../../../src/web/phone/show-state.ts';

const PERIOD = 1000 / 60;
/** Controller time = local + 5 s (a phone whose clock sync is exact). */
const OFFSET = 5000;
const toController = (local: number) => local + OFFSET;

const SHOW: Show = {
  version: 1,
  id: 'render-test',
  name: 'Render test',
  venue: 'v',
  durationMs: 4000,
  tracks: [
    {
      cues: [
        { at: 0, duration: 1000, effect: { kind: 'solid', color: '#ff0000' } },
        { at: 1000, duration: 3000, effect: { kind: 'solid', color: '#00ff00' } },
      ],
    },
  ],
};
const SEAT: SeatLike = { x: 0, y: 0, index: 3, section: '101', zones: ['north'] };
const INPUTS = { showId: 1, show: SHOW, seat: SEAT, deviceSeed: 3 };

function playing(seq: number, anchorControllerMs: number, over: Partial<TransportStateMessage> = {}): TransportStateMessage {
  return {
    type: 'transportState', epoch: 1, seq, mode: 'playing', blackout: false, showId: 1, showVersion: 1,
    anchorControllerMs, anchorShowMs: 0, rate: 1, ...over,
  };
}

/** Runs frames at 60 Hz from local time 0 until `untilLocal`, returning the loop. */
function run(state: ShowState, untilLocal: number, loop = new RenderLoop(0)): RenderLoop {
  for (let k = 0; k * PERIOD <= untilLocal; k++) loop.step(k * PERIOD, toController, state, INPUTS);
  return loop;
}

describe('phone render step', () => {
  test('render step - a timeline change first shows on the frame whose target reaches it', () => {
    const state = new ShowState();
    state.applyTransport(playing(1, OFFSET + 100)); // show starts at local 100
    const loop = run(state, 1500);
    const changes = loop.changes();
    expect(changes.map((c) => c.rgb)).toEqual([
      [0, 0, 0],
      [255, 0, 0],
      [0, 255, 0],
    ]);
    // Green is due at controller OFFSET + 1100. The frame that shows it renders an instant
    // at or after that, and the frame before rendered one less than a period before it.
    const green = changes[2]!;
    expect(green.targetControllerMs).toBeGreaterThanOrEqual(OFFSET + 1100);
    expect(green.targetControllerMs - PERIOD).toBeLessThan(OFFSET + 1100);
    // The frame callback runs 1.5 periods before the middle of its time on screen.
    expect(green.targetControllerMs - toController(green.rafMs)).toBeCloseTo(1.5 * PERIOD, 0);
  });

  test('render step - step reports a change only when the colour differs', () => {
    const state = new ShowState();
    state.applyTransport(playing(1, OFFSET - 1500));
    const loop = new RenderLoop(0);
    const flags: (boolean | null)[] = [];
    for (let k = 0; k < 10; k++) flags.push(loop.step(k * PERIOD, toController, state, INPUTS));
    expect(flags.filter(Boolean)).toHaveLength(1);
    expect(loop.rgb).toEqual([0, 255, 0]); // show time is about 1500 ms: green
    loop.invalidate();
    expect(loop.step(10 * PERIOD, toController, state, INPUTS)).toBe(true);
  });

  test('render step - a show switch takes effect at its instant: the old show plays until then, the new one only from then', () => {
    const NEXT: Show = { ...SHOW, id: 'next', tracks: [{ cues: [{ at: 0, duration: 4000, effect: { kind: 'solid', color: '#0000ff' } }] }] };
    const state = new ShowState();
    state.applyTransport(playing(1, OFFSET - 1500)); // show 1 playing, green
    // The controller loads show 2: announce plus a stop at 0 for show 2 at local 200, sent ahead.
    state.applyTransport(playing(2, OFFSET + 200, { showId: 2, mode: 'stopped' }));
    const oldShow = new RenderLoop(0);
    const newShow = new RenderLoop(0);
    const next = { ...INPUTS, showId: 2, show: NEXT };
    const before = (loop: RenderLoop, inputs: typeof INPUTS) => loop.step(0, toController, state, inputs);
    // Before the instant, a phone still holding show 1 keeps playing it; one that already
    // loaded show 2 has nothing to paint for show 1's transport (waiting, not show 2 at show 1's position).
    expect(before(oldShow, INPUTS)).toBe(true);
    expect(oldShow.rgb).toEqual([0, 255, 0]);
    expect(before(newShow, next)).toBeNull();
    // From the instant on it is the other way round.
    let old: boolean | null = false;
    let fresh: boolean | null = null;
    for (let k = 1; k * PERIOD <= 400; k++) {
      old = oldShow.step(k * PERIOD, toController, state, INPUTS);
      fresh = newShow.step(k * PERIOD, toController, state, next);
    }
    expect(old).toBeNull();
    expect(fresh).toBe(false); // painted once, on the first frame of the switch
    expect(newShow.changes().map((c) => c.targetControllerMs >= OFFSET + 200)).toEqual([true]);
  });

  test('render step - blackout overrides the timeline and live cues; lifting it restores them', () => {
    const state = new ShowState();
    state.setContext({ show: SHOW, zoneIds: ['north'], sectionIds: ['101'] });
    state.applyTransport(playing(1, 0));
    state.applyLiveCue({
      type: 'liveCue', epoch: 1, cueId: 2, effect: EffectKind.Solid, target: 'zone', targetId: 0,
      startControllerMs: 0, durationMs: CUE_DURATION_UNTIL_CANCELLED,
      colorA: { r: 0, g: 0, b: 255 }, colorB: { r: 0, g: 0, b: 0 }, params: [],
    });
    const loop = new RenderLoop(0);
    loop.step(0, toController, state, INPUTS);
    expect(loop.rgb).toEqual([0, 0, 255]); // the live cue is above the timeline
    state.applyTransport(playing(3, OFFSET + 200, { blackout: true }));
    state.applyTransport(playing(4, OFFSET + 400, { blackout: false, anchorShowMs: 0 }));
    const seen: string[] = [];
    for (let k = 1; k * PERIOD < 600; k++) {
      loop.step(k * PERIOD, toController, state, INPUTS);
      if (seen[seen.length - 1] !== loop.rgb.join()) seen.push(loop.rgb.join());
    }
    expect(seen).toEqual(['0,0,255', '0,0,0', '0,0,255']);
  });

  test('render step - frames skipped by the browser are counted as dropped', () => {
    const state = new ShowState();
    const loop = new RenderLoop(0);
    let k = 0;
    for (; k < 60; k++) loop.step(k * PERIOD, toController, state, INPUTS);
    loop.step((k + 3) * PERIOD, toController, state, INPUTS); // three vsyncs missed
    expect(loop.framesRendered).toBe(61);
    expect(loop.framesDropped).toBe(3);
    loop.idle((k + 3) * PERIOD + 5000); // a hidden page is not dropped frames
    expect(loop.framesDropped).toBe(3);
  });

  test('render step - the change ring keeps the newest records, oldest first', () => {
    const state = new ShowState();
    const loop = new RenderLoop(0);
    // Alternate red and green every frame by scrubbing the transport.
    for (let k = 0; k < CHANGE_RING_SIZE + 10; k++) {
      state.applyTransport(playing(k + 1, -1e9, { mode: 'paused', anchorShowMs: k % 2 === 0 ? 500 : 1500 }));
      loop.step(k * PERIOD, toController, state, INPUTS);
    }
    const changes = loop.changes();
    expect(changes).toHaveLength(CHANGE_RING_SIZE);
    expect(changes[changes.length - 1]!.rafMs).toBe((CHANGE_RING_SIZE + 9) * PERIOD);
    for (let i = 1; i < changes.length; i++) expect(changes[i]!.rafMs).toBeGreaterThan(changes[i - 1]!.rafMs);
  });
});
