/**
 * chaos: one edge process of the server is killed mid-show (SIGKILL, no goodbye to its
 * phones), picked from /api/status `edges`. Only a process of this machine can be killed,
 * and never the simulator itself.
 */
import { networkInterfaces } from 'node:os';
import { SimRunError } from './errors.ts';
import type { EdgeStatus, ServerStatus } from './operator-client.ts';

/** True when `hostname` names this machine (loopback, or one of its interface addresses). */
export function isLocalHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.startsWith('127.') || h === '::1' || h === '0.0.0.0') return true;
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.address === h) return true;
  return false;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Checks, before the run starts, that an edge can be killed: at least two edge processes
 *  (the phones need somewhere to go), all on this machine, none of them this process. */
export function checkChaosPossible(status: ServerStatus, urls: readonly string[]): void {
  const edges = status.edges ?? [];
  if (edges.length < 2) {
    throw new SimRunError(
      'chaos-no-edges',
      `chaos needs a server with at least two edge processes (crowdlight serve --workers N); /api/status lists ${edges.length === 0 ? 'none' : 'one'}`,
    );
  }
  const remote = urls.find((u) => !isLocalHost(new URL(u).hostname));
  if (remote) throw new SimRunError('chaos-not-local', `chaos kills an edge process, so the server must run on this machine; ${remote} is not a local address`);
  for (const e of edges) {
    if (!Number.isInteger(e.pid) || e.pid <= 0) throw new SimRunError('chaos-not-local', `edge ${e.edgeId} reports no process id`);
    if (e.pid === process.pid) throw new SimRunError('chaos-not-local', `edge ${e.edgeId} runs inside the simulator's own process (pid ${e.pid})`);
    if (!pidAlive(e.pid)) throw new SimRunError('chaos-not-local', `edge ${e.edgeId} pid ${e.pid} is not a process of this machine`);
  }
}

/** The edge to kill: the one with the most connections (ties: the first listed). */
function pickVictim(edges: readonly EdgeStatus[]): EdgeStatus | null {
  let best: EdgeStatus | null = null;
  for (const e of edges) if (e.pid !== process.pid && (best === null || e.connections > best.connections)) best = e;
  return best;
}

/** Kills the chosen edge with SIGKILL; returns it. */
export function killEdge(status: ServerStatus, urls: readonly string[]): EdgeStatus {
  checkChaosPossible(status, urls);
  const victim = pickVictim(status.edges ?? []);
  if (!victim) throw new SimRunError('chaos-no-edges', 'no edge process to kill');
  try {
    process.kill(victim.pid, 'SIGKILL');
  } catch (err) {
    throw new SimRunError('chaos-not-local', `cannot kill edge ${victim.edgeId} (pid ${victim.pid}): ${err instanceof Error ? err.message : String(err)}`);
  }
  return victim;
}
