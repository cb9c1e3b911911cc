/**
 * One WebSocket to an edge at a time, with the page's liveness rules: a socket that does not
 * open within three times `welcomeTimeoutMs`, that gets no `welcome` within
 * `welcomeTimeoutMs` of opening, or that hears nothing for `deadAfterMs` once welcomed, is
 * dropped without waiting for its close handshake (a dead path can take minutes to close)
 * and reported closed with 1006. Opening gets the longer budget: on a congested cell the
 * TCP and TLS handshakes alone can take several seconds (a lost SYN is retried after 1 s,
 * then 2 s, ...), and a connection given up while still handshaking only starts over. What
 * to do after a close is the caller's decision (reconnect-policy.ts).
 */
export interface EdgeLinkEvents {
  /** A frame arrived; `t3` is the local time read first thing in the handler. */
  frame(data: unknown, t3: number): void;
  /** The socket closed (or could not be opened, or was found dead): `code` as received;
   *  `opened` false when it never opened (a refused upgrade looks like that); `error` what
   *  went wrong on this socket as far as the page can tell ('' when nothing did). */
  closed(code: number, opened: boolean, error: string): void;
}

/** What EdgeLink needs of a WebSocket (the browser's and Bun's fit; the load simulator
 *  passes one that adds a modelled network path). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number): void;
}

export interface EdgeLinkOptions {
  now: () => number;
  /** Opens a socket; default `new WebSocket(url)`. */
  webSocket?: (url: string) => WebSocketLike;
  /** Default 40000: the clock schedule asks at least every 15 s, so a live edge answers. */
  deadAfterMs?: number;
  /** Default 10000. */
  welcomeTimeoutMs?: number;
}

/** Liveness checks run this often, ms. */
const CHECK_EVERY_MS = 2000;

export class EdgeLink {
  private ws: WebSocketLike | null = null;
  private welcomed = false;
  private opened = false;
  private openedAt = 0;
  private heardAt = 0;
  private readonly check: ReturnType<typeof setInterval>;

  constructor(
    private readonly opts: EdgeLinkOptions,
    private readonly events: EdgeLinkEvents,
  ) {
    this.check = setInterval(() => this.checkAlive(), CHECK_EVERY_MS);
  }

  /** True while there is a socket (connecting or open). */
  get active(): boolean {
    return this.ws !== null;
  }

  /** True while a socket is open and its welcome has come. */
  get ready(): boolean {
    return this.ws !== null && this.welcomed && this.ws.readyState === 1;
  }

  /** Opens a socket to `url`, sending `hello()` once it is open. */
  open(url: string, hello: () => Uint8Array): void {
    this.drop(1000);
    let ws: WebSocketLike;
    try {
      ws = this.opts.webSocket ? this.opts.webSocket(url) : (new WebSocket(url) as unknown as WebSocketLike);
    } catch (err) {
      const error = (err as Error).message;
      queueMicrotask(() => this.events.closed(1006, false, error));
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    this.welcomed = false;
    this.openedAt = this.heardAt = this.opts.now();
    this.opened = false;
    let error = '';
    ws.onopen = () => {
      this.opened = true;
      this.heardAt = this.opts.now();
      ws.send(hello() as Uint8Array<ArrayBuffer>);
    };
    ws.onmessage = (ev) => {
      const t3 = this.opts.now();
      if (this.ws !== ws) return;
      this.heardAt = t3;
      this.events.frame(ev.data, t3);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.events.closed(ev.code, this.opened, error);
    };
    ws.onerror = () => {
      error = 'websocket error';
    };
  }

  /** The edge's welcome arrived on the current socket. */
  markWelcomed(): void {
    this.welcomed = true;
  }

  send(frame: Uint8Array): boolean {
    if (!this.ready) return false;
    this.ws!.send(frame as Uint8Array<ArrayBuffer>);
    return true;
  }

  /** Closes the current socket silently (no `closed` event): the caller already knows. */
  drop(code: number): void {
    const ws = this.ws;
    if (ws === null) return;
    this.ws = null;
    this.welcomed = false;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    closeSocket(ws, code);
  }

  /** Drops the socket and stops the liveness checks for good. */
  stop(): void {
    clearInterval(this.check);
    this.drop(1000);
  }

  private checkAlive(): void {
    if (this.ws === null) return;
    const now = this.opts.now();
    const welcomeMs = this.opts.welcomeTimeoutMs ?? 10_000;
    const dead = this.welcomed
      ? now - this.heardAt > (this.opts.deadAfterMs ?? 40_000)
      : this.opened
        ? now - this.heardAt > welcomeMs // heardAt: when it opened, or its last frame
        : now - this.openedAt > 3 * welcomeMs;
    if (!dead) return;
    const error = this.welcomed ? 'edge silent' : 'no welcome';
    const opened = this.opened;
    this.drop(1000);
    this.events.closed(1006, opened, error);
  }
}

/** Starts a socket's closing handshake with `code` when it is an application code
 *  (4000-4999), else 1000 (the only other code a page may send); a socket already closing
 *  is left as it is. */
export function closeSocket(ws: { close(code?: number): void }, code: number): void {
  try {
    ws.close(code >= 4000 && code <= 4999 ? code : 1000);
  } catch {
    // already closing
  }
}
