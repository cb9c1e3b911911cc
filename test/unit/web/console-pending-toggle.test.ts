import { describe, expect, test } from 'bun:test';
import { PendingToggle } from '../../../src/web/console/pending-toggle.ts';

describe('console pending toggle', () => {
  test('pending toggle - shows the asked state until a status confirms it', () => {
    const t = new PendingToggle(3000);
    expect(t.shown(false, 0)).toBe(false);
    expect(t.toggle(false, 0)).toBe(true);
    expect(t.shown(false, 100)).toBe(true); // an older status in flight does not flip it back
    t.observe(false);
    expect(t.shown(false, 200)).toBe(true);
    t.observe(true);
    expect(t.shown(true, 300)).toBe(true);
    expect(t.shown(false, 400)).toBe(false); // confirmed: the server's state rules again
  });

  test('pending toggle - two quick presses ask for on, then off', () => {
    const t = new PendingToggle(3000);
    expect(t.toggle(false, 0)).toBe(true);
    expect(t.toggle(false, 50)).toBe(false);
    expect(t.shown(true, 60)).toBe(false);
  });

  test('pending toggle - an explicit request stands until confirmed, and a toggle starts from it', () => {
    const t = new PendingToggle(3000);
    t.request(false, 0);
    expect(t.shown(true, 10)).toBe(false);
    expect(t.toggle(true, 20)).toBe(true);
    t.observe(true);
    expect(t.shown(false, 30)).toBe(false);
  });

  test('pending toggle - a failed request or the hold time gives the server state back', () => {
    const t = new PendingToggle(3000);
    t.toggle(false, 0);
    t.failed(true);
    expect(t.shown(false, 10)).toBe(false);
    t.toggle(false, 100);
    expect(t.shown(false, 3000)).toBe(true);
    expect(t.shown(false, 3101)).toBe(false);
  });
});
