/**
 * A simulated phone's WebSocket: a real socket to the edge with the phone's modelled network
 * path added at the message level, on the device side, in both directions.
 *
 *  - Outbound: a message the page sends at t leaves on the real socket at
 *    max(t + uplink delay, the previous message's departure): TCP never lets a message
 *    overtake the one before it.
 *  - Inbound: a message that reaches the real socket at a is handed to the network model
 *    first (the tap sees it at a: that is the server's part of the latency), delivered at
 *    max(a + downlink delay, previous delivery), and its handler then runs when the page's
 *    event loop can run it (pauses, handler queueing; in order). The page's `onmessage` runs
 *    then, so it reads its clock (t3) at the modelled handling time.
 *  - Opens are not delayed beyond the real handshake. A close from the edge is handed to the
 *    page after every message that arrived before it. A close by the page goes out after
 *    the messages it sent before it.
 *
 * All waiting is done by the worker's one DelayScheduler, in controller time (ms). A task
 * that runs late (the process was busy) runs late for the page too: the page's clock is
 * always read at the real instant, so what the simulator measures stays exact.
 */
import { closeSocket, type WebSocketLike } from '../../../web/phone/edge-link.ts';
import type { DelayScheduler } from './scheduler.ts';

/** What a socket asks of its device's network model and tells its owner. Times are
 *  controller ms (the scheduler's clock). */
export interface LinkModel {
  now(): number;
  /** One-way delay of a message the page sends at `atMs`, ms. */
  uplinkDelayMs(atMs: number): number;
  /** One-way delay of a message the edge's socket delivered at `atMs`, ms. */
  downlinkDelayMs(atMs: number): number;
  /** When the page's handler runs for a message delivered to it at `atMs` (>= atMs). */
  handlerAt(atMs: number): number;
  /** Bytes on the wire (payload + frame header) each way. */
  sentBytes(n: number): void;
  receivedBytes(n: number): void;
  /** A message reached the real socket (before the modelled downlink). */
  arrived(data: ArrayBuffer, atMs: number): void;
  /** A message is about to be handed to the page: `atMs` is when the model has its handler
   *  run (the page reads its clock at the real instant, a little later when the worker is
   *  busy). */
  handled(data: ArrayBuffer, atMs: number): void;
  /** The real socket closed (not by the page): `opened` false when it never opened;
   *  `error` the socket error's text ('' when none). */
  closed(code: number, opened: boolean, error: string): void;
  /** The page closed the socket itself while it was still there: `opened` false when it
   *  had not opened yet (the page gave up waiting for it, or found the edge silent or its
   *  frames broken). */
  pageClosed(opened: boolean): void;
}

/** Frame header sizes (RFC 6455 section 5.2): 2 bytes, +2 or +8 for longer payloads; a
 *  client's frames also carry a 4-byte mask. */
export function serverFrameBytes(payload: number): number {
  return payload + (payload < 126 ? 2 : payload < 65536 ? 4 : 10);
}
export function clientFrameBytes(payload: number): number {
  return serverFrameBytes(payload) + 4;
}

/** A connection attempt made while the device has no network fails after this long, ms. */
export const OFFLINE_FAIL_MS = 1000;

const OPEN = 1;
const CLOSED = 3;

export class DelayedSocket implements WebSocketLike {
  binaryType = 'arraybuffer';
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  private real: WebSocket | null = null;
  private upFree = -Infinity;
  private downFree = -Infinity;
  private handlerFree = -Infinity;
  /** The page closed it, or it was dropped: nothing more reaches the page. */
  private detached = false;
  private closeDelivered = false;
  private opened = false;
  private error = '';
  /** Reused for every message handed to the page (it reads `data` synchronously). */
  private readonly ev: { data: unknown } = { data: null };

