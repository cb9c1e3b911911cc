import {
  decodeServerMessage,
  encode,
  PROTOCOL_VERSION,
  type SeatRef,
  type ServerMessage,
} from '../../../src/core/protocol/index.ts';

/**
 * A minimal phone over a real WebSocket, for integration tests: it says hello, records every
 * frame it receives, and lets a test wait for a frame by predicate (with a deadline, never a
 * fixed sleep).
 */
export class WsPhone {
  readonly received: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  private readonly ws: WebSocket;
  private waiters: (() => void)[] = [];
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'arraybuffer';
    this.opened = new Promise((resolve, reject) => {
      this.ws.onopen = () => resolve();
      this.ws.onerror = () => reject(new Error(`cannot connect to ${url}`));
    });
    this.ws.onmessage = (e) => {
      this.received.push(decodeServerMessage(new Uint8Array(e.data as ArrayBuffer)));
      this.wake();
    };
    this.ws.onclose = (e) => {
      this.closed = { code: e.code, reason: e.reason };
      this.wake();
    };
  }

  static async join(url: string, seat: SeatRef | null, resumeToken: Uint8Array | null = null): Promise<WsPhone> {
    const p = new WsPhone(url);
    await p.opened;
    p.send(encode({ type: 'hello', protocolVersion: PROTOCOL_VERSION, deviceId: crypto.getRandomValues(new Uint8Array(16)), seat, resumeToken }));
    return p;
  }

  send(frame: Uint8Array<ArrayBuffer>): void {
    this.ws.send(frame);
  }

  /** The first received frame (from index `from`) matching `pred`, waiting up to `timeoutMs`. */
  async waitFor<T extends ServerMessage>(pred: (m: ServerMessage) => m is T, timeoutMs = 5000, from = 0): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (let i = from; i < this.received.length; i++) {
        const m = this.received[i]!;
        if (pred(m)) return m;
      }
      if (this.closed) throw new Error(`socket closed (${this.closed.code} ${this.closed.reason}) before the frame arrived`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms; got ${this.received.map((m) => m.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('socket still open');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}

export const isType =
  <K extends ServerMessage['type']>(type: K) =>
  (m: ServerMessage): m is Extract<ServerMessage, { type: K }> =>
    m.type === type;
