/**
 * Framing of the local inter-process bus (socket bus): one message is
 *
 *   u32 length (little-endian) | u8 subject length | subject (UTF-8) | payload
 *
 * where `length` counts every byte after itself (1 + subject length + payload length). A
 * subject is 1..255 UTF-8 bytes. Subjects starting with `$bus.` are the bus's own control
 * messages (a client subscribing or unsubscribing) and cannot be published by users.
 */
import { BusError } from './errors.ts';

const BUS_FRAME_HEADER_BYTES = 5;
/** Largest frame the socket bus carries: room for a 4 MiB show package op many times over. */
export const MAX_BUS_FRAME_BYTES = 64 * 1024 * 1024;
/** Reserved subject prefix of control messages. */
export const CONTROL_PREFIX = '$bus.';
/** client -> hub: start delivering this subject (payload: the subject, UTF-8). */
export const SUBSCRIBE_SUBJECT = '$bus.sub';
/** client -> hub: stop delivering this subject (payload: the subject, UTF-8). */
export const UNSUBSCRIBE_SUBJECT = '$bus.unsub';

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

/** The UTF-8 bytes of a subject users may publish on; throws BusError('bad-subject'). */
export function checkSubject(subject: string): Uint8Array {
  if (typeof subject !== 'string' || subject.length === 0) throw new BusError('bad-subject', 'a subject must be a non-empty string');
  if (subject.startsWith(CONTROL_PREFIX)) throw new BusError('bad-subject', `subjects starting with "${CONTROL_PREFIX}" are reserved`);
  const b = enc.encode(subject);
  if (b.length > 255) throw new BusError('bad-subject', `subject longer than 255 bytes: ${subject.slice(0, 40)}…`);
  return b;
}

/** One frame carrying `payload` on the subject whose UTF-8 bytes are `subject`. */
export function encodeBusFrame(subject: Uint8Array, payload: Uint8Array): Uint8Array {
  const length = 1 + subject.length + payload.length;
  if (length + 4 > MAX_BUS_FRAME_BYTES) throw new BusError('too-large', `bus message of ${payload.length} bytes is over the ${MAX_BUS_FRAME_BYTES}-byte frame limit`);
  const out = new Uint8Array(4 + length);
  new DataView(out.buffer).setUint32(0, length, true);
  out[4] = subject.length;
  out.set(subject, BUS_FRAME_HEADER_BYTES);
  out.set(payload, BUS_FRAME_HEADER_BYTES + subject.length);
  return out;
}

/** A whole frame as received: `frame` is an owned copy (never a view of a reused buffer). */
export interface BusFrame {
  subject: string;
  /** The complete encoded frame, ready to be forwarded unchanged. */
  frame: Uint8Array;
  /** The payload: a view into `frame`. */
  payload: Uint8Array;
}

/**
 * Reassembles frames from a byte stream that arrives in arbitrary chunks. One growable
 * buffer per connection; each complete frame is copied out once, so receivers may keep it.
 */
export class BusFrameReader {
  private buf: Uint8Array;
  private view: DataView;
  private start = 0;
  private end = 0;

  constructor(
    initialBytes = 64 * 1024,
    private readonly maxFrameBytes = MAX_BUS_FRAME_BYTES,
  ) {
    this.buf = new Uint8Array(initialBytes);
    this.view = new DataView(this.buf.buffer);
  }

  /** Appends a chunk and calls `onFrame` for every frame it completes, in order. Throws
   *  BusError('corrupt-frame') on a frame that cannot be valid; the stream is then unusable. */
  push(chunk: Uint8Array, onFrame: (f: BusFrame) => void): void {
    this.append(chunk);
    while (this.end - this.start >= 4) {
      const length = this.view.getUint32(this.start, true);
      if (length < 2 || length + 4 > this.maxFrameBytes) throw new BusError('corrupt-frame', `bus frame length ${length} is out of range`);
      if (this.end - this.start < 4 + length) break;
      const s = this.start;
      this.start += 4 + length;
      const subjectLength = this.buf[s + 4]!;
      if (subjectLength === 0 || 1 + subjectLength > length) throw new BusError('corrupt-frame', `bus frame subject length ${subjectLength} does not fit its frame`);
      let subject: string;
      try {
        subject = dec.decode(this.buf.subarray(s + BUS_FRAME_HEADER_BYTES, s + BUS_FRAME_HEADER_BYTES + subjectLength));
      } catch {
        throw new BusError('corrupt-frame', 'bus frame subject is not valid UTF-8');
      }
      const frame = this.buf.slice(s, s + 4 + length);
      onFrame({ subject, frame, payload: frame.subarray(BUS_FRAME_HEADER_BYTES + subjectLength) });
    }
    if (this.start === this.end) this.start = this.end = 0;
  }

  /** Bytes held for an incomplete frame. */
  get pendingBytes(): number {
    return this.end - this.start;
  }

  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buf.length) {
      const live = this.end - this.start;
      if (live + chunk.length <= this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        let size = this.buf.length * 2;
        while (size < live + chunk.length) size *= 2;
        const next = new Uint8Array(size);
        next.set(this.buf.subarray(this.start, this.end));
        this.buf = next;
        this.view = new DataView(next.buffer);
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
  }
}
