/**
 * Phone frames as a controller builds them (core/protocol encode), for edge tests.
 */
import { CUE_DURATION_UNTIL_CANCELLED, EffectKind, encode, type LiveCueMessage, type TargetKind } from '../../../src/core/protocol/index.ts';

export function transportFrame(seq: number, epoch = 1): Uint8Array {
  return encode({
    type: 'transportState',
    epoch,
    seq,
    mode: 'playing',
    blackout: false,
    showId: 7,
    showVersion: 2,
    anchorControllerMs: 1_000_000 + seq,
    anchorShowMs: 0,
    rate: 1,
  });
}

export function cueFrame(cueId: number, target: TargetKind = 'all', targetId = 0, epoch = 1): Uint8Array {
  const msg: LiveCueMessage = {
    type: 'liveCue',
    epoch,
    cueId,
    effect: EffectKind.Solid,
    target,
    targetId,
    startControllerMs: 2_000_000,
    durationMs: CUE_DURATION_UNTIL_CANCELLED,
    colorA: { r: 255, g: 0, b: 0 },
    colorB: { r: 0, g: 0, b: 0 },
    params: [],
  };
  return encode(msg);
}

export function cancelFrame(cueId: number, epoch = 1): Uint8Array {
  return encode({ type: 'cancelCue', epoch, cueId, atControllerMs: 3_000_000 });
}

export function announceFrame(showId = 7, showVersion = 2): Uint8Array {
  return encode({
    type: 'showAnnounce',
    showId,
    showVersion,
    packageBytes: 1234,
    contentHash: new Uint8Array(32).fill(9),
    url: '/pkg/0123456789abcdef.json',
  });
}
