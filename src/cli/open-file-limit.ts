/**
 * The open-file limit caps how many sockets one process can hold (each phone is one file
 * descriptor). Start-up reports it when it is below what an edge is designed for.
 */
export const DESIGNED_CONNECTIONS_PER_EDGE = 100_000;
/** Descriptors kept for the listening socket, the database, stdio and the runtime. */
export const RESERVED_DESCRIPTORS = 64;

/** The soft open-file limit of this process, or null when it cannot be read. */
export function openFileLimit(): number | null {
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

/** A warning line when `limit` caps the connections one process can hold, else null. */
export function openFileWarning(limit: number | null, designed = DESIGNED_CONNECTIONS_PER_EDGE): string | null {
  if (limit === null || limit === Number.POSITIVE_INFINITY) return null;
  const holdable = Math.max(0, limit - RESERVED_DESCRIPTORS);
  if (holdable >= designed) return null;
  return (
    `warning: the open-file limit is ${limit}, so this process can hold about ${holdable.toLocaleString('en-US')} phone ` +
    `connections, ${(designed - holdable).toLocaleString('en-US')} fewer than the ${designed.toLocaleString('en-US')} an edge is built for. ` +
    `Raise it (ulimit -n) or run more edge processes.`
  );
}
