/**
 * Writes frames to one Bun socket in order, respecting backpressure: what the kernel does not
 * take now is queued and written on `drain`. The queue is bounded; `write` returns false once
 * a peer is more than `maxQueuedBytes` behind, and the owner then drops that peer.
 */
import type { Socket } from 'bun';

export class SocketWriter {
  private readonly queue: Uint8Array[] = [];
  private queued = 0;

  constructor(
    private readonly socket: Socket<unknown>,
    readonly maxQueuedBytes: number,
  ) {}

  /** Bytes waiting for the socket to drain. */
  get queuedBytes(): number {
    return this.queued;
  }

  /** Writes (or queues) one frame; false when the queue is over its bound. The frame must
   *  not be modified afterwards (a queued remainder is a view of it). */
  write(frame: Uint8Array): boolean {
    if (this.queue.length === 0) {
      const n = this.socket.write(frame);
      if (n === frame.length) return true;
      const rest = n > 0 ? frame.subarray(n) : frame;
      this.queue.push(rest);
      this.queued += rest.length;
    } else {
      this.queue.push(frame);
      this.queued += frame.length;
    }
    return this.queued <= this.maxQueuedBytes;
  }

  /** Call from the socket's drain handler: writes as much of the queue as the socket takes. */
  drain(): void {
    while (this.queue.length > 0) {
      const f = this.queue[0]!;
      const n = this.socket.write(f);
      if (n === f.length) {
        this.queue.shift();
        this.queued -= f.length;
        continue;
      }
      if (n > 0) {
        this.queue[0] = f.subarray(n);
        this.queued -= n;
      }
      return;
    }
  }

  /** Forgets everything queued (the socket is gone). */
  clear(): void {
    this.queue.length = 0;
    this.queued = 0;
  }
}
