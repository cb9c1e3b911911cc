/**
 * How an edge process answers the paths only the controller process can: the request goes
 * to the controller's private HTTP server on a Unix socket, and the answer comes back as it
 * is (status, headers, body streamed both ways). The operator API's own checks (the bearer
 * token, body size limits, 401/400/413...) therefore apply unchanged whatever port or
 * process a request lands on. A client that gives up (closes its connection) cancels the
 * forwarded request too, so a slow controller does not accumulate requests nobody waits for.
 */
import { requestPath } from '../web/static-site.ts';

/** Headers that describe one hop, not the message, and are not forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

const unreachable = (): Response =>
  new Response('controller unreachable; retry shortly\n', {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1', 'cache-control': 'no-store' },
  });

export async function forwardToControl(req: Request, socketPath: string): Promise<Response> {
  const path = requestPath(req.url);
  const q = req.url.indexOf('?');
  const target = `http://crowdlight-control${path}${q >= 0 ? req.url.slice(q) : ''}`;
  const headers = new Headers(req.headers);
  for (const h of HOP_BY_HOP) headers.delete(h);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.body !== null;
  let res: Response;
  try {
    res = await fetch(target, {
      method: req.method,
      headers,
      body: hasBody ? req.body : undefined,
      unix: socketPath,
      redirect: 'manual',
      decompress: false,
      signal: req.signal,
      ...({ duplex: 'half' } as object),
    });
  } catch {
    return unreachable();
  }
  const out = new Headers(res.headers);
  for (const h of HOP_BY_HOP) out.delete(h);
  return new Response(req.method === 'HEAD' ? null : res.body, { status: res.status, statusText: res.statusText, headers: out });
}
