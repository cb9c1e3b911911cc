/**
 * PhoneClient (the page minus its DOM) against the real server: join, clock sync, package
 * preload and `ready`, live cues, quality reports, and a network drop that the client rides
 * out by resuming with the same clock estimate and show.
 */
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import type { RunningServer } from '../../../src/server/index.ts';
import { EdgeLink } from '../../../src/web/phone/edge-link.ts';
import { PhoneClient } from '../../../src/web/phone/phone-client.ts';
import { seatFromQuery, wsUrlFor } from '../../../src/web/phone/seat-query.ts';
import { startDelayProxy, type DelayProxy } from '../../e2e/support/delay-proxy.ts';
import { startScratchServer } from '../../e2e/support/scratch-server.ts';

let server: RunningServer;
let proxy: DelayProxy;
const clients: PhoneClient[] = [];

beforeAll(async () => {
  server = await startScratchServer('crowdlight-phone-client-');
  proxy = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: server.port, delayMs: 10 });
});

afterAll(async () => {
  for (const c of clients) c.stop();
  proxy?.close();
  await server?.stop();
});

function newClient(base: string, seed: number, over: Partial<ConstructorParameters<typeof PhoneClient>[0]> = {}): PhoneClient {
  const c = new PhoneClient({
    wsUrl: wsUrlFor(base),
    pageUrl: base,
    deviceId: new Uint8Array(16).fill(seed),
    seat: seatFromQuery(new URL(base).search),
    now: () => performance.now(),
    timerResolutionMs: 0,
    seed,
    qualityIntervalMs: 300,
    ...over,
  });
  clients.push(c);
  c.start();
  return c;
}

async function until<T>(what: string, ms: number, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v as T;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function status(): Promise<{ audience: { ready: number; synced: number; connections: number }; liveCues: unknown[] }> {
  const res = await fetch(`${server.url}/api/status`, { headers: { authorization: `Bearer ${server.token}` } });
  return (await res.json()) as never;
}

/** Sessions the edge resumed so far (its metrics). */
function resumes(): number {
  const m = /crowdlight_edge_sessions_total\{[^}]*kind="resume"\} (\d+)/.exec(server.edge.metricsText());
  return m ? Number(m[1]) : 0;
}

