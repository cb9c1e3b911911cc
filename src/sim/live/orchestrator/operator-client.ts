/**
 * The few operator API calls a load test makes (docs/api.md): read /api/status, make sure a
 * show is loaded and playing, fire live cues. Every request has a deadline.
 */
import type { EdgeSummary } from '../../../control/audience.ts';
import { SimRunError } from './errors.ts';

/** One edge process as /api/status lists it when the server runs several (the controller's own type). */
export type EdgeStatus = EdgeSummary;

/** The parts of /api/status a load test reads. */
export interface ServerStatus {
  controllerTimeMs: number;
  leadTimeMs: number;
  show: { id: string; showId: number; version: number; packageUrl: string } | null;
  transport: { mode: string };
  audience?: { connections?: number };
  /** Present when the server runs edge processes (serve --workers N). */
  edges?: EdgeStatus[];
}

export interface FiredCue {
  cueId: number;
  startControllerMs: number;
}

const REQUEST_TIMEOUT_MS = 10_000;
/** A cue request may wait long on a saturated server; it still is a cue (the report measures
 *  its delivery from the issue time), and giving up would leave it fired but unmeasured. */
const CUE_TIMEOUT_MS = 30_000;

export class OperatorClient {
  private readonly base: string;

  /** `httpBase`: the server's origin, e.g. http://127.0.0.1:8080/ */
  constructor(
    httpBase: string,
    private readonly token: string,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {
    this.base = httpBase.endsWith('/') ? httpBase : `${httpBase}/`;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = this.timeoutMs): Promise<unknown> {
    const url = new URL(path, this.base).href;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new SimRunError('server-unreachable', `${method} ${url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text().catch(() => '');
    if (res.status === 401) {
      throw new SimRunError('unauthorized', `${method} ${url}: 401, the operator token is missing or wrong (--token or CROWDLIGHT_TOKEN)`);
    }
    if (!res.ok) throw new SimRunError('server-refused', `${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new SimRunError('server-refused', `${method} ${url}: the answer is not JSON`);
    }
  }

  async status(): Promise<ServerStatus> {
    const s = (await this.call('GET', 'api/status')) as Partial<ServerStatus> | null;
    if (!s || typeof s.controllerTimeMs !== 'number' || typeof s.transport !== 'object' || s.transport === null) {
      throw new SimRunError('server-refused', 'GET /api/status: not a crowdlight status object');
    }
    return s as ServerStatus;
  }

  /** Loads a show when none is (the first one the server lists) and starts playback when it
   *  is not playing. Returns the status afterwards. */
  async ensurePlaying(): Promise<ServerStatus> {
    let s = await this.status();
    if (!s.show) {
      const shows = (await this.call('GET', 'api/shows')) as Array<{ id: string }>;
      if (!Array.isArray(shows) || shows.length === 0) throw new SimRunError('no-show', 'the server has no show to play: store one first (crowdlight serve --show FILE)');
      await this.call('POST', `api/shows/${encodeURIComponent(shows[0]!.id)}/load`);
    }
    if (s.transport.mode !== 'playing') await this.call('POST', 'api/transport', { action: 'play' });
    s = await this.status();
    if (!s.show) throw new SimRunError('no-show', 'the server did not load a show');
    return s;
  }

  async fireCue(color: string, durationMs: number): Promise<FiredCue> {
    const r = (await this.call('POST', 'api/cues', { effect: { kind: 'solid', color }, target: 'all', durationMs }, CUE_TIMEOUT_MS)) as Partial<FiredCue>;
    if (typeof r?.cueId !== 'number' || typeof r.startControllerMs !== 'number') throw new SimRunError('server-refused', 'POST /api/cues: no cueId in the answer');
    return { cueId: r.cueId, startControllerMs: r.startControllerMs };
  }
}

/** A distinct, saturated colour for the k-th cue (golden-angle hue steps). */
export function cueColor(k: number): string {
  const h = ((k * 137.508) % 360) / 60;
  const x = 1 - Math.abs((h % 2) - 1);
  const [r, g, b] = h < 1 ? [1, x, 0] : h < 2 ? [x, 1, 0] : h < 3 ? [0, 1, x] : h < 4 ? [0, x, 1] : h < 5 ? [x, 0, 1] : [1, 0, x];
  const hex = (v: number) => Math.round(v * 255).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}
