import { describe, expect, test } from 'bun:test';
import { ShowState } from '../../../src/web/phone/show-state.ts';
// Fixtures: messages and a show for the tests below.
import {
  ALL_CUES,
  CUE_DURATION_UNTIL_CANCELLED,
  EffectKind,
  type CancelCueMessage,
  type LiveCueMessage,
  type TransportStateMessage,
} from '../../../src/core/protocol/index.ts';
import type { Show } from '../../../src/core/show/runtime.ts';

/** Timeline: red for show time [0, 1000), green [1000, 2000). */
const TWO_COLOR_SHOW: Show = {
  version: 1,
  id: 'phone-test',
  name: 'Phone test',
  venue: 'v',
  durationMs: 2000,
  tracks: [
    {
      cues: [
        { at: 0, duration: 1000, effect: { kind: 'solid', color: '#ff0000' } },
        { at: 1000, duration: 1000, effect: { kind: 'solid', color: '#00ff00' } },
      ],
    },
  ],
};

const CONTEXT = { show: TWO_COLOR_SHOW, zoneIds: ['north', 'south'], sectionIds: ['101', '102', '201'] };

function transport(epoch: number, seq: number, over: Partial<TransportStateMessage> = {}): TransportStateMessage {
  return {
    type: 'transportState',
    epoch,
    seq,
    mode: 'playing',
    blackout: false,
    showId: 1,
    showVersion: 1,
    anchorControllerMs: 0,
    anchorShowMs: 0,
    rate: 1,
    ...over,
  };
}

function solidCue(epoch: number, cueId: number, startControllerMs: number, over: Partial<LiveCueMessage> = {}): LiveCueMessage {
  return {
    type: 'liveCue',
    epoch,
    cueId,
    effect: EffectKind.Solid,
    target: 'all',
    targetId: 0,
    startControllerMs,
    durationMs: CUE_DURATION_UNTIL_CANCELLED,
    colorA: { r: 0, g: 0, b: 255 },
    colorB: { r: 0, g: 0, b: 0 },
    params: [],
    ...over,
  };
}

function cancel(epoch: number, cueId: number, atControllerMs: number): CancelCueMessage {
  return { type: 'cancelCue', epoch, cueId, atControllerMs };
}



