/**
 * The live terminal line of a run: rewritten in place each second on a terminal, a plain line
 * every few seconds otherwise (logs, CI).
 */
import type { TimelinePoint } from '../types.ts';

export type RunPhase = 'joining' | 'measuring' | 'finishing';

export interface ProgressSnapshot {
  point: TimelinePoint;
  phase: RunPhase;
  devices: number;
  cuesFired: number;
}

const fmtMs = (v: number | null): string => (v === null ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(1));

export function formatProgress(s: ProgressSnapshot): string {
  const p = s.point;
  const t = (p.tRelMs / 1000).toFixed(0).padStart(4);
  return (
    `t=${t}s ${s.phase.padEnd(9)} connected ${p.connected}/${s.devices} synced ${p.synced} ready ${p.ready}` +
    ` reconnecting ${p.reconnecting} errors ${p.errors} clock p95 ${fmtMs(p.clockP95Ms)} ms` +
    ` edge conns ${p.edgeConnections ?? '-'} cues ${s.cuesFired}`
  );
}

export interface ProgressWriter {
  update(s: ProgressSnapshot): void;
  /** Ends the rewritten line (before other output). */
  done(): void;
}

export function progressWriter(out: { isTTY?: boolean; write(text: string): unknown }, plainEveryS = 5): ProgressWriter {
  let open = false;
  let lastPlain = -Infinity;
  return {
    update(s) {
      const line = formatProgress(s);
      if (out.isTTY) {
        out.write(`\r${line}\x1b[K`);
        open = true;
      } else if (s.point.tRelMs - lastPlain >= plainEveryS * 1000) {
        out.write(`${line}\n`);
        lastPlain = s.point.tRelMs;
      }
    },
    done() {
      if (open) out.write('\n');
      open = false;
    },
  };
}
