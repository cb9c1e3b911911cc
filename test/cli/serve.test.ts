import { afterEach, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileWarning, RESERVED_DESCRIPTORS } from '../../src/cli/open-file-limit.ts';
import { exitOnSignals, parseServeArgs } from '../../src/cli/serve.ts';

const main = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Reads a child's stdout until `pattern` appears (or the stream ends). */
async function readUntil(stream: ReadableStream<Uint8Array>, pattern: RegExp): Promise<string> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += dec.decode(value, { stream: true });
    if (pattern.test(text)) break;
  }
  reader.releaseLock();
  return text;
}

test('cli serve - prints the phone and console URLs, the token and a QR code, serves, and stops cleanly on SIGINT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crowdlight-cli-'));
  dirs.push(dir);
  const child = Bun.spawn([process.execPath, main, 'serve', '--port', '0', '--data-dir', dir], {
    stdout: 'pipe',
    stderr: 'pipe',
    env: { ...process.env, CROWDLIGHT_TOKEN: '' },
  });
  const out = await readUntil(child.stdout, /Ctrl-C/);
  const phone = /phones:\s+(http:\/\/\S+)/.exec(out)?.[1];
  expect(phone).toBeDefined();
  expect(out).toMatch(/console:\s+http:\/\/\S+\/console/);
  expect(out).toMatch(/operator token \(new, kept in the data dir\): \S{20,}/);
  expect(out).toContain('▄'); // the terminal QR code
  const page = await fetch(phone!);
  expect(page.status).toBe(200);
  child.kill('SIGINT');
  expect(await child.exited).toBe(0);
});

test('cli serve - a taken port fails fast with a clear message', async () => {
  const busy = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response('x') });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'crowdlight-cli-'));
    dirs.push(dir);
    const r = Bun.spawnSync([process.execPath, main, 'serve', '--port', String(busy.port), '--data-dir', dir, '--no-qr']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.toString()).toContain(`port ${busy.port} on 127.0.0.1 is already in use`);
  } finally {
    busy.stop(true);
  }
});

test('cli serve - options are checked', () => {
  expect(() => parseServeArgs(['--port', '70000'])).toThrow(/--port/);
  expect(() => parseServeArgs(['--bogus'])).toThrow(/unknown option "--bogus"/);
  expect(() => parseServeArgs(['--data-dir'])).toThrow(/needs a value/);
  expect(parseServeArgs(['--host', '0.0.0.0', '--port', '0'])).toMatchObject({ host: '0.0.0.0', port: 0 });
  expect(parseServeArgs(['--public-url', 'https://show.example.com'])).toMatchObject({ publicUrl: 'https://show.example.com' });
});

test('cli serve - the open-file warning says how many connections the limit costs', () => {
  const w = openFileWarning(20_000, 100_000)!;
  const holdable = 20_000 - RESERVED_DESCRIPTORS;
  expect(w).toContain(holdable.toLocaleString('en-US'));
  expect(w).toContain((100_000 - holdable).toLocaleString('en-US'));
  expect(openFileWarning(1_048_576, 100_000)).toBeNull();
  expect(openFileWarning(null)).toBeNull();
});

test('cli serve - a second signal while the shutdown hangs exits at once with 130', async () => {
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  const before = process.listenerCount('SIGUSR2');
  // A shutdown that never finishes (a drain stuck on a dead network).
  const code = exitOnSignals(() => new Promise<void>(() => {}), ['SIGUSR2'], out);
  process.kill(process.pid, 'SIGUSR2');
  // Two pending signals of one kind merge into one: send the second once the first is handled.
  for (let i = 0; i < 200 && lines.length === 0; i++) await Bun.sleep(5);
  expect(lines.length).toBe(1);
  process.kill(process.pid, 'SIGUSR2');
  expect(await code).toBe(130);
  expect(lines.join('\n')).toContain('again');
  expect(process.listenerCount('SIGUSR2')).toBe(before);
});

test('cli serve - one signal waits for the shutdown and exits 0 (1 when it fails)', async () => {
  const quiet = { log: () => {}, error: () => {} };
  let stopped = false;
  const ok = exitOnSignals(async () => {
    await Bun.sleep(10);
    stopped = true;
  }, ['SIGUSR2'], quiet);
  process.kill(process.pid, 'SIGUSR2');
  expect(await ok).toBe(0);
  expect(stopped).toBe(true);
  const failing = exitOnSignals(() => Promise.reject(new Error('disk full')), ['SIGUSR2'], quiet);
  process.kill(process.pid, 'SIGUSR2');
  expect(await failing).toBe(1);
});
