import { timingSafeEqual } from 'node:crypto';
import { requestPath } from '../web/static-site.ts';
import { ControlError } from './errors.ts';
import type { Controller, TransportAction } from './controller.ts';

/**
 * The operator HTTP API under /api (docs/api.md). Every request needs the bearer token;
 * bodies are JSON and validated before anything changes, so a refused request (401, 400,
 * 404, 409, 413) leaves the show exactly as it was.
 */
export interface ApiOptions {
  controller: Controller;
  token: string;
  /** The phone page's URL, for /api/status. */
  joinUrl?: string;
  maxBodyBytes?: number;
}

export interface Api {
  /** The response for an /api request, or null when the path is not the API's. */
  handle(req: Request): Promise<Response> | null;
}

const MAX_BODY = 4 * 1024 * 1024;
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

const json = (value: unknown, status = 200): Response => new Response(JSON.stringify(value), { status, headers: JSON_HEADERS });

function errorResponse(err: ControlError): Response {
  const body: Record<string, unknown> = { error: err.code, message: err.message };
  if (err.issues.length > 0) body.issues = err.issues;
  const res = json(body, err.status);
  if (err.status === 401) res.headers.set('www-authenticate', 'Bearer realm="crowdlight"');
  if (err.allow) res.headers.set('allow', err.allow);
  return res;
}

function authorised(req: Request, token: Uint8Array): boolean {
  const h = req.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) return false;
  const given = new TextEncoder().encode(m[1]!);
  return given.length === token.length && timingSafeEqual(given, token);
}

async function readJson(req: Request, max: number): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  if (declared > max) throw new ControlError('too-large', `body larger than ${max} bytes`);
  const buf = new Uint8Array(await req.arrayBuffer());
  if (buf.length > max) throw new ControlError('too-large', `body larger than ${max} bytes`);
  if (buf.length === 0) throw new ControlError('invalid-json', 'a JSON body is required');
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf));
  } catch (err) {
    throw new ControlError('invalid-json', `body is not valid JSON: ${err instanceof Error ? err.message : err}`);
  }
}

function objectBody(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ControlError('invalid-request', 'body must be a JSON object', [{ path: '', message: 'must be an object' }]);
  return v as Record<string, unknown>;
}

function pathPart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ControlError('not-found', `bad percent-encoding in the path: ${raw}`);
  }
}

function methodNotAllowed(allowed: string): never {
  const err = new ControlError('method-not-allowed', `use ${allowed}`);
  err.allow = allowed;
  throw err;
}

/** True for the paths the API answers (`/api` and everything under `/api/`). */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export function createApi(opts: ApiOptions): Api {
  const token = new TextEncoder().encode(opts.token);
  const max = opts.maxBodyBytes ?? MAX_BODY;
  const c = opts.controller;

  async function route(req: Request, path: string): Promise<Response> {
    const m = req.method;
    const parts = path.split('/').filter(Boolean).slice(1).map(pathPart);
    const [a, b, cc] = parts;
    if (a === 'status' && parts.length === 1) {
      if (m !== 'GET') methodNotAllowed('GET');
      return json(c.status(opts.joinUrl ?? null));
    }
    if (a === 'transport' && parts.length === 1) {
      if (m !== 'POST') methodNotAllowed('POST');
      const body = objectBody(await readJson(req, max));
      return json(c.transportAction(body.action as TransportAction, { positionMs: body.positionMs, rate: body.rate }));
    }
    if (a === 'blackout' && parts.length === 1) {
      if (m !== 'POST') methodNotAllowed('POST');
      const body = objectBody(await readJson(req, max));
      if (typeof body.on !== 'boolean') throw new ControlError('invalid-request', '"on" must be true or false', [{ path: 'on', message: 'must be a boolean' }]);
      return json(c.blackout(body.on));
    }
    if (a === 'cues') {
      if (parts.length === 1) {
        if (m === 'POST') return json(c.fireCue(objectBody(await readJson(req, max))), 201);
        if (m === 'DELETE') return json(c.cancelCue('all'));
        methodNotAllowed('POST, DELETE');
      }
      if (parts.length === 2) {
        if (m !== 'DELETE') methodNotAllowed('DELETE');
        const id = Number(b);
        if (!Number.isInteger(id) || id < 0) throw new ControlError('not-found', `no live cue ${b}`);
        return json(c.cancelCue(id));
      }
    }
    if (a === 'shows') {
      if (parts.length === 1) {
        if (m !== 'GET') methodNotAllowed('GET');
        return json(c.listShows());
      }
      if (parts.length === 2) {
        if (m === 'GET') {
          const show = c.getShow(b!);
          if (!show) throw new ControlError('not-found', `no show "${b}"`);
          return json(show);
        }
        if (m === 'PUT') return json(c.putShow(b!, await readJson(req, max)));
        methodNotAllowed('GET, PUT');
      }
      if (parts.length === 3 && cc === 'load') {
        if (m !== 'POST') methodNotAllowed('POST');
        return json(c.loadShow(b!));
      }
    }
    if (a === 'venues') {
      if (parts.length === 1) {
        if (m !== 'GET') methodNotAllowed('GET');
        return json(c.listVenues());
      }
      if (parts.length === 2) {
        if (m !== 'PUT') methodNotAllowed('PUT');
        return json(c.putVenue(b!, await readJson(req, max)));
      }
    }
    throw new ControlError('not-found', `no API route ${m} ${path}`);
  }

  return {
    handle(req: Request): Promise<Response> | null {
      // Every request of the process passes here first (phones included): the path is read
      // without a URL object, and a non-API one costs nothing more.
      const path = requestPath(req.url);
      if (!isApiPath(path)) return null;
      if (!authorised(req, token)) {
        // Drain nothing and change nothing: the body of an unauthorised request is never read.
        return Promise.resolve(errorResponse(new ControlError('unauthorized', 'missing or wrong bearer token')));
      }
      return route(req, path).catch((err: unknown) => {
        if (err instanceof ControlError) return errorResponse(err);
        console.error('api: internal error', err);
        return json({ error: 'internal', message: 'internal server error' }, 500);
      });
    },
  };
}
