/**
 * ConnectionLedger: reconnection times (from the loss, or from when a phone kept away got
 * its network back), first sync only, failed attempts by reason, closes by code, and
 * connected phone-seconds.
 */
import { describe, expect, test } from 'bun:test';
import { ConnectionLedger } from '../../../src/sim/live/device/connection-ledger.ts';

describe('device connection ledger', () => {
  test('device connection ledger - a loss and a welcome again make one reconnection, counted from the network coming back', () => {
    const l = new ConnectionLedger(2);
    l.socketOpened(0, 1000);
    expect(l.welcomed(0, 1100, -Infinity)).toBe(true);
    l.synced(0, 1400);
    l.synced(0, 9000); // only the first sync counts
    l.down(0, 2000);
    l.down(0, 2500); // already down: nothing more
    expect(l.welcomed(0, 2300, -Infinity)).toBe(false);
    l.down(0, 3000);
    expect(l.welcomed(0, 6000, 5000)).toBe(false); // away until 5000
    expect(l.reconnect.count).toBe(2);
    expect(l.reconnect.max).toBeCloseTo(1000, 0);
    expect(l.syncTime.count).toBe(1);
    expect(l.syncTime.max).toBeCloseTo(400, 0);
    expect(l.everLost[0]).toBe(1);
    expect(l.everLost[1]).toBe(0);
    expect(l.welcomedEver(1)).toBe(false);
    // Connected 1100-2000, 2300-3000, 6000-7000.
    expect(l.connectedSeconds(7000)).toBeCloseTo(2.6, 6);
  });

  test('device connection ledger - refused upgrades, errors and closes before the welcome are failed attempts by reason', () => {
    const l = new ConnectionLedger(1);
    l.socketClosed(0, 1006, false, "WebSocket connection to 'ws://x/ws' failed: Expected 101 status code: 503");
    l.socketClosed(0, 1006, false, 'websocket error');
    l.socketClosed(0, 4013, true, '');
    l.welcomed(0, 10, -Infinity);
    l.socketClosed(0, 1006, true, '');
    expect(l.errors).toEqual({ 'refused-503': 1, error: 1, 'close-4013': 1 });
    expect(l.errorCount).toBe(3);
    expect(l.closesByCode).toEqual({ '4013': 1, '1006': 1 });
  });

  test('device connection ledger - sockets the page gave up on before its welcome are failed attempts, after it they are not', () => {
    const l = new ConnectionLedger(1);
    l.socketAbandoned(0, false); // never opened
    l.socketAbandoned(0, true); // opened, no welcome
    l.welcomed(0, 10, -Infinity);
    l.socketAbandoned(0, true); // the edge went silent after the welcome: a loss, not a failed attempt
    expect(l.errors).toEqual({ 'no-open': 1, 'no-welcome': 1 });
    expect(l.errorCount).toBe(2);
  });
});
