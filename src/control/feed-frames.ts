import { encodeFeedOp, TOPIC_ALL, type FeedOp } from '../bus/edge-feed.ts';
import { Subjects, type Bus } from '../bus/types.ts';
import { CUE_DURATION_UNTIL_CANCELLED, encode, type LiveCueMessage } from '../core/protocol/index.ts';
import type { Effect, Target, Transport } from '../core/show/index.ts';
import type { LoadedShow } from './show-library.ts';

/**
 * The controller's side of the edge feed: each state change becomes one phone frame, built
 * once here and handed to every edge as a feed op (retained as current state, or sent once).
 */
export interface ActiveCue {
  cueId: number;
  /** The effect as phones decode it from the wire (so status shows what is rendered). */
  effect: Effect;
  target: Target;
  topic: string;
  wire: Omit<LiveCueMessage, 'type' | 'epoch' | 'cueId' | 'startControllerMs' | 'durationMs'>;
  startControllerMs: number;
  durationMs: number | null;
}

export class FeedFrames {
  constructor(private readonly bus: Bus) {}

  reset(): void {
    this.feed({ op: 'reset' });
  }

  /** The venue (for seat topics), the package to serve and the retained showAnnounce. */
  show(l: LoadedShow): void {
    this.feed({ op: 'venue', json: JSON.stringify(l.venue.spec) });
    this.feed({ op: 'package', path: l.pkg.path, contentType: 'application/json', body: l.pkg.body });
    const frame = encode({
      type: 'showAnnounce', showId: l.num, showVersion: l.version, contentHash: l.pkg.sha256,
      packageBytes: l.pkg.body.length, url: l.pkg.path,
    });
    this.feed({ op: 'retain', key: 'announce', topic: TOPIC_ALL, frame });
  }

  transport(epoch: number, seq: number, t: Transport, loaded: LoadedShow | null): void {
    const frame = encode({
      type: 'transportState', epoch, seq, mode: t.mode, blackout: t.blackout,
      showId: loaded?.num ?? 0, showVersion: loaded?.version ?? 0,
      anchorControllerMs: t.anchorControllerMs, anchorShowMs: t.anchorShowMs, rate: t.rate,
    });
    this.feed({ op: 'retain', key: 'transport', topic: TOPIC_ALL, frame });
  }

  cue(epoch: number, c: ActiveCue): void {
    const frame = encode({
      type: 'liveCue', epoch, cueId: c.cueId, ...c.wire,
      startControllerMs: c.startControllerMs, durationMs: c.durationMs ?? CUE_DURATION_UNTIL_CANCELLED,
    });
    this.feed({ op: 'retain', key: `cue:${c.cueId}`, topic: c.topic, frame });
  }

  dropCue(cueId: number): void {
    this.feed({ op: 'drop', key: `cue:${cueId}` });
  }

  send(topic: string, frame: Uint8Array): void {
    this.feed({ op: 'send', topic, frame });
  }

  private feed(op: FeedOp): void {
    this.bus.publish(Subjects.feed, encodeFeedOp(op));
  }
}
