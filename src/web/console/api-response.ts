import { ConsoleApiError, type ApiIssue } from './api-error.ts';
import type { ApiStatus } from './api-types.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readIssues(v: unknown): ApiIssue[] {
  if (!Array.isArray(v)) return [];
  const out: ApiIssue[] = [];
  for (const item of v) {
    if (isObject(item) && typeof item.message === 'string') {
      out.push({ path: typeof item.path === 'string' ? item.path : '', message: item.message });
    }
  }
  return out;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'the server refused the request',
  401: 'the token was not accepted',
  404: 'not found',
  405: 'method not allowed',
  409: 'conflict',
  413: 'request too large',
};

/**
 * Interprets one answer of the operator API: returns the parsed JSON body of a 2xx answer
 * (null for an empty body) and throws `ConsoleApiError` for anything else, with the server's
 * error code and message when the body carries them (docs/api.md, "Errors").
 */
export function readApiResponse(status: number, bodyText: string): unknown {
  let body: unknown = null;
  let parsed = true;
  if (bodyText.trim() !== '') {
    try {
      body = JSON.parse(bodyText);
    } catch {
      parsed = false;
    }
  }
  if (status >= 200 && status < 300) {
    if (!parsed) throw new ConsoleApiError('invalid-response', status, `the server answered ${status} with a body that is not JSON`);
    return body;
  }
  if (isObject(body) && typeof body.error === 'string') {
    const message = typeof body.message === 'string' && body.message !== '' ? body.message : body.error;
    throw new ConsoleApiError(body.error, status, message, readIssues(body.issues));
  }
  const code = status === 401 ? 'unauthorized' : `http-${status}`;
  throw new ConsoleApiError(code, status, `${STATUS_TEXT[status] ?? 'request failed'} (HTTP ${status})`);
}

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Checks the fields of `GET /api/status` the console relies on and returns the value typed.
 * Missing optional parts (no show, no venue, no audience figures yet) are filled with empty
 * values so the views never meet undefined.
 */
export function parseStatus(body: unknown): ApiStatus {
  const bad = (what: string): never => {
    throw new ConsoleApiError('invalid-response', 200, `status answer has no valid ${what}`);
  };
  if (!isObject(body)) return bad('object');
  if (!isNum(body.controllerTimeMs)) bad('controllerTimeMs');
  const t = body.transport;
  if (!isObject(t) || (t.mode !== 'stopped' && t.mode !== 'playing' && t.mode !== 'paused')) bad('transport');
  const transport = t as Record<string, unknown>;
  const audience = isObject(body.audience) ? body.audience : {};
  const pct = (v: unknown) => {
    const o = isObject(v) ? v : {};
    return { p50: isNum(o.p50) ? o.p50 : null, p95: isNum(o.p95) ? o.p95 : null, p99: isNum(o.p99) ? o.p99 : null };
  };
  const count = (v: unknown) => (isNum(v) ? v : 0);
  const venue = isObject(body.venue) ? body.venue : null;
  const named = (v: unknown) =>
    Array.isArray(v)
      ? v.filter(isObject).map((x) => ({ id: String(x.id), name: typeof x.name === 'string' && x.name !== '' ? x.name : String(x.id) }))
      : [];
  return {
    controllerTimeMs: body.controllerTimeMs as number,
    epoch: count(body.epoch),
    leadTimeMs: count(body.leadTimeMs),
    show: isObject(body.show) ? (body.show as unknown as ApiStatus['show']) : null,
    transport: {
      mode: transport.mode as ApiStatus['transport']['mode'],
      blackout: transport.blackout === true,
      anchorControllerMs: count(transport.anchorControllerMs),
      anchorShowMs: count(transport.anchorShowMs),
      rate: isNum(transport.rate) && transport.rate > 0 ? transport.rate : 1,
      positionMs: isNum(transport.positionMs) ? transport.positionMs : null,
    },
    liveCues: Array.isArray(body.liveCues) ? (body.liveCues.filter(isObject) as unknown as ApiStatus['liveCues']) : [],
    venue: venue
      ? { id: String(venue.id), name: String(venue.name ?? venue.id), seats: count(venue.seats), zones: named(venue.zones), sections: named(venue.sections) }
      : null,
    audience: {
      edges: count(audience.edges),
      connections: count(audience.connections),
      ready: count(audience.ready),
      synced: count(audience.synced),
      degraded: count(audience.degraded),
      rttMs: pct(audience.rttMs),
      uncertaintyMs: pct(audience.uncertaintyMs),
    },
    joinUrl: typeof body.joinUrl === 'string' ? body.joinUrl : '',
  };
}
