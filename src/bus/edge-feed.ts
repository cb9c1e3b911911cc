/**
 * The edge feed: what the controller tells its edges, as small binary ops on Subjects.feed.
 * The controller builds every phone frame once (core/protocol) and the feed carries those
 * bytes; an edge never re-encodes them, it publishes them to a topic as they are.
 *
 * Retained frames are the current state (showAnnounce, transportState, each active liveCue):
 * an edge broadcasts them when they arrive, sends them to every phone on welcome and resume
 * (those whose topics match), and repeats them as keyframes. `send` frames are broadcast once
 * and not kept (cancelCue). `reset` forgets every retained frame (a new epoch or a replay).
 *
 * Layout: u8 op, then per op:
 *   retain  1: str8 key, str8 topic, frame (rest)
 *   send    2: str8 topic, frame (rest)
 *   drop    3: str8 key
 *   reset   4: (nothing)
 *   package 5: str8 path, str8 contentType, body (rest)  — serve body at path, immutable
 *   venue   6: venue spec JSON, UTF-8 (rest)             — maps seats to zone/section topics
 * str8 = u8 length + UTF-8 bytes (at most 255 bytes).
 */
export type FeedOp =
  | { op: 'retain'; key: string; topic: string; frame: Uint8Array }
  | { op: 'send'; topic: string; frame: Uint8Array }
  | { op: 'drop'; key: string }
  | { op: 'reset' }
  | { op: 'package'; path: string; contentType: string; body: Uint8Array }
  | { op: 'venue'; json: string };

const OPS = { retain: 1, send: 2, drop: 3, reset: 4, package: 5, venue: 6 } as const;
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

/** Topic every phone is subscribed to. */
export const TOPIC_ALL = 'all';
/** Topic of the phones seated in the venue zone with this index (venue.zones order). */
export const zoneTopic = (zoneIndex: number): string => `zone:${zoneIndex}`;
/** Topic of the phones seated in the section with this index (venue.sections order). */
export const sectionTopic = (sectionIndex: number): string => `section:${sectionIndex}`;

export class FeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedError';
  }
}

function str8(s: string): Uint8Array {
  const b = enc.encode(s);
  if (b.length > 255) throw new FeedError(`feed string longer than 255 bytes: ${s.slice(0, 40)}…`);
  return b;
}

export function encodeFeedOp(op: FeedOp): Uint8Array {
  const parts: Uint8Array[] = [];
  const pushStr = (s: string) => {
    const b = str8(s);
    parts.push(Uint8Array.of(b.length), b);
  };
  parts.push(Uint8Array.of(OPS[op.op]));
  switch (op.op) {
    case 'retain':
      pushStr(op.key);
      pushStr(op.topic);
      parts.push(op.frame);
      break;
    case 'send':
      pushStr(op.topic);
      parts.push(op.frame);
      break;
    case 'drop':
      pushStr(op.key);
      break;
    case 'reset':
      break;
    case 'package':
      pushStr(op.path);
      pushStr(op.contentType);
      parts.push(op.body);
      break;
    case 'venue':
      parts.push(enc.encode(op.json));
      break;
  }
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function decodeFeedOp(data: Uint8Array): FeedOp {
  let o = 1;
  const readStr = (): string => {
    if (o >= data.length) throw new FeedError('truncated feed op');
    const n = data[o]!;
    if (o + 1 + n > data.length) throw new FeedError('truncated feed op');
    const s = dec.decode(data.subarray(o + 1, o + 1 + n));
    o += 1 + n;
    return s;
  };
  // Frames are copied out so a retained frame never aliases a reused receive buffer.
  const rest = () => data.slice(o);
  switch (data[0]) {
    case OPS.retain: {
      const key = readStr();
      const topic = readStr();
      return { op: 'retain', key, topic, frame: rest() };
    }
    case OPS.send: {
      const topic = readStr();
      return { op: 'send', topic, frame: rest() };
    }
    case OPS.drop:
      return { op: 'drop', key: readStr() };
    case OPS.reset:
      return { op: 'reset' };
    case OPS.package: {
      const path = readStr();
      const contentType = readStr();
      return { op: 'package', path, contentType, body: rest() };
    }
    case OPS.venue:
      return { op: 'venue', json: dec.decode(data.subarray(1)) };
    default:
      throw new FeedError(`unknown feed op ${data[0]}`);
  }
}
