import type { ApiShowSummary, ApiStatus, CueRequest, TransportRequest } from './api-types.ts';

/** What the views can ask the console to do; each call reports its own failure. */
export interface ConsoleActions {
  transport(req: TransportRequest): void;
  toggleBlackout(): void;
  fireCue(req: CueRequest): void;
  cancelCue(cueId: number): void;
  cancelAllCues(): void;
  loadShow(id: string): void;
  /** The stored shows; null (after reporting why) when they cannot be listed. */
  listShows(): Promise<ApiShowSummary[] | null>;
  /** Shows a problem to the operator (a bad field, a refused request). */
  report(message: string): void;
}

/** What every view redraws from. */
export interface ViewFrame {
  status: ApiStatus;
  /** Controller time now (estimated between polls). */
  controllerMs: number;
  /** Show position now, null when stopped. */
  positionMs: number | null;
}

/** A part of the console screen, redrawn from every frame. */
export interface Panel {
  root: HTMLElement;
  update(frame: ViewFrame): void;
}
