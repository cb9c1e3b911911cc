import { afterEach, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/index.ts';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

test('store - hasShows and hasVenues say whether anything is stored, also after reopening', () => {
  dir = mkdtempSync(join(tmpdir(), 'crowdlight-store-'));
  let store = new Store(dir);
  expect(store.hasShows()).toBe(false);
  expect(store.hasVenues()).toBe(false);
  store.putVenue('arena', '{"id":"arena"}');
  expect(store.hasVenues()).toBe(true);
  expect(store.hasShows()).toBe(false);
  store.putShow('opening', '{"id":"opening"}');
  expect(store.hasShows()).toBe(true);
  store.close();
  store = new Store(dir);
  expect(store.hasShows()).toBe(true);
  expect(store.hasVenues()).toBe(true);
  store.close();
});
