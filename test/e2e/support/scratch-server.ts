/**
 * The real crowdlight server for end-to-end tests and browser benchmarks: a free loopback
 * port, a fresh data directory (so the demo venue and show are loaded as on a first start),
 * no log output. Its `stop` also deletes the directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server/index.ts';

export async function startScratchServer(prefix: string, options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  let server: RunningServer;
  try {
    server = await startServer({ port: 0, log: () => {}, ...options, dataDir });
  } catch (err) {
    removeDir();
    throw err;
  }
  return {
    ...server,
    async stop() {
      try {
        await server.stop();
      } finally {
        removeDir();
      }
    },
  };
}
