/**
 * What every way of serving shares once the phone port is bound: the operator token, the
 * controller with its show and venue, the addresses, and the operator API.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Bus } from '../bus/index.ts';
import { Controller, ControlError, createApi, type Api, type LeadTimeOptions } from '../control/index.ts';
import { buildDemoShow, DEMO_SHOW_ID } from '../core/show/index.ts';
import { demoStadiumSpec } from '../core/venue/index.ts';
import type { Store } from '../store/index.ts';
import { controllerNow } from './controller-clock.ts';
import { lanAddress } from './lan-address.ts';
import { ServeError } from './serve-error.ts';

const TOKEN_KEY = 'operator-token';

export interface ControlSetup {
  controller: Controller;
  api: Api;
  token: string;
  tokenGenerated: boolean;
  url: string;
  joinUrl: string;
}

/**
 * Stores a show or venue file with `put` (which validates it). A file that cannot be read, or
 * that the controller refuses, is a ServeError naming the file and every issue found.
 */
function storeFile<T>(what: 'show' | 'venue', path: string, put: (id: string, doc: unknown) => T): T {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ServeError('invalid-file', `cannot read ${what} file ${path}: ${err instanceof Error ? err.message : err}`);
  }
  try {
    return put(String((doc as { id?: unknown } | null)?.id ?? ''), doc);
  } catch (err) {
    if (!(err instanceof ControlError)) throw err;
    const issues = err.issues.map((i) => `\n  ${i.path || '(document)'}: ${i.message}`).join('');
    throw new ServeError('invalid-file', `invalid ${what} file ${path}: ${err.message}${issues}`);
  }
}

export function checkPublicUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ServeError('bad-option', `public URL "${raw}" is not an absolute URL`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ServeError('bad-option', `public URL "${raw}" must be http: or https:`);
  return u.href.endsWith('/') ? u.href : `${u.href}/`;
}

export interface ControlSetupOptions {
  bus: Bus;
  store: Store;
  host: string;
  /** The port phones connect to (bound by now). */
  port: number;
  publicUrl: string | null;
  token?: string;
  showFile?: string;
  venueFile?: string;
  lead?: Partial<LeadTimeOptions>;
  log: (line: string) => void;
  /** Receives the controller as soon as it exists, so a failure later can still stop it. */
  onController: (c: Controller) => void;
}

/** Token, controller (started, with its show loaded), addresses and API. */
export function setUpControl(o: ControlSetupOptions): ControlSetup {
  let tokenGenerated = false;
  // An empty value counts as unset (an empty variable in a service file must not discard the kept token).
  let token = o.token || process.env.CROWDLIGHT_TOKEN || o.store.getValue(TOKEN_KEY) || '';
  if (!token) {
    token = randomBytes(18).toString('base64url');
    o.store.setValue(TOKEN_KEY, token);
    tokenGenerated = true;
  }

  const c = new Controller({ bus: o.bus, store: o.store, now: controllerNow, lead: o.lead, log: o.log });
  let loadOnStart: string | null = null;
  if (o.venueFile) storeFile('venue', o.venueFile, (id, doc) => c.putVenue(id, doc));
  if (o.showFile) loadOnStart = storeFile('show', o.showFile, (id, doc) => c.putShow(id, doc)).id;
  if (!o.store.hasVenues()) c.putVenue(demoStadiumSpec().id, demoStadiumSpec());
  if (!o.store.hasShows()) loadOnStart = c.putShow(DEMO_SHOW_ID, buildDemoShow()).id;

  o.onController(c);
  c.start();
  if (loadOnStart) c.loadShow(loadOnStart);

  const wildcard = o.host === '0.0.0.0' || o.host === '::';
  const displayHost = wildcard ? '127.0.0.1' : o.host;
  const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${o.port}`;
  const lan = wildcard ? lanAddress() : null;
  const joinUrl = o.publicUrl ?? (lan ? `http://${lan}:${o.port}/` : `${url}/`);
  const api = createApi({ controller: c, token, joinUrl });
  return { controller: c, api, token, tokenGenerated, url, joinUrl };
}
