/**
 * Tests that need a real component (Chromium, nats-server) find it here. Outside CI a missing
 * binary skips those tests with a one-line install hint; under CI=true it is a failure.
 */
import { existsSync } from 'node:fs';

export interface RequiredBinary {
  /** Absolute path, or null when missing. */
  path: string | null;
  /** True when the tests should run (binary present). */
  available: boolean;
}

const HINTS: Record<string, string> = {
  chromium: 'apt-get install -y chromium',
  'nats-server': 'apt-get install -y nats-server',
};

function which(name: string): string | null {
  const direct = `/usr/bin/${name}`;
  if (existsSync(direct)) return direct;
  const found = Bun.which(name);
  return found ?? null;
}

/**
 * Looks for `name`. When missing: under CI=true throws (so the suite fails by name), else
 * prints one line saying how to install it and returns available=false so the caller can
 * `describe.skipIf(!bin.available)`.
 */
export function requireBinary(name: 'chromium' | 'nats-server'): RequiredBinary {
  const path = which(name);
  if (path) return { path, available: true };
  const hint = `${name} not found; install it with: ${HINTS[name]}`;
  if (process.env.CI === 'true') throw new Error(`${hint} (CI=true: tests that need it fail instead of skipping)`);
  console.warn(`skipping tests that need ${name}: ${hint}`);
  return { path: null, available: false };
}

/** Chromium flags for tests on this machine (no sandbox, no GPU, no network chatter). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
