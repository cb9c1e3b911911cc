#!/usr/bin/env node
// crowdlight's command-line entry for `npx crowdlight`: the code is TypeScript run directly by
// Bun, which npm installs as a pinned dependency; this shim finds that Bun and hands over.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const candidates = [
  join(root, 'node_modules', '.bin', 'bun'),
  join(root, 'node_modules', 'bun', 'bin', 'bun.exe'),
];
const bun = candidates.find((p) => existsSync(p)) ?? 'bun';
const child = spawn(bun, [join(root, 'src', 'cli', 'main.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('error', (err) => {
  console.error(`crowdlight: could not start Bun (${err.message}); run \`npm install\` first.`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
