import { describe, expect, test } from 'bun:test';
import { ConsoleApiError } from '../../../src/web/console/api-error.ts';
import { parseStatus, readApiResponse } from '../../../src/web/console/api-response.ts';

function apiError(fn: () => unknown): ConsoleApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConsoleApiError) return err;
    throw err;
  }
  throw new Error('expected a ConsoleApiError');
}

/** The example status of docs/api.md. */
const DOC_STATUS = {
  controllerTimeMs: 1764475200000.5,
  epoch: 3,
  leadTimeMs: 180,
  show: { id: 'demo', name: 'Demo', venue: 'demo-stadium', durationMs: 120000, showId: 1, version: 1, packageUrl: '/pkg/0123456789abcdef.json', packageBytes: 12345 },
  transport: { mode: 'playing', blackout: false, anchorControllerMs: 0, anchorShowMs: 0, rate: 1, positionMs: 5321.2 },
  liveCues: [{ cueId: 7, effect: { kind: 'solid', color: '#ff0000' }, target: 'all', startControllerMs: 0, durationMs: null }],
  venue: { id: 'demo-stadium', name: 'Demo stadium', seats: 101728, zones: [{ id: 'north', name: 'North' }], sections: [{ id: '101', name: '101' }] },
  audience: { edges: 1, connections: 0, ready: 0, synced: 0, degraded: 0, rttMs: { p50: null, p95: null, p99: null }, uncertaintyMs: { p50: null, p95: null } },
  joinUrl: 'http://127.0.0.1:8080/',
};

describe('console api response', () => {
  test('api response - a 2xx answer returns its JSON, an empty one null', () => {
    expect(readApiResponse(200, '{"atControllerMs": 12}')).toEqual({ atControllerMs: 12 });
    expect(readApiResponse(201, '{"cueId": 3}')).toEqual({ cueId: 3 });
    expect(readApiResponse(204, '')).toBeNull();
  });

  test('api response - a 2xx answer that is not JSON is an invalid-response error', () => {
    const e = apiError(() => readApiResponse(200, '<html>proxy page</html>'));
    expect(e.code).toBe('invalid-response');
    expect(e.status).toBe(200);
  });

  test('api response - an error body gives its code, message and issues', () => {
    const e = apiError(() =>
      readApiResponse(400, JSON.stringify({ error: 'invalid-request', message: 'bad cue', issues: [{ path: 'effect.color', message: 'must be a colour' }, { message: 'no path' }] })),
    );
    expect(e.code).toBe('invalid-request');
    expect(e.status).toBe(400);
    expect(e.message).toBe('bad cue');
    expect(e.issues).toEqual([
      { path: 'effect.color', message: 'must be a colour' },
      { path: '', message: 'no path' },
    ]);
    expect(e.describe()).toBe('bad cue: effect.color: must be a colour; no path');
    expect(e.unauthorized).toBe(false);
  });

  test('api response - a 401 without a body is unauthorized', () => {
    const e = apiError(() => readApiResponse(401, ''));
    expect(e.code).toBe('unauthorized');
    expect(e.unauthorized).toBe(true);
    expect(apiError(() => readApiResponse(401, '{"error":"unauthorized","message":"wrong token"}')).unauthorized).toBe(true);
  });

  test('api response - other failures keep their HTTP status in the code', () => {
    const e = apiError(() => readApiResponse(502, 'Bad Gateway'));
    expect(e.code).toBe('http-502');
    expect(e.message).toContain('502');
  });

  test('api response - the documented status parses unchanged', () => {
    const s = parseStatus(structuredClone(DOC_STATUS));
    expect(s.controllerTimeMs).toBe(DOC_STATUS.controllerTimeMs);
    expect(s.transport).toEqual(DOC_STATUS.transport as typeof s.transport);
    expect(s.venue).toEqual(DOC_STATUS.venue);
    expect(s.show?.packageUrl).toBe('/pkg/0123456789abcdef.json');
    expect(s.liveCues[0]?.cueId).toBe(7);
    expect(s.audience.rttMs).toEqual({ p50: null, p95: null, p99: null });
  });

  test('api response - a status without show, venue or audience gets empty values', () => {
    const s = parseStatus({ controllerTimeMs: 5, transport: { mode: 'stopped' }, show: null, venue: null });
    expect(s.show).toBeNull();
    expect(s.venue).toBeNull();
    expect(s.liveCues).toEqual([]);
    expect(s.transport).toEqual({ mode: 'stopped', blackout: false, anchorControllerMs: 0, anchorShowMs: 0, rate: 1, positionMs: null });
    expect(s.audience.connections).toBe(0);
    expect(s.audience.uncertaintyMs.p95).toBeNull();
  });

  test('api response - a status without a time or a known transport mode is refused', () => {
    expect(apiError(() => parseStatus({ transport: { mode: 'stopped' } })).code).toBe('invalid-response');
    expect(apiError(() => parseStatus({ controllerTimeMs: 1, transport: { mode: 'running' } })).code).toBe('invalid-response');
    expect(apiError(() => parseStatus([])).code).toBe('invalid-response');
  });
});
