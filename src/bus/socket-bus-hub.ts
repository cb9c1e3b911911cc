/**
 * The hub of the local inter-process bus: it lives in the controller process, listens on a
 * Unix domain socket, and routes every message once to each subscribed connection and to its
 * own local subscribers. Edge processes connect with SocketBusClient. Framing: bus-frame.ts.
 *
 * - Order: messages from one publisher reach each subscriber in publish order (one stream
 *   per connection, read in order, written through one queue per connection).
 * - Exactly once: a message goes to a connection once however many of that connection's
 *   handlers want it (the client fans out locally), and back to its own publisher only if
 *   the publisher subscribed to the subject.
 * - Isolation: a corrupt frame closes that connection only; a connection more than
 *   `maxQueuedBytes` behind is closed with a log line (its client reconnects and asks again).
 */
import type { Socket, UnixSocketListener } from 'bun';
import { existsSync, unlinkSync } from 'node:fs';
import {
  BusFrameReader,
  checkSubject,
  CONTROL_PREFIX,
  encodeBusFrame,
  SUBSCRIBE_SUBJECT,
  UNSUBSCRIBE_SUBJECT,
  type BusFrame,
} from './bus-frame.ts';
import { BusError } from './errors.ts';
import { LocalSubscribers } from './local-subscribers.ts';
import { SocketWriter } from './socket-writer.ts';
import type { Bus, BusHandler } from './types.ts';

export interface SocketBusHubOptions {
  /** Path of the Unix socket to listen on (at most ~100 bytes; a stale file is replaced). */
  path: string;
  /** Bytes one connection may fall behind before it is dropped. Default 64 MiB. */
  maxQueuedBytes?: number;
  log?: (line: string) => void;
}

interface Peer {
  readonly id: number;
  readonly reader: BusFrameReader;
  writer: SocketWriter | null;
  readonly subjects: Set<string>;
  dropped: boolean;
}

const dec = new TextDecoder('utf-8', { fatal: true });
export const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;

export class SocketBusHub implements Bus {
  readonly path: string;
  private readonly local: LocalSubscribers;
  private readonly bySubject = new Map<string, Set<Socket<Peer>>>();
  private readonly peers = new Set<Socket<Peer>>();
  private readonly listener: UnixSocketListener<undefined>;
  private readonly log: (line: string) => void;
  private readonly maxQueuedBytes: number;
  private nextPeerId = 1;
  private closed = false;

  constructor(opts: SocketBusHubOptions) {
    this.path = opts.path;
    this.log = opts.log ?? ((line) => console.error(line));
    this.maxQueuedBytes = opts.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.local = new LocalSubscribers(this.log);
    if (existsSync(opts.path)) unlinkSync(opts.path);
    try {
      this.listener = Bun.listen<Peer>({
        unix: opts.path,
        socket: {
          binaryType: 'uint8array',
          open: (s) => this.onOpen(s),
          data: (s, chunk) => this.onData(s, chunk),
          drain: (s) => s.data.writer?.drain(),
          close: (s) => this.onClose(s),
          error: (s, err) => this.log(`bus hub: connection ${s.data?.id ?? '?'} error: ${err.message}`),
        },
      }) as unknown as UnixSocketListener<undefined>;
    } catch (err) {
      throw new BusError('unavailable', `bus hub cannot listen on ${opts.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /** Connections subscribed to `subject`. */
  remoteSubscribers(subject: string): number {
    return this.bySubject.get(subject)?.size ?? 0;
  }

  publish(subject: string, data: Uint8Array): void {
    if (this.closed) return;
    const subjectBytes = checkSubject(subject);
    this.local.deliver(subject, data);
    const targets = this.bySubject.get(subject);
    if (!targets || targets.size === 0) return;
    const frame = encodeBusFrame(subjectBytes, data);
    for (const s of targets) this.send(s, frame);
  }

  subscribe(subject: string, handler: BusHandler): () => void {
    checkSubject(subject);
    this.local.add(subject, handler);
    return () => {
      this.local.remove(subject, handler);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.local.clear();
    for (const s of [...this.peers]) s.end();
    this.listener.stop(true);
    try {
      unlinkSync(this.path);
    } catch {
      // Already gone.
    }
  }

  // ------------------------------------------------------------------ connections

  private onOpen(s: Socket<Peer>): void {
    s.data = { id: this.nextPeerId++, reader: new BusFrameReader(), writer: null, subjects: new Set(), dropped: false };
    s.data.writer = new SocketWriter(s as Socket<unknown>, this.maxQueuedBytes);
    this.peers.add(s);
    if (this.closed) s.end();
  }

  private onData(s: Socket<Peer>, chunk: Uint8Array): void {
    const peer = s.data;
    if (peer.dropped) return;
    try {
      peer.reader.push(chunk, (f) => this.onFrame(s, f));
    } catch (err) {
      this.drop(s, `corrupt frame (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  private onFrame(s: Socket<Peer>, f: BusFrame): void {
    if (s.data.dropped) return;
    if (f.subject.startsWith(CONTROL_PREFIX)) {
      this.onControl(s, f);
      return;
    }
    this.local.deliver(f.subject, f.payload);
    const targets = this.bySubject.get(f.subject);
    if (!targets) return;
    for (const t of targets) this.send(t, f.frame);
  }

  private onControl(s: Socket<Peer>, f: BusFrame): void {
    let subject: string;
    try {
      subject = dec.decode(f.payload);
      checkSubject(subject);
    } catch {
      throw new BusError('corrupt-frame', `bad subject in ${f.subject}`);
    }
    if (f.subject === SUBSCRIBE_SUBJECT) {
      s.data.subjects.add(subject);
      let set = this.bySubject.get(subject);
      if (!set) this.bySubject.set(subject, (set = new Set()));
      set.add(s);
    } else if (f.subject === UNSUBSCRIBE_SUBJECT) {
      s.data.subjects.delete(subject);
      this.forget(s, subject);
    } else {
      throw new BusError('corrupt-frame', `unknown control subject ${f.subject}`);
    }
  }

  /** Called while iterating a subject's connections: it may only remove the connection it is
   *  given from them (a dropped peer), which a Set's iteration tolerates without a copy. */
  private send(s: Socket<Peer>, frame: Uint8Array): void {
    const peer = s.data;
    if (peer.dropped || peer.writer === null) return;
    if (!peer.writer.write(frame)) {
      this.drop(s, `more than ${peer.writer.maxQueuedBytes} bytes behind (${peer.writer.queuedBytes} queued)`);
    }
  }

  /** Closes one connection (it alone): its client reconnects and resubscribes. */
  private drop(s: Socket<Peer>, why: string): void {
    const peer = s.data;
    if (peer.dropped) return;
    peer.dropped = true;
    this.log(`bus hub: dropping connection ${peer.id}: ${why}`);
    this.detach(s);
    s.end();
  }

  private onClose(s: Socket<Peer>): void {
    if (!s.data) return;
    this.detach(s);
  }

  private detach(s: Socket<Peer>): void {
    this.peers.delete(s);
    for (const subject of s.data.subjects) this.forget(s, subject);
    s.data.subjects.clear();
    s.data.writer?.clear();
  }

  private forget(s: Socket<Peer>, subject: string): void {
    const set = this.bySubject.get(subject);
    if (!set) return;
    set.delete(s);
    if (set.size === 0) this.bySubject.delete(subject);
  }
}
