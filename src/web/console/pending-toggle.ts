/**
 * An on/off switch whose true state lives on the server (blackout; playing or not). After a press the
 * console shows the state it asked for until a status confirms it, the request fails, or a
 * hold time passes (another console may have changed it back): the button never flickers
 * back while the request and the next poll are in flight, and two quick presses toggle twice.
 */
export class PendingToggle {
  private wanted: boolean | null = null;
  private until = 0;

  constructor(private readonly holdMs: number) {}

  /** The state to show, given the server's last known state. */
  shown(server: boolean, nowMs: number): boolean {
    return this.wanted === null || nowMs > this.until ? server : this.wanted;
  }

  /** A press: returns the state to ask the server for. */
  toggle(server: boolean, nowMs: number): boolean {
    const next = !this.shown(server, nowMs);
    this.request(next, nowMs);
    return next;
  }

  /** An explicit request for one state (a Play or a Pause button rather than a toggle). */
  request(value: boolean, nowMs: number): void {
    this.wanted = value;
    this.until = nowMs + this.holdMs;
  }

  /** A status arrived: once it shows what was asked, the server's state is shown again. */
  observe(server: boolean): void {
    if (this.wanted === server) this.wanted = null;
  }

  /** The request for `value` failed: show the server's state again. */
  failed(value: boolean): void {
    if (this.wanted === value) this.wanted = null;
  }
}
