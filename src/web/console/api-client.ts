import { ConsoleApiError, describeError } from './api-error.ts';
import { parseStatus, readApiResponse } from './api-response.ts';
import type { ApiShowSummary, ApiStatus, CueFiredAnswer, CueRequest, ScheduledAnswer, TransportRequest } from './api-types.ts';

export interface ApiClientOptions {
  /** Origin of the server, e.g. 'http://127.0.0.1:8080'; '' for the page's own origin. */
  baseUrl?: string;
  token: string;
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch;
  /** Gives up on a request after this long (ms); default 5000. */
  timeoutMs?: number;
}

/**
 * A client of the operator API (docs/api.md). Every method resolves with the server's answer
 * or rejects with `ConsoleApiError` (code 'network' when the server cannot be reached,
 * 'unauthorized' when the token is refused, the server's code otherwise).
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly token: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(opts: ApiClientOptions) {
    this.baseUrl = (opts.baseUrl ?? '').replace(/\/+$/, '');
    this.token = opts.token;
    this.fetchFn = opts.fetch ?? fetch.bind(globalThis);
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  async status(): Promise<ApiStatus> {
    return parseStatus(await this.request('GET', '/api/status'));
  }

  transport(req: TransportRequest): Promise<ScheduledAnswer> {
    return this.request('POST', '/api/transport', req) as Promise<ScheduledAnswer>;
  }

  blackout(on: boolean): Promise<ScheduledAnswer> {
    return this.request('POST', '/api/blackout', { on }) as Promise<ScheduledAnswer>;
  }

  fireCue(req: CueRequest): Promise<CueFiredAnswer> {
    return this.request('POST', '/api/cues', req) as Promise<CueFiredAnswer>;
  }

  cancelCue(cueId: number): Promise<ScheduledAnswer> {
    return this.request('DELETE', `/api/cues/${encodeURIComponent(String(cueId))}`) as Promise<ScheduledAnswer>;
  }

  cancelAllCues(): Promise<ScheduledAnswer> {
    return this.request('DELETE', '/api/cues') as Promise<ScheduledAnswer>;
  }

  async listShows(): Promise<ApiShowSummary[]> {
    const body = await this.request('GET', '/api/shows');
    if (!Array.isArray(body)) throw new ConsoleApiError('invalid-response', 200, 'the show list is not a list');
    return body as ApiShowSummary[];
  }

  /** Announces a show to the phones; the transport stops at 0 and live cues end. */
  loadShow(id: string): Promise<ScheduledAnswer> {
    return this.request('POST', `/api/shows/${encodeURIComponent(id)}/load`) as Promise<ScheduledAnswer>;
  }

  /** One request: JSON in, JSON out, errors as `ConsoleApiError`. */
  async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        cache: 'no-store',
      });
      text = await res.text();
    } catch (err) {
      const why = controller.signal.aborted ? `no answer within ${this.timeoutMs} ms` : describeError(err);
      throw new ConsoleApiError('network', 0, `cannot reach the server (${why})`);
    } finally {
      clearTimeout(timer);
    }
    return readApiResponse(res.status, text);
  }
}
