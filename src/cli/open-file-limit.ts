/**
 * The open-file limit caps how many sockets one process can hold (each phone is one file
 * descriptor). Start-up reports it when it is below what an edge is designed for.
 */
const DESIGNED_CONNECTIONS_PER_EDGE = 100_000;
/**
 * Descriptors kept free below the open-file limit: the listening socket, the database, stdio
 * and the runtime, and above all the sockets a full process still accepts before it can
 * refuse them (a TCP connection takes a descriptor before its upgrade request is read and
 * answered 503) and the phones' page and package requests. Measured: with a reserve of 64,
 * five edges taking over a killed sixth's 16,800 phones at once ran out of descriptors while
 * refusing them, and then even reading their own memory use failed.
 */
export const RESERVED_DESCRIPTORS = 1000;

let processLimit: number | null | undefined;

/** The soft open-file limit of this process, or null when it cannot be read. Read once (it
 *  takes a shell) and kept: a process cannot raise it past what it started with. */
export function openFileLimit(): number | null {
  if (processLimit === undefined) processLimit = readOpenFileLimit();
  return processLimit;
}

function readOpenFileLimit(): number | null {
  try {
    const r = Bun.spawnSync(['sh', '-c', 'ulimit -n'], { stdout: 'pipe', stderr: 'ignore' });
    const text = r.stdout.toString().trim();
    if (text === 'unlimited') return Number.POSITIVE_INFINITY;
    const n = Number(text);
    return Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

/**
 * The phone connections one process can hold under an open-file limit: the limit less the
 * reserve. 0 means no known limit (unlimited, or the limit could not be read). An edge uses it
 * as its default `maxConnections`, so a full process refuses upgrades with 503 (the phone
 * retries, and may land on another process) instead of failing to accept sockets.
 */
export function connectionCapacity(limit: number | null): number {
  if (limit === null || limit === Number.POSITIVE_INFINITY) return 0;
  return Math.max(1, limit - RESERVED_DESCRIPTORS);
}

/**
 * A warning line when `limit` caps the connections the server's edge processes can hold in
 * all (`processes` of them, each with its own limit) below `designed`, else null.
 */
export function openFileWarning(limit: number | null, designed = DESIGNED_CONNECTIONS_PER_EDGE, processes = 1): string | null {
  if (limit === null || limit === Number.POSITIVE_INFINITY) return null;
  const perProcess = Math.max(0, limit - RESERVED_DESCRIPTORS);
  const holdable = perProcess * processes;
  if (holdable >= designed) return null;
  const who = processes === 1 ? 'this process' : `${processes} edge processes`;
  return (
    `warning: the open-file limit is ${limit}, so ${who} can hold about ${holdable.toLocaleString('en-US')} phone ` +
    `connections, ${(designed - holdable).toLocaleString('en-US')} fewer than the ${designed.toLocaleString('en-US')} ${processes === 1 ? 'an edge is' : 'a stadium is'} built for. ` +
    `Raise it (ulimit -n) or run more edge processes (--workers N).`
  );
}