describe('phone show state', () => {
  test('show state - a transport applies only when (epoch, seq) is newer; keyframe repeats are no-ops', () => {
    const s = new ShowState();
    expect(s.applyTransport(transport(1, 5))).toBe(true);
    expect(s.applyTransport(transport(1, 5))).toBe(false);
    expect(s.applyTransport(transport(1, 4, { mode: 'paused' }))).toBe(false);
    expect(s.applyTransport(transport(0, 99, { mode: 'paused' }))).toBe(false);
    expect(s.transportAt(10).mode).toBe('playing');
    expect(s.applyTransport(transport(2, 0, { mode: 'paused' }))).toBe(true);
    expect(s.transportAt(10).mode).toBe('paused');
  });

  test('show state - a transport received early waits for its instant; the one before holds until then', () => {
    const s = new ShowState();
    s.applyTransport(transport(1, 1, { anchorControllerMs: 0 }));
    s.applyTransport(transport(1, 2, { mode: 'paused', anchorControllerMs: 1000, anchorShowMs: 1000 }));
    expect(s.transportAt(999).mode).toBe('playing');
    expect(s.transportAt(1000).mode).toBe('paused');
    expect(s.latestTransport.mode).toBe('paused');
  });

  test('show state - several early transports apply in turn; a newer one replaces pending ones at or after it', () => {
    const s = new ShowState();
    s.applyTransport(transport(1, 1, { mode: 'stopped', anchorControllerMs: 0 }));
    s.applyTransport(transport(1, 2, { anchorControllerMs: 100 }));
    s.applyTransport(transport(1, 3, { mode: 'paused', anchorControllerMs: 300, anchorShowMs: 200 }));
    s.applyTransport(transport(1, 4, { blackout: true, anchorControllerMs: 200 })); // replaces seq 3
    expect(s.transportAt(50).mode).toBe('stopped');
    expect(s.transportAt(150).mode).toBe('playing');
    expect(s.transportAt(250).blackout).toBe(true);
    expect(s.transportAt(350)).toMatchObject({ mode: 'playing', blackout: true });
  });

  test('show state - live cues decode against the package; before it they wait', () => {
    const s = new ShowState();
    expect(s.applyLiveCue(solidCue(1, 3, 500))).toBe(true);
    expect(s.applyLiveCue(solidCue(1, 3, 500))).toBe(false); // repeat on resume
    expect(s.liveCues(600)).toEqual([]);
    s.setContext(CONTEXT);
    const cues = s.liveCues(600);
    expect(cues).toHaveLength(1);
    expect(cues[0]).toMatchObject({ id: '3', startControllerMs: 500, durationMs: null, target: 'all', effect: { kind: 'solid', color: '#0000ff' } });
    expect(s.liveCues(700)).toBe(cues); // unchanged: same array
  });

  test('show state - cues are layered in creation order and targets resolve by venue index', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyLiveCue(solidCue(1, 9, 0, { target: 'section', targetId: 2 }));
    s.applyLiveCue(solidCue(1, 4, 0, { target: 'zone', targetId: 1 }));
    const cues = s.liveCues(0);
    expect(cues.map((c) => c.id)).toEqual(['4', '9']);
    expect(cues[0]!.target).toEqual({ zones: ['south'] });
    expect(cues[1]!.target).toEqual({ sections: ['201'] });
  });

  test('show state - a cue that cannot be decoded is skipped and counted', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyLiveCue(solidCue(1, 1, 0, { target: 'zone', targetId: 7 }));
    s.applyLiveCue(solidCue(1, 2, 0));
    expect(s.liveCues(0).map((c) => c.id)).toEqual(['2']);
    expect(s.badCues).toBe(1);
  });

  test('show state - cancel shortens a running cue, removes one not yet started, never lengthens', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyLiveCue(solidCue(1, 1, 0));
    s.applyLiveCue(solidCue(1, 2, 1000));
    s.applyLiveCue(solidCue(1, 3, 0, { durationMs: 100 }));
    expect(s.applyCancel(cancel(1, 1, 500))).toBe(true);
    expect(s.applyCancel(cancel(1, 2, 800))).toBe(true);
    expect(s.applyCancel(cancel(1, 3, 900))).toBe(false);
    const cues = s.liveCues(0);
    expect(cues.map((c) => [c.id, c.durationMs])).toEqual([
      ['1', 500],
      ['3', 100],
    ]);
  });

  test('show state - cancelling ALL_CUES ends every cue of the epoch', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyLiveCue(solidCue(1, 1, 0));
    s.applyLiveCue(solidCue(1, 2, 0));
    s.applyCancel(cancel(1, ALL_CUES, 250));
    expect(s.liveCues(0).map((c) => c.durationMs)).toEqual([250, 250]);
  });

  test('show state - frames of an older epoch are ignored; a newer epoch drops the older cues', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyTransport(transport(2, 1));
    expect(s.applyLiveCue(solidCue(1, 1, 0))).toBe(false);
    s.applyLiveCue(solidCue(2, 1, 0));
    expect(s.applyCancel(cancel(1, ALL_CUES, 0))).toBe(false);
    expect(s.liveCueCount).toBe(1);
    s.applyTransport(transport(3, 0));
    expect(s.liveCueCount).toBe(0);
    expect(s.liveCues(0)).toEqual([]);
    expect(s.applyLiveCue(solidCue(3, 1, 0))).toBe(true); // cue ids restart with the epoch
  });

  test('show state - cues that ended long ago are forgotten', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyLiveCue(solidCue(1, 1, 0, { durationMs: 100 }));
    expect(s.liveCues(5000)).toHaveLength(1);
    expect(s.liveCues(60_000)).toHaveLength(0);
    expect(s.liveCueCount).toBe(0);
  });

  test('show state - after a reconnect, held cues the edge does not repeat are dropped (cancelled while away)', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyLiveCue(solidCue(1, 1, 0));
    s.applyLiveCue(solidCue(1, 2, 0));
    s.beginResync();
    expect(s.applyLiveCue(solidCue(1, 2, 0))).toBe(false); // repeated by the new edge: kept
    s.applyLiveCue(solidCue(1, 5, 0)); // fired while away
    s.endResync();
    expect(s.liveCueIds()).toEqual([2, 5]);
    expect(s.liveCues(0).map((c) => c.id)).toEqual(['2', '5']);
    s.endResync(); // a second end changes nothing
    expect(s.liveCueIds()).toEqual([2, 5]);
  });

  test('show state - a repeated cue with a shorter duration (re-published after a cancel) ends it earlier, never later', () => {
    const s = new ShowState();
    s.setContext(CONTEXT);
    s.applyLiveCue(solidCue(1, 1, 100));
    expect(s.applyLiveCue(solidCue(1, 1, 100, { durationMs: 400 }))).toBe(true);
    expect(s.liveCues(0)[0]!.durationMs).toBe(400);
    expect(s.applyLiveCue(solidCue(1, 1, 100))).toBe(false); // an older, longer copy
    expect(s.applyLiveCue(solidCue(1, 1, 100, { durationMs: 900 }))).toBe(false);
    expect(s.liveCues(0)[0]!.durationMs).toBe(400);
  });
});
