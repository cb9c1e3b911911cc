/**
 * A client of the local inter-process bus (see socket-bus-hub.ts), used by edge processes.
 * It keeps one connection to the hub and reconnects when it drops (backoff 50 ms doubling to
 * 1 s), resubscribing every subject it holds before anything else is sent. Publishes made
 * while disconnected are queued (bounded) and sent after the resubscription, in order.
 *
 * Every message, including one this client published, reaches this client's handlers through
 * the hub, once, so all subscribers see one order per publisher.
 */
import type { Socket } from 'bun';
import { BusFrameReader, checkSubject, encodeBusFrame, SUBSCRIBE_SUBJECT, UNSUBSCRIBE_SUBJECT } from './bus-frame.ts';
import { BusError } from './errors.ts';
import { LocalSubscribers } from './local-subscribers.ts';
import { DEFAULT_MAX_QUEUED_BYTES } from './socket-bus-hub.ts';
import { SocketWriter } from './socket-writer.ts';
import type { Bus, BusHandler } from './types.ts';

export interface SocketBusClientOptions {
  /** The hub's Unix socket path. */
  path: string;
  /** Called after every reconnection (not the first connection), once resubscribed: the hub
   *  may have missed messages meanwhile, so state kept from the bus should be asked for again. */
  onReconnect?: () => void;
  /** Bytes that may wait (while disconnected or behind) before publishes are dropped. */
  maxQueuedBytes?: number;
  log?: (line: string) => void;
}

const enc = new TextEncoder();
const SUB = enc.encode(SUBSCRIBE_SUBJECT);
const UNSUB = enc.encode(UNSUBSCRIBE_SUBJECT);
const MAX_BACKOFF_MS = 1000;

export class SocketBusClient implements Bus {
  readonly path: string;
  private readonly local: LocalSubscribers;
  private readonly log: (line: string) => void;
  private readonly maxQueuedBytes: number;
  private socket: Socket<undefined> | null = null;
  private writer: SocketWriter | null = null;
  private reader = new BusFrameReader();
  /** Publishes made while disconnected, sent after resubscribing. */
  private offline: Uint8Array[] = [];
  private offlineBytes = 0;
  private closed = false;
  private everConnected = false;
  private backoffMs = 50;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private disconnectedAt: number | null = performance.now();
  private droppedWhileOffline = 0;

  private constructor(private readonly opts: SocketBusClientOptions) {
    this.path = opts.path;
    this.log = opts.log ?? ((line) => console.error(line));
    this.maxQueuedBytes = opts.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.local = new LocalSubscribers(this.log);
  }

  /** Connects to the hub; rejects with BusError('unavailable') when the first attempt fails. */
  static async connect(opts: SocketBusClientOptions): Promise<SocketBusClient> {
    const c = new SocketBusClient(opts);
    await c.open();
    return c;
  }

  /** True while connected to the hub. */
  get connected(): boolean {
    return this.socket !== null;
  }

  /** How long the hub has been unreachable, ms (0 while connected). */
  downForMs(): number {
    return this.disconnectedAt === null ? 0 : performance.now() - this.disconnectedAt;
  }

  publish(subject: string, data: Uint8Array): void {
    if (this.closed) return;
    this.send(encodeBusFrame(checkSubject(subject), data));
  }

  subscribe(subject: string, handler: BusHandler): () => void {
    const bytes = checkSubject(subject);
    if (this.local.add(subject, handler) && this.writer) this.writer.write(encodeBusFrame(SUB, bytes));
    return () => {
      if (this.local.remove(subject, handler) && this.writer && !this.closed) this.writer.write(encodeBusFrame(UNSUB, bytes));
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.local.clear();
    this.offline = [];
    const s = this.socket;
    this.socket = null;
    this.writer = null;
    s?.end();
  }

  // ------------------------------------------------------------------ connection

  private send(frame: Uint8Array): void {
    if (this.writer) {
      if (!this.writer.write(frame)) {
        this.log(`bus client: hub more than ${this.maxQueuedBytes} bytes behind; reconnecting`);
        this.socket?.end();
      }
      return;
    }
    if (this.offlineBytes + frame.length > this.maxQueuedBytes) {
      if (this.droppedWhileOffline++ === 0) this.log('bus client: hub unreachable and the send queue is full; dropping publishes');
      return;
    }
    this.offline.push(frame);
    this.offlineBytes += frame.length;
  }

  private async open(): Promise<void> {
    let socket: Socket<undefined>;
    try {
      socket = await Bun.connect({
        unix: this.path,
        socket: {
          binaryType: 'uint8array',
          data: (s, chunk) => {
            if (s !== this.socket) return;
            try {
              this.reader.push(chunk, (f) => this.local.deliver(f.subject, f.payload));
            } catch (err) {
              this.log(`bus client: ${err instanceof Error ? err.message : String(err)}; reconnecting`);
              s.end();
            }
          },
          drain: (s) => {
            if (s === this.socket) this.writer?.drain();
          },
          close: (s) => this.onClose(s),
          error: (_s, err) => this.log(`bus client: ${err.message}`),
        },
      });
    } catch (err) {
      throw new BusError('unavailable', `cannot reach the bus hub at ${this.path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (this.closed) {
      socket.end();
      return;
    }
    this.socket = socket;
    this.reader = new BusFrameReader();
    this.writer = new SocketWriter(socket as Socket<unknown>, this.maxQueuedBytes);
    this.disconnectedAt = null;
    this.backoffMs = 50;
    for (const subject of this.local.subjects()) this.writer.write(encodeBusFrame(SUB, enc.encode(subject)));
    const queued = this.offline;
    this.offline = [];
    this.offlineBytes = 0;
    this.droppedWhileOffline = 0;
    for (const f of queued) this.writer.write(f);
    const reconnect = this.everConnected;
    this.everConnected = true;
    if (reconnect) this.opts.onReconnect?.();
  }

  private onClose(s: Socket<undefined>): void {
    if (s !== this.socket) return;
    this.socket = null;
    this.writer = null;
    this.disconnectedAt = performance.now();
    if (!this.closed) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    const delay = this.backoffMs * (0.5 + Math.random() * 0.5);
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.open().catch(() => this.scheduleReconnect());
    }, delay);
  }
}