  /** `url` null: the device has no network; the attempt fails after OFFLINE_FAIL_MS. */
  constructor(
    url: string | null,
    private readonly model: LinkModel,
    private readonly sched: DelayScheduler,
  ) {
    if (url === null) {
      sched.at(model.now() + OFFLINE_FAIL_MS, deliverClose, this, 1006);
      return;
    }
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    this.real = ws;
    ws.onopen = () => {
      this.opened = true;
      if (!this.detached) this.onopen?.(null);
    };
    ws.onmessage = (e: MessageEvent) => this.arrive(e.data as ArrayBuffer);
    ws.onerror = (e: Event) => {
      this.error = (e as ErrorEvent).message || 'websocket error';
    };
    ws.onclose = (e: CloseEvent) => {
      this.real = null;
      if (this.detached) return;
      this.model.closed(e.code, this.opened, this.error);
      // After every message that arrived before it.
      this.sched.at(Math.max(this.model.now(), this.handlerFree), deliverClose, this, e.code);
    };
  }

  get readyState(): number {
    if (this.closeDelivered || this.detached) return CLOSED;
    return this.real?.readyState ?? CLOSED;
  }

  send(data: Uint8Array<ArrayBuffer>): void {
    if (this.detached || this.real === null) return;
    const now = this.model.now();
    // The caller may reuse its buffer (the clock driver does): keep a copy until it leaves.
    const copy = data.slice();
    this.model.sentBytes(clientFrameBytes(copy.length));
    const at = Math.max(now + this.model.uplinkDelayMs(now), this.upFree);
    this.upFree = at;
    this.sched.at(at, sendNow, this, copy);
  }

  /** The page closes it: the close goes out after what the page sent before it. */
  close(code?: number): void {
    if (this.detached) return;
    this.detached = true;
    const ws = this.real;
    if (ws === null) return;
    this.model.pageClosed(this.opened);
    this.sched.at(Math.max(this.model.now(), this.upFree), closeSocket, ws, code ?? 1000);
  }

  /** Closes the real socket at once, dropping whatever is still queued (the run is over). */
  terminate(): void {
    this.detached = true;
    const ws = this.release();
    if (ws !== null) closeSocket(ws, 1000);
  }

  /** The device's network goes away: the socket is dropped at once and the page hears a
   *  1006 close now (the operating system tells it when the interface goes down). */
  drop(): void {
    if (this.detached) return;
    this.detached = true;
    const ws = this.release();
    if (ws !== null) {
      try {
        ws.close();
      } catch {
        // already closing
      }
    }
    this.closeDelivered = true;
    this.onclose?.({ code: 1006 });
  }

  /** Lets go of the real socket (its events no longer reach this object) and returns it. */
  private release(): WebSocket | null {
    const ws = this.real;
    this.real = null;
    if (ws !== null) ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    return ws;
  }

  private arrive(data: ArrayBuffer): void {
    if (this.detached) return;
    const now = this.model.now();
    this.model.receivedBytes(serverFrameBytes(data.byteLength));
    this.model.arrived(data, now);
    const delivered = Math.max(now + this.model.downlinkDelayMs(now), this.downFree);
    this.downFree = delivered;
    const handled = Math.max(this.model.handlerAt(delivered), this.handlerFree);
    this.handlerFree = handled;
    this.sched.at(handled, deliverMessage, this, data);
  }

  /** @internal scheduler callbacks */
  static deliver(s: DelayedSocket, data: ArrayBuffer, dueMs: number): void {
    if (s.detached || s.closeDelivered) return;
    s.model.handled(data, dueMs);
    s.ev.data = data;
    s.onmessage?.(s.ev);
    s.ev.data = null;
  }

  static deliverClose(s: DelayedSocket, code: number): void {
    if (s.closeDelivered || s.detached) return;
    s.closeDelivered = true;
    s.onclose?.({ code });
  }

  static sendNow(s: DelayedSocket, bytes: Uint8Array<ArrayBuffer>): void {
    const ws = s.real;
    if (ws !== null && ws.readyState === OPEN) ws.send(bytes);
  }
}

const deliverMessage = DelayedSocket.deliver;
const deliverClose = DelayedSocket.deliverClose;
const sendNow = DelayedSocket.sendNow;
