/**
 * The edge URLs a simulated crowd connects to. Users may paste the page URL phones open
 * (http(s)://host:port/) or the WebSocket URL (ws(s)://host:port/ws); both become the
 * WebSocket URL. `--spread-hosts K` turns one 127.0.0.1 URL into K loopback addresses so each
 * (source, destination) address pair gets its own ~28,000 ephemeral ports.
 */
import { SimOptionError } from './errors.ts';

/** Ephemeral ports per (source address, destination address:port) pair on Linux by default
 *  (net.ipv4.ip_local_port_range 32768-60999). */
export const EPHEMERAL_PORTS = 60999 - 32768 + 1;

export function toWebSocketUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new SimOptionError(`--url "${raw}" is not an absolute URL (e.g. ws://127.0.0.1:8080/ws or http://127.0.0.1:8080/)`);
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') {
    u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
    u.pathname = '/ws';
    u.search = '';
    u.hash = '';
  } else if (u.protocol !== 'ws:' && u.protocol !== 'wss:') {
    throw new SimOptionError(`--url "${raw}" must be ws:, wss:, http: or https:`);
  }
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/ws';
  return u.href;
}

/** The HTTP origin (with a trailing '/') of a WebSocket URL: where the page, the show
 *  packages and /api live. */
export function httpBaseOf(wsUrl: string): string {
  const u = new URL(wsUrl);
  u.protocol = u.protocol === 'wss:' ? 'https:' : 'http:';
  return `${u.origin}/`;
}

/** Rewrites every 127.0.0.1 URL into `k` URLs on 127.0.0.1..127.0.0.k (other URLs are kept
 *  as they are; duplicates are dropped). */
export function spreadHosts(urls: readonly string[], k: number): string[] {
  if (!Number.isInteger(k) || k < 1 || k > 254) throw new SimOptionError(`--spread-hosts must be a whole number 1..254, got ${k}`);
  const out: string[] = [];
  let spread = false;
  for (const raw of urls) {
    const u = new URL(raw);
    if (u.hostname !== '127.0.0.1') {
      out.push(u.href);
      continue;
    }
    spread = true;
    for (let i = 1; i <= k; i++) {
      u.hostname = `127.0.0.${i}`;
      out.push(u.href);
    }
  }
  if (!spread && k > 1) throw new SimOptionError('--spread-hosts needs a --url on 127.0.0.1 (the server must listen on 0.0.0.0 to accept 127.0.0.2 and up)');
  return [...new Set(out)];
}

/** The most connections any one destination URL gets (devices are spread round-robin). */
export function maxConnectionsPerUrl(devices: number, urls: number): number {
  return Math.ceil(devices / Math.max(1, urls));
}
