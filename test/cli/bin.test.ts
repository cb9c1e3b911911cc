import { expect, test } from 'bun:test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// The `crowdlight` bin is a Node.js shim that starts the pinned Bun on src/cli/main.ts, so
// `npx crowdlight` works after `npm install` with nothing else on the machine.
const bin = fileURLToPath(new URL('../../bin/crowdlight.js', import.meta.url));
const node = 'node';

function run(...args: string[]) {
  return spawnSync(node, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
}

test('cli - the npm bin runs a subcommand under Bun and passes its output and exit code through', () => {
  const r = run('sync-eval', '--devices', '3', '--seconds', '20', '--algorithms', 'crowdlight', '--json');
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as { devices: number; seconds: number; algorithms: Record<string, unknown> };
  expect(report.devices).toBe(3);
  expect(report.seconds).toBe(20);
  expect(Object.keys(report.algorithms)).toEqual(['crowdlight']);
});

test('cli - an unknown command exits 2 with the usage on stderr', () => {
  const r = run('no-such-command');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('unknown command "no-such-command"');
  expect(r.stderr).toContain('sync-eval');
});

test('cli - invalid options exit 2 and name the option', () => {
  const r = run('sync-eval', '--devices', 'many');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('--devices');
});
