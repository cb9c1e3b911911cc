/**
 * Static HTTP content held in memory: the phone page, the console, their bundles and the
 * show packages. Hashed paths are served `immutable` for a year; entry pages (`/`,
 * `/console`) are `no-cache`, so a new build is picked up on the next load. Each body is
 * gzipped once when added, and served gzipped to clients that accept it.
 */
export interface StaticAsset {
  /** URL path, starting with '/'. */
  path: string;
  body: Uint8Array;
  contentType: string;
  /** 'immutable' for content-hashed paths, 'no-cache' for entry pages. */
  cache: 'immutable' | 'no-cache';
}

interface Entry {
  asset: StaticAsset;
  gzip: Uint8Array | null;
  /** Strong validators, one per representation: the gzipped bytes are another representation. */
  etag: string;
  gzipEtag: string;
}

/** True when an If-None-Match value names `etag` (weak comparison, lists, `*`). */
function noneMatch(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  for (const part of header.split(',')) {
    let t = part.trim();
    if (t.startsWith('W/')) t = t.slice(2);
    if (t === etag) return true;
  }
  return false;
}

const COMPRESSIBLE = /^(text\/|application\/(json|javascript)|image\/svg)/;

export class StaticSite {
  private readonly entries = new Map<string, Entry>();

  add(asset: StaticAsset): void {
    const gz = COMPRESSIBLE.test(asset.contentType) && asset.body.length > 256 ? Bun.gzipSync(asset.body as Uint8Array<ArrayBuffer>, { level: 9 }) : null;
    const hash = Bun.hash(asset.body).toString(36);
    this.entries.set(asset.path, { asset, gzip: gz && gz.length < asset.body.length ? gz : null, etag: `"${hash}"`, gzipEtag: `"${hash}-gz"` });
  }

  /** Removes a path; false when it was not there. */
  remove(path: string): boolean {
    return this.entries.delete(path);
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** The response for a GET/HEAD of `path`, or null when the site has no such path. */
  respond(req: Request, path: string): Response | null {
    const e = this.entries.get(path);
    if (!e) return null;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return new Response('method not allowed\n', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const gzipOk = e.gzip !== null && /\bgzip\b/.test(req.headers.get('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      'content-type': e.asset.contentType,
      'cache-control': e.asset.cache === 'immutable' ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: gzipOk ? e.gzipEtag : e.etag,
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
    };
    const inm = req.headers.get('if-none-match');
    if (inm !== null && noneMatch(inm, headers.etag!)) return new Response(null, { status: 304, headers });
    const body = gzipOk ? e.gzip! : e.asset.body;
    if (gzipOk) headers['content-encoding'] = 'gzip';
    headers['content-length'] = String(body.length);
    return new Response(req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { headers });
  }
}

/**
 * The path of an absolute request URL (what `respond` and the routes match on), without the
 * query or fragment. Reads the string in place: no URL object per request. The runtime has
 * already resolved dot segments in `Request.url`.
 */
export function requestPath(url: string): string {
  // Skip "scheme://host", stop at "?" or "#".
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  let end = url.length;
  const q = url.indexOf('?', start);
  if (q >= 0) end = q;
  const h = url.indexOf('#', start);
  if (h >= 0 && h < end) end = h;
  return url.slice(start, end);
}

/** First 16 hex digits of the SHA-256 of `body`: the hash part of content-addressed paths. */
export function contentHashHex(body: Uint8Array): string {
  return new Bun.CryptoHasher('sha256').update(body).digest('hex').slice(0, 16);
}