describe('phone client', () => {
  test('phone client - joins, syncs, loads and verifies the show, resolves its seat and tells the edge it is ready', async () => {
    const c = newClient(`${server.url}/?section=101&row=3&seat=7`, 1);
    await until('ready', 10_000, () => c.status === 'ready');
    expect(c.synced).toBe(true);
    expect(c.edgeId).toBe(server.edge.edgeId);
    expect(c.pkg?.verified).toBe(true);
    expect(c.pkg?.venue.id).toBe('demo-stadium');
    // Section 101 has 27 seats in rows 1 and 2: seat 7 of row 3 is venue seat 60.
    expect(c.resolvedSeat).toMatchObject({ section: '101', index: 60, zones: expect.arrayContaining(['north']) });
    expect(c.renderInputs()?.deviceSeed).toBe(60);
    // Same machine, same clock: the estimate is within a few ms of the controller's.
    const err = c.controllerTime(performance.now()) - (performance.timeOrigin + performance.now());
    expect(Math.abs(err)).toBeLessThan(5);
    await until('the edge counts it ready and synced', 10_000, async () => {
      const s = await status();
      return s.audience.ready >= 1 && s.audience.synced >= 1;
    });
  }, 20_000);

  test('phone client - the first quality report goes out soon after sync, not a whole report interval later', async () => {
    // The controller's lead time follows the reports: a crowd joining as a show opens must
    // be heard from at once, not after the regular interval (a minute here).
    const c = newClient(`${server.url}/`, 6, { qualityIntervalMs: 60_000 });
    await until('ready', 10_000, () => c.status === 'ready');
    await until('the first report', 8_000, () => c.reportsSent >= 1);
    expect(c.reportsSent).toBe(1);
  }, 20_000);

  test('phone client - a seat picked after joining reaches the edge: a cue for its zone arrives', async () => {
    const c = newClient(`${server.url}/`, 7); // no seat in the URL: picked in the join form
    await until('ready', 10_000, () => c.status === 'ready');
    const session = c.sessionId;
    c.setSeat(seatFromQuery('?section=101&row=3&seat=7'));
    expect(c.resolvedSeat?.zones).toContain('north');
    await until('ready again', 10_000, () => c.status === 'ready');
    expect(c.sessionId).toBe(session); // resumed, not a new session
    const res = await fetch(`${server.url}/api/cues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ effect: { kind: 'solid', color: '#0000ff' }, target: { zones: ['north'] }, durationMs: 2000 }),
    });
    expect(res.status).toBe(201);
    const { cueId } = (await res.json()) as { cueId: number };
    await until('the zone cue', 5_000, () => c.state.liveCueIds().includes(cueId));
  }, 20_000);

  test('phone client - a live cue fired through the API reaches the show state', async () => {
    const c = newClient(`${server.url}/`, 2);
    await until('ready', 10_000, () => c.status === 'ready');
    const res = await fetch(`${server.url}/api/cues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ effect: { kind: 'solid', color: '#ff8800' }, durationMs: 2000 }),
    });
    expect(res.status).toBe(201);
    const { cueId } = (await res.json()) as { cueId: number };
    const cues = await until('the cue', 5_000, () => {
      const list = c.state.liveCues(c.controllerTime(performance.now()));
      return list.some((x) => x.id === String(cueId)) ? list : undefined;
    });
    expect(cues.find((x) => x.id === String(cueId))?.effect).toEqual({ kind: 'solid', color: '#ff8800' });
    expect(c.renderInputs()?.seat.index).toBe(0); // no seat: the stand-in seat
  }, 20_000);

  test('phone client - a QR code naming only a section renders that section\'s zone and section cues', async () => {
    const c = newClient(`${server.url}/?section=101`, 8);
    await until('ready', 10_000, () => c.status === 'ready');
    expect(c.resolvedSeat).toBeNull(); // no exact seat
    expect(c.renderInputs()?.seat).toMatchObject({ section: '101', zones: expect.arrayContaining(['north']) });
  }, 20_000);

  test('phone client - a network drop is ridden out: it resumes, keeping its clock estimate and show package', async () => {
    const c = newClient(`${proxy.url}/?section=101&row=3&seat=7`, 3);
    await until('ready', 10_000, () => c.status === 'ready');
    const pkg = c.pkg;
    const exchangesBefore = c.exchanges;
    const sessionBefore = c.sessionId;
    const resumesBefore = resumes();
    proxy.dropConnections();
    await until('noticing the drop', 5_000, () => c.status === 'reconnecting');
    // While disconnected the estimate still answers (the page keeps rendering from it).
    expect(c.synced).toBe(true);
    await until('back and ready', 15_000, () => c.status === 'ready');
    expect(c.connects).toBe(2);
    expect(c.pkg).toBe(pkg); // not fetched again
    expect(c.exchanges).toBeGreaterThanOrEqual(exchangesBefore);
    expect(c.lastCloseCode).toBe(1006);
    // The hello carried the welcome's resume token: the edge resumed the same session.
    expect(c.sessionId).toBe(sessionBefore);
    expect(resumes()).toBe(resumesBefore + 1);
  }, 20_000);

  test('phone client - a slow handshake is not given up: the welcome timeout runs from the socket opening', async () => {
    // 600 ms each way: the upgrade opens after about 1.2 s and the welcome comes 1.2 s
    // later, past a 1 s welcome timeout counted from the start, within one counted from open.
    const slow = await startDelayProxy({ targetHost: '127.0.0.1', targetPort: server.port, delayMs: 600 });
    try {
      const c = newClient(`${slow.url}/`, 9, { welcomeTimeoutMs: 1000 });
      await until('connected', 10_000, () => c.connected);
      expect(c.connects).toBe(1);
      c.stop();
    } finally {
      slow.close();
    }
  }, 20_000);

  test('phone client - a cue cancelled while the phone was offline ends once it reconnects', async () => {
    const c = newClient(`${proxy.url}/?section=102&row=1&seat=1`, 4);
    await until('ready', 10_000, () => c.status === 'ready');
    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const fired = await fetch(`${server.url}/api/cues`, { method: 'POST', headers: auth, body: JSON.stringify({ effect: { kind: 'solid', color: '#00ff00' } }) });
    const { cueId } = (await fired.json()) as { cueId: number };
    await until('the cue', 5_000, () => c.state.liveCueIds().includes(cueId));
    proxy.setOffline(true);
    await until('offline', 5_000, () => !c.connected);
    const del = await fetch(`${server.url}/api/cues/${cueId}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(200);
    const cancelled = (await del.json()) as { atControllerMs: number };
    expect(c.state.liveCueIds()).toContain(cueId); // nothing told it yet
    proxy.setOffline(false);
    await until('back', 15_000, () => c.connected);
    // The edge's join replay carries the cue shortened to its cancel instant.
    const { atControllerMs } = cancelled;
    await until('the cue ended at the cancel instant', 5_000, () => {
      const cue = c.state.liveCues(c.controllerTime(performance.now())).find((x) => x.id === String(cueId));
      return cue === undefined || (cue.durationMs !== null && cue.startControllerMs + cue.durationMs <= atControllerMs + 1);
    });
  }, 20_000);

  test('phone client - after a drain (4020) it keeps trying to reconnect, keeping its clock estimate', async () => {
    const other = await startScratchServer('crowdlight-phone-drain-');
    try {
      const c = newClient(`${other.url}/`, 5);
      await until('ready', 10_000, () => c.status === 'ready');
      await other.edge.close(); // every socket closed with 4020; new ones refused the same way
      await until('two attempts after the drain', 15_000, () => c.connects >= 3);
      expect(c.recentCloseCodes[0]).toBe(4020);
      // The draining edge refuses the upgrade (503, no socket, so 1006): from then on the
      // page waits 1 to 10 s between attempts, as the edge's Retry-After says.
      expect(c.recentCloseCodes.slice(1).every((code) => code === 4020 || code === 1006)).toBe(true);
      expect(c.status).toBe('reconnecting');
      expect(c.synced).toBe(true); // the estimate outlives the edge
      c.stop();
      // What the page sees of the 503: a socket that closed without opening.
      const seen = await new Promise<[number, boolean]>((resolve) => {
        const link = new EdgeLink({ now: () => performance.now() }, { frame: () => {}, closed: (code, opened) => (link.stop(), resolve([code, opened])) });
        link.open(wsUrlFor(other.url), () => new Uint8Array(1));
      });
      expect(seen).toEqual([1006, false]);
    } finally {
      await other.stop();
    }
  }, 25_000);
});
