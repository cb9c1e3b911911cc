import { afterEach, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from '../../src/core/protocol/index.ts';
import { buildDemoShow } from '../../src/core/show/index.ts';
import { colorAtInstant, type LiveCue, type Show, type Transport } from '../../src/core/show/runtime.ts';
import { locateSeat, type VenueSpec } from '../../src/core/venue/runtime.ts';
import { startServer, ServeError, type RunningServer } from '../../src/server/index.ts';
import { Store, StoreError } from '../../src/store/index.ts';
import { isType, WsPhone } from './support/ws-phone.ts';

const dirs: string[] = [];
const servers: RunningServer[] = [];
const phones: WsPhone[] = [];

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'crowdlight-srv-'));
  dirs.push(d);
  return d;
}

async function start(dataDir = tempDir(), extra: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  const s = await startServer({ port: 0, dataDir, token: 'tok', log: () => {}, ...extra });
  servers.push(s);
  return s;
}

afterEach(async () => {
  for (const p of phones.splice(0)) p.close();
  for (const s of servers.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const api = (s: RunningServer, method: string, path: string, body?: unknown, token: string | null = s.token) =>
  fetch(`${s.url}${path}`, {
    method,
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const wsUrl = (s: RunningServer) => `${s.url.replace('http', 'ws')}/ws`;

async function joinPhone(s: RunningServer, seat: { section: string; row: string; seat: number } | null) {
  const p = await WsPhone.join(wsUrl(s), seat);
  phones.push(p);
  return p;
}

const asTransport = (m: { mode: Transport['mode']; anchorControllerMs: number; anchorShowMs: number; rate: number; blackout: boolean }): Transport => ({
  mode: m.mode, anchorControllerMs: m.anchorControllerMs, anchorShowMs: m.anchorShowMs, rate: m.rate, blackout: m.blackout,
});

describe('server', () => {
  test('server - a late joiner gets the running show and renders the frame the controller renders', async () => {
    const s = await start();
    expect((await api(s, 'POST', '/api/transport', { action: 'play' })).status).toBe(200);
    const phone = await joinPhone(s, { section: '101', row: '3', seat: 4 });
    const announce = await phone.waitFor(isType('showAnnounce'));
    const state = await phone.waitFor(isType('transportState'));
    expect(state.mode).toBe('playing');
    // The package arrives over HTTP, content-addressed, and matches the announced hash.
    const res = await fetch(new URL(announce.url, s.url));
    expect(res.headers.get('cache-control')).toContain('immutable');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...new Uint8Array(new Bun.CryptoHasher('sha256').update(bytes).digest())]).toEqual([...announce.contentHash]);
    const pkg = JSON.parse(new TextDecoder().decode(bytes)) as { show: Show; venue: VenueSpec };
    const seat = locateSeat(pkg.venue, '101/3/4');
    expect(seat).toBeDefined();
    const controllerTransport = s.controller.currentTransport;
    let lit = 0;
    for (let k = 1; k <= 20; k++) {
      const t = state.anchorControllerMs + k * 997;
      const phoneColor = colorAtInstant(pkg.show, asTransport(state), [] as LiveCue[], t, seat!, seat!.index);
      const truth = colorAtInstant(s.controller.getShow('demo-show')!, controllerTransport, [], t, seat!, seat!.index);
      expect(phoneColor).toEqual(truth);
      if (phoneColor.some((c) => c > 0)) lit++;
    }
    expect(lit).toBeGreaterThan(10);
  });

  test('server - an unauthenticated API call over HTTP gets 401 and nothing changes', async () => {
    const s = await start();
    const phone = await joinPhone(s, null);
    await phone.waitFor(isType('transportState'));
    const before = phone.received.length;
    const r = await api(s, 'POST', '/api/blackout', { on: true }, null);
    expect(r.status).toBe(401);
    const r2 = await api(s, 'POST', '/api/transport', { action: 'play' }, 'guess');
    expect(r2.status).toBe(401);
    expect(s.controller.currentTransport).toMatchObject({ mode: 'stopped', blackout: false });
    // A real change afterwards is the next frame the phone sees: nothing was sent in between.
    await api(s, 'POST', '/api/blackout', { on: true });
    const next = await phone.waitFor(isType('transportState'), 5000, before);
    expect(next.blackout).toBe(true);
  });

  test('server - a restarted server resumes the playing show at the same position', async () => {
    const dir = tempDir();
    const s1 = await start(dir, { lead: { initialMs: 150 } });
    const play = (await (await api(s1, 'POST', '/api/transport', { action: 'play' })).json()) as { atControllerMs: number };
    const first = await joinPhone(s1, null);
    const before = await first.waitFor(isType('transportState'));
    await s1.stop();
    servers.splice(servers.indexOf(s1), 1);
    const s2 = await start(dir, { lead: { initialMs: 150 } });
    const phone = await joinPhone(s2, null);
    const after = await phone.waitFor(isType('transportState'));
    expect(after.mode).toBe('playing');
    expect(after.anchorControllerMs).toBe(play.atControllerMs);
    expect(after.anchorShowMs).toBe(before.anchorShowMs);
    expect(after.epoch).toBeGreaterThan(before.epoch);
    // Before its instant the play is pending (the stopped state is in force); after it, the
    // position follows the anchor.
    const early = (await (await api(s2, 'GET', '/api/status')).json()) as { transport: { positionMs: number | null }; controllerTimeMs: number };
    if (early.controllerTimeMs < play.atControllerMs) expect(early.transport.positionMs).toBeNull();
    await Bun.sleep(Math.max(0, play.atControllerMs - early.controllerTimeMs) + 5);
    const status = (await (await api(s2, 'GET', '/api/status')).json()) as { transport: { positionMs: number }; controllerTimeMs: number };
    expect(status.controllerTimeMs).toBeGreaterThanOrEqual(play.atControllerMs);
    expect(status.transport.positionMs).toBeCloseTo(status.controllerTimeMs - play.atControllerMs, 3);
  });

  test('server - the phone page, the console, health and metrics are served', async () => {
    const s = await start();
    const page = await fetch(`${s.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/phone-[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${s.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${s.url}/console`)).status).toBe(200);
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toContain('crowdlight_');
    expect((await fetch(`${s.url}/nothing-here`)).status).toBe(404);
    // Served as in production: an unexpected error never shows the runtime's debug page.
    expect(s.server.development).toBe(false);
  });

  test('server - start-up fails fast on a taken port, a bad data dir and an invalid show file', async () => {
    const s = await start();
    let err: unknown;
    try {
      await start(tempDir(), { port: s.port });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ServeError);
    expect((err as ServeError).code).toBe('port-in-use');
    expect((err as Error).message).toContain(String(s.port));

    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    await expect(start(file)).rejects.toBeInstanceOf(StoreError);

    const showFile = join(tempDir(), 'show.json');
    writeFileSync(showFile, JSON.stringify({ version: 1, id: 'bad', name: 'Bad', venue: 'demo-stadium', durationMs: 1000, tracks: [{ id: 't', cues: [{ id: 'c', at: 0, duration: 10, effect: { kind: 'solid', color: 'blue' } }] }] }));
    let showErr: unknown;
    try {
      await start(tempDir(), { showFile });
    } catch (e) {
      showErr = e;
    }
    expect(showErr).toBeInstanceOf(ServeError);
    expect((showErr as Error).message).toContain('tracks[0].cues[0].effect.color');
  });

  test('server - a start that fails on a taken port leaves the data dir as it was', async () => {
    const dir = tempDir();
    const s1 = await start(dir);
    await s1.stop();
    servers.splice(servers.indexOf(s1), 1);
    const stored = () => {
      const st = new Store(dir);
      try {
        return { state: st.getValue('controller-state'), loaded: st.getValue('controller-loaded-show'), shows: st.listShows() };
      } finally {
        st.close();
      }
    };
    const before = stored();
    const busy = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('busy') });
    const showFile = join(tempDir(), 'other.json');
    writeFileSync(showFile, JSON.stringify({ ...buildDemoShow(), id: 'other-show' }));
    try {
      await expect(start(dir, { port: busy.port, showFile })).rejects.toMatchObject({ code: 'port-in-use' });
    } finally {
      await busy.stop(true);
    }
    expect(stored()).toEqual(before);
    expect(before.shows.map((x) => x.id)).toEqual(['demo-show']);
  });

  test('server - an API request that arrives while stopping is refused and changes nothing', async () => {
    const s = await start();
    const stopping = s.stop();
    const r = await s.server.fetch(
      new Request(`${s.url}/api/blackout`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: JSON.stringify({ on: true }) }),
    );
    expect(r.status).toBe(503);
    // A request that needs no body would run at once: it is refused all the same.
    const del = await s.server.fetch(new Request(`${s.url}/api/cues`, { method: 'DELETE', headers: { authorization: `Bearer ${s.token}` } }));
    expect(del.status).toBe(503);
    // The rest is answered as a draining edge answers it.
    const health = await s.server.fetch(new Request(`${s.url}/healthz`));
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false });
    await stopping;
    expect(s.controller.currentTransport.blackout).toBe(false);
  });

  test('server - starting and stopping 20 servers leaves no descriptors open', async () => {
    const fds = () => readdirSync('/proc/self/fd').length;
    const dir = tempDir();
    // One round first, so one-time runtime descriptors are not counted.
    const warm = await start(dir);
    await warm.stop();
    servers.splice(servers.indexOf(warm), 1);
    const before = fds();
    for (let i = 0; i < 20; i++) {
      const s = await startServer({ port: 0, dataDir: dir, token: 'tok', log: () => {} });
      const phone = await WsPhone.join(wsUrl(s), null);
      await phone.waitFor(isType('transportState'));
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
      phone.close();
      await s.stop();
    }
    const busy = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('busy') });
    for (let i = 0; i < 5; i++) await expect(startServer({ port: busy.port, dataDir: dir, token: 'tok', log: () => {} })).rejects.toThrow();
    await busy.stop(true);
    // Closed client sockets may take a moment to be released by the runtime.
    for (let i = 0; i < 50 && fds() > before; i++) await Bun.sleep(20);
    expect(fds()).toBeLessThanOrEqual(before);
  });

  test('server - stopping tells connected phones to go elsewhere (4020) and persists the state', async () => {
    const dir = tempDir();
    const s = await start(dir);
    const phone = await joinPhone(s, null);
    await phone.waitFor(isType('transportState'));
    await api(s, 'POST', '/api/blackout', { on: true });
    await s.stop();
    servers.splice(servers.indexOf(s), 1);
    expect((await phone.waitClosed()).code).toBe(4020);
    const s2 = await start(dir);
    expect(s2.controller.currentTransport.blackout).toBe(true);
  });

  test('server - a phone\'s quality report reaches the audience and the adaptive lead time', async () => {
    const s = await start(tempDir(), { lead: { initialMs: 1000, marginMs: 50 } });
    const phone = await joinPhone(s, null);
    await phone.waitFor(isType('transportState'));
    phone.send(encode({
      type: 'qualityReport', uncertaintyMs: 2, rttMs: 300, offsetChangeMs: 0, driftPpm: 0, framesDropped: 0, framesRendered: 60,
      batteryPercent: null, synced: true, degraded: false, charging: false, torchAvailable: false, torchOn: false, wakeLockHeld: false, pageHidden: false,
    }));
    // The edge reports each second; the controller follows each second.
    for (let i = 0; i < 100 && !s.controller.lead.fromMeasurements; i++) await Bun.sleep(50);
    expect(s.controller.lead.ms).toBe(300 + 50);
    const status = (await (await api(s, 'GET', '/api/status')).json()) as { leadTimeMs: number; audience: { synced: number; rttMs: { p99: number } } };
    expect(status.leadTimeMs).toBe(350);
    expect(status.audience).toMatchObject({ synced: 1, rttMs: { p99: 300 } });
    const play = (await (await api(s, 'POST', '/api/transport', { action: 'play' })).json()) as { atControllerMs: number };
    expect(play.atControllerMs - (status as unknown as { controllerTimeMs: number }).controllerTimeMs).toBeGreaterThanOrEqual(350);
  });

  test('server - a generated token is kept across restarts, also when CROWDLIGHT_TOKEN is set but empty', async () => {
    const saved = process.env.CROWDLIGHT_TOKEN;
    process.env.CROWDLIGHT_TOKEN = '';
    try {
      const dir = tempDir();
      const s1 = await startServer({ port: 0, dataDir: dir, log: () => {} });
      expect(s1.tokenGenerated).toBe(true);
      expect(s1.token.length).toBeGreaterThan(10);
      await s1.stop();
      const s2 = await startServer({ port: 0, dataDir: dir, log: () => {} });
      servers.push(s2);
      expect(s2.tokenGenerated).toBe(false);
      expect(s2.token).toBe(s1.token);
    } finally {
      if (saved === undefined) delete process.env.CROWDLIGHT_TOKEN;
      else process.env.CROWDLIGHT_TOKEN = saved;
    }
  });

  test('server - a second server on the same data directory is refused at start and changes nothing', async () => {
    const dir = tempDir();
    const s1 = await start(dir);
    await api(s1, 'POST', '/api/blackout', { on: true });
    await expect(start(dir)).rejects.toMatchObject({ name: 'StoreError', code: 'in-use' });
    // The first one carries on, and its state is its own.
    expect((await api(s1, 'POST', '/api/blackout', { on: false })).status).toBe(200);
    await s1.stop();
    servers.splice(servers.indexOf(s1), 1);
    const s2 = await start(dir);
    expect(s2.controller.currentTransport.blackout).toBe(false);
  });

  test('server - on every interface the join URL is this machine\'s network address, never loopback', async () => {
    const external = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;
    const s = await start(tempDir(), { host: '0.0.0.0' });
    expect(s.joinUrl).toBe(external ? `http://${external}:${s.port}/` : `${s.url}/`);
    const status = (await (await api(s, 'GET', '/api/status')).json()) as { joinUrl: string };
    expect(status.joinUrl).toBe(s.joinUrl);
    expect((await fetch(s.joinUrl)).status).toBe(200);
  });

  test('server - a public URL is what phones are sent to; a bad one fails before anything starts', async () => {
    const s = await start(tempDir(), { publicUrl: 'https://show.example.com' });
    expect(s.joinUrl).toBe('https://show.example.com/');
    const status = (await (await api(s, 'GET', '/api/status')).json()) as { joinUrl: string };
    expect(status.joinUrl).toBe('https://show.example.com/');
    await expect(start(tempDir(), { publicUrl: 'ftp://x' })).rejects.toMatchObject({ code: 'bad-option' });
    await expect(start(tempDir(), { publicUrl: 'show.example.com' })).rejects.toMatchObject({ code: 'bad-option' });
  });

  test('server - a process that starts and stops a server exits by itself (no timer or socket left behind)', async () => {
    const dir = tempDir();
    const script = join(dir, 'start-stop.ts');
    const entry = new URL('../../src/server/index.ts', import.meta.url).pathname;
    writeFileSync(script, `
      import { startServer } from ${JSON.stringify(entry)};
      const s = await startServer({ port: 0, dataDir: ${JSON.stringify(join(dir, 'data'))}, token: 't', log: () => {} });
      const ws = new WebSocket(s.url.replace('http', 'ws') + '/ws');
      await new Promise((r) => (ws.onopen = r));
      await fetch(s.url + '/api/status', { headers: { authorization: 'Bearer t' } });
      await s.stop();
      console.log('stopped');
    `);
    const child = Bun.spawn([process.execPath, script], { stdout: 'pipe', stderr: 'pipe' });
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await child.exited;
    clearTimeout(guard);
    expect(await new Response(child.stdout).text()).toContain('stopped');
    expect(child.signalCode).toBeNull();
    expect(code).toBe(0);
  });
});
