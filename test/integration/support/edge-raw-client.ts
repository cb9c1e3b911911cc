/**
 * A WebSocket client on a raw TCP socket that can stop reading: what a phone on a stalled
 * network looks like to the edge. It does the opening handshake, sends client frames
 * (masked, as RFC 6455 requires), and can pause so the edge's send queue for it grows.
 */
import type { Socket } from 'bun';
import { within } from './edge-harness.ts';

export class RawWsClient {
  private socket: Socket<undefined> | null = null;
  private upgraded!: () => void;
  readonly handshake = new Promise<void>((resolve) => (this.upgraded = resolve));
  readonly closed: Promise<void>;
  private onClosed!: () => void;
  isClosed = false;

  constructor() {
    this.closed = new Promise((resolve) => (this.onClosed = resolve));
  }

  async connect(port: number): Promise<void> {
    let seen = '';
    this.socket = await Bun.connect({
      hostname: '127.0.0.1',
      port,
      socket: {
        open: (s) => {
          s.write(
            'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
          );
        },
        data: (_s, d) => {
          if (seen.includes('\r\n\r\n')) return;
          seen += new TextDecoder().decode(d);
          if (seen.startsWith('HTTP/1.1 101') && seen.includes('\r\n\r\n')) this.upgraded();
        },
        close: () => {
          this.isClosed = true;
          this.onClosed();
        },
      },
    });
    await within(this.handshake, 'the raw handshake');
  }

  /** Sends one binary frame (payload below 126 bytes), masked. */
  sendBinary(payload: Uint8Array): void {
    if (payload.length >= 126) throw new Error('raw client sends short frames only');
    const mask = Uint8Array.of(0x12, 0x34, 0x56, 0x78);
    const frame = new Uint8Array(2 + 4 + payload.length);
    frame[0] = 0x82;
    frame[1] = 0x80 | payload.length;
    frame.set(mask, 2);
    for (let i = 0; i < payload.length; i++) frame[6 + i] = payload[i]! ^ mask[i & 3]!;
    this.socket!.write(frame);
  }

  /** Stops reading: the kernel buffers fill, then the edge's queue for this socket grows. */
  pause(): void {
    this.socket!.pause();
  }

  end(): void {
    this.socket?.end();
  }
}
