import { afterEach, describe, expect, test } from 'bun:test';
import { createApi, type Api } from '../../../src/control/index.ts';
import { Rig } from './support.ts';

let rig: Rig;
let api: Api;
afterEach(() => rig?.close());

const TOKEN = 'test-token-123';

function setup(): void {
  rig = new Rig();
  rig.startDemo();
  api = createApi({ controller: rig.controller, token: TOKEN, joinUrl: 'http://127.0.0.1:1/' });
}

async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN, raw?: string) {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined || raw !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`http://x${path}`, { method, headers, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const res = await api.handle(req)!;
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe('api', () => {
  test('api - paths outside /api are not the API\'s', () => {
    setup();
    expect(api.handle(new Request('http://x/console'))).toBeNull();
    expect(api.handle(new Request('http://x/apiary'))).toBeNull();
  });

  test('api - a request without the right token gets 401 and changes nothing', async () => {
    setup();
    const feed = rig.feed.length;
    for (const token of [null, 'wrong', `${TOKEN}x`, '']) {
      const r = await call('POST', '/api/transport', { action: 'play' }, token);
      expect(r.status).toBe(401);
      expect(r.body.error).toBe('unauthorized');
      expect(r.headers.get('www-authenticate')).toContain('Bearer');
    }
    expect((await call('POST', '/api/blackout', { on: true }, 'nope')).status).toBe(401);
    expect((await call('POST', '/api/cues', { effect: { kind: 'solid', color: '#ffffff' } }, null)).status).toBe(401);
    expect((await call('GET', '/api/status', undefined, null)).status).toBe(401);
    expect(rig.feed.length).toBe(feed);
    expect(rig.controller.currentTransport.mode).toBe('stopped');
    expect(rig.controller.currentTransport.blackout).toBe(false);
  });

  test('api - status reports the show, transport, venue and audience', async () => {
    setup();
    const r = await call('GET', '/api/status');
    expect(r.status).toBe(200);
    expect(r.body.show.id).toBe('demo-show');
    expect(r.body.transport.mode).toBe('stopped');
    expect(r.body.transport.positionMs).toBeNull();
    expect(r.body.venue.zones.length).toBeGreaterThan(0);
    expect(r.body.audience.connections).toBe(0);
    expect(r.body.joinUrl).toBe('http://127.0.0.1:1/');
    expect(typeof r.body.leadTimeMs).toBe('number');
  });

  test('api - transport, blackout and cues change the state and say when', async () => {
    setup();
    const play = await call('POST', '/api/transport', { action: 'play' });
    expect(play.status).toBe(200);
    expect(play.body.transport.mode).toBe('playing');
    expect(play.body.atControllerMs).toBe(rig.nowMs + rig.controller.lead.ms);
    const seek = await call('POST', '/api/transport', { action: 'seek', positionMs: 30_000 });
    expect(seek.body.transport.anchorShowMs).toBe(30_000);
    const cue = await call('POST', '/api/cues', { effect: { kind: 'strobe', color: '#ffffff', rateHz: 4 }, target: { zones: ['east'] }, durationMs: 2000 });
    expect(cue.status).toBe(201);
    expect(typeof cue.body.cueId).toBe('number');
    const del = await call('DELETE', `/api/cues/${cue.body.cueId}`);
    expect(del.status).toBe(200);
    const bo = await call('POST', '/api/blackout', { on: true });
    expect(bo.body.transport.blackout).toBe(true);
    expect((await call('DELETE', '/api/cues')).status).toBe(200);
  });

  test('api - bad bodies get 400 with the paths of the bad fields and change nothing', async () => {
    setup();
    const feed = rig.feed.length;
    const badJson = await call('POST', '/api/transport', undefined, TOKEN, '{"action": play}');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toBe('invalid-json');
    const notObject = await call('POST', '/api/transport', [1, 2]);
    expect(notObject.body.error).toBe('invalid-request');
    const badAction = await call('POST', '/api/transport', { action: 'explode' });
    expect(badAction.body.issues[0].path).toBe('action');
    const badSeek = await call('POST', '/api/transport', { action: 'seek', positionMs: 'soon' });
    expect(badSeek.body.issues[0].path).toBe('positionMs');
    const badBlackout = await call('POST', '/api/blackout', { on: 'yes' });
    expect(badBlackout.body.issues[0].path).toBe('on');
    const badCue = await call('POST', '/api/cues', { effect: { kind: 'wave', color: '#00ff00', speed: -1 } });
    expect(badCue.status).toBe(400);
    expect(badCue.body.issues.map((i: { path: string }) => i.path).join(' ')).toContain('effect.');
    const badShow = await call('PUT', '/api/shows/demo-show', { version: 1, id: 'demo-show', name: 'x', venue: 'demo-stadium', durationMs: -1, tracks: [] });
    expect(badShow.status).toBe(400);
    expect(badShow.body.error).toBe('invalid-show');
    expect(badShow.body.issues.some((i: { path: string }) => i.path === 'durationMs')).toBe(true);
    const badVenue = await call('PUT', '/api/venues/v1', { id: 'v1' });
    expect(badVenue.body.error).toBe('invalid-venue');
    expect(rig.feed.length).toBe(feed);
    expect(rig.controller.listShows()[0]!.version).toBe(1);
    expect(rig.controller.listVenues().length).toBe(1);
  });

  test('api - unknown routes, wrong methods and oversized bodies', async () => {
    setup();
    expect((await call('GET', '/api/nothing')).status).toBe(404);
    const wrongMethod = await call('GET', '/api/transport');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await call('PUT', '/api/cues')).headers.get('allow')).toBe('POST, DELETE');
    expect((await call('DELETE', '/api/cues/77')).status).toBe(404);
    expect((await call('GET', '/api/shows/none')).status).toBe(404);
    const badEscape = await call('GET', '/api/shows/%E0%A4%A');
    expect(badEscape.status).toBe(404);
    expect(badEscape.body.error).toBe('not-found');
    const big = await call('PUT', '/api/shows/demo-show', undefined, TOKEN, `{"pad":"${'x'.repeat(4 * 1024 * 1024)}"}`);
    expect(big.status).toBe(413);
  });

  test('api - shows can be stored, listed, fetched and loaded', async () => {
    setup();
    const show = (await call('GET', '/api/shows/demo-show')).body;
    show.name = 'Renamed';
    const put = await call('PUT', '/api/shows/demo-show', show);
    expect(put.status).toBe(200);
    expect(put.body.version).toBe(2);
    expect((await call('GET', '/api/shows')).body[0]).toMatchObject({ id: 'demo-show', name: 'Renamed', version: 2 });
    const load = await call('POST', '/api/shows/demo-show/load');
    expect(load.status).toBe(200);
    expect((await call('GET', '/api/status')).body.show).toMatchObject({ name: 'Renamed', version: 2 });
    const mismatch = await call('PUT', '/api/shows/other', show);
    expect(mismatch.body.issues[0].path).toBe('id');
  });
});
