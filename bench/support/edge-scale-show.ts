/**
 * The show bench/edge-scale.bench.ts plays, and the seats its phones sit in: the frames of a
 * typical state (announce, transport, two live cues) retained and repeated every keyframe,
 * a live frame now and then, and phones spread over the demo stadium's seats.
 */
import {
  CUE_DURATION_UNTIL_CANCELLED,
  EffectKind,
  PROTOCOL_VERSION,
  decodeClientMessage,
  encode,
  type SeatRef,
} from '../../src/core/protocol/index.ts';
import { demoStadium } from '../../src/core/venue/runtime.ts';
import { VenueTopics } from '../../src/edge/index.ts';

function cue(cueId: number): Uint8Array {
  return encode({
    type: 'liveCue',
    epoch: 1,
    cueId,
    effect: EffectKind.Solid,
    target: 'all',
    targetId: 0,
    startControllerMs: 2_000_000,
    durationMs: CUE_DURATION_UNTIL_CANCELLED,
    colorA: { r: 255, g: 0, b: 0 },
    colorB: { r: 0, g: 0, b: 0 },
    params: [],
  });
}

export const SHOW_FRAMES = {
  /** Retained state, every frame on `all` (repeated every keyframe). */
  retained: [
    {
      topic: 'all',
      frame: encode({
        type: 'showAnnounce',
        showId: 7,
        showVersion: 2,
        packageBytes: 1234,
        contentHash: new Uint8Array(32).fill(9),
        url: '/pkg/0123456789abcdef.json',
      }),
    },
    {
      topic: 'all',
      frame: encode({
        type: 'transportState',
        epoch: 1,
        seq: 1,
        mode: 'playing',
        blackout: false,
        showId: 7,
        showVersion: 2,
        anchorControllerMs: 1_000_000,
        anchorShowMs: 0,
        rate: 1,
      }),
    },
    { topic: 'all', frame: cue(1) },
    { topic: 'all', frame: cue(2) },
  ],
  /** One-off frames sent to `all` in turn. */
  live: [encode({ type: 'cancelCue', epoch: 1, cueId: 9, atControllerMs: 3_000_000 }), cue(10)],
  /** What the bare server answers a hello with (the same size as the edge's welcome). */
  welcome: encode({
    type: 'welcome',
    protocolVersion: PROTOCOL_VERSION,
    sessionId: 1,
    edgeId: 'bench',
    controllerTimeMs: 0,
    resumeToken: new Uint8Array(16),
  }),
};

/** The seat of phone `i`: seats of the demo stadium taken in a scattered order. */
export function benchSeat(i: number): SeatRef {
  const v = demoStadium();
  const j = (i * 7919) % v.seatCount;
  const s = v.sections[v.seatSection[j]!]!;
  let r = 0;
  while (s.rowStarts[r + 1]! <= j) r++;
  return { section: s.id, row: s.rowLabels[r]!, seat: j - s.rowStarts[r]! + 1 };
}

let topics: VenueTopics | null = null;

/** The topics the edge subscribes a phone to, from its hello frame (for the bare-topics
 *  server; null only builds the venue's lookups). */
export function benchSeatTopics(helloFrame: Uint8Array | null): readonly string[] {
  topics ??= new VenueTopics(demoStadium());
  if (helloFrame === null) return [];
  const msg = decodeClientMessage(helloFrame);
  return msg.type === 'hello' ? topics.topicsFor(msg.seat) : [];
}
