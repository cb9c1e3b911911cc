/**
 * The edge's /metrics page in the Prometheus text exposition format (version 0.0.4).
 * Metric names are listed in docs/edge.md.
 */
import { LATENCY_BUCKETS_MS } from '../bus/index.ts';
import { messageTypeName } from '../core/protocol/index.ts';
import type { AudienceStats } from './audience-stats.ts';
import { closeCodeName } from './close-names.ts';
import type { EdgeCounters } from './edge-counters.ts';

export interface MetricsSnapshot {
  edgeId: string;
  pid: number;
  connections: number;
  socketsOpen: number;
  awaitingHello: number;
  retainedFrames: number;
  loopLagLastMs: number;
  loopLagMaxMs: number;
  /** Upgrades refused because the process held `maxConnections` sockets. */
  upgradesRefusedFull: number;
  /** The admission cap (0 = none). */
  maxConnections: number;
  /** The process: resident memory and CPU time (user + system) since it started. */
  rssBytes: number;
  cpuMicros: number;
  counters: EdgeCounters;
  audience: AudienceStats;
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

class Page {
  readonly lines: string[] = [];
  constructor(private readonly edge: string) {}

  family(name: string, type: 'counter' | 'gauge', help: string): void {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  }

  sample(name: string, value: number, labels: Record<string, string> = {}): void {
    let l = `edge="${esc(this.edge)}"`;
    for (const [k, v] of Object.entries(labels)) l += `,${k}="${esc(v)}"`;
    this.lines.push(`${name}{${l}} ${Number.isFinite(value) ? value : 0}`);
  }

  one(name: string, type: 'counter' | 'gauge', help: string, value: number): void {
    this.family(name, type, help);
    this.sample(name, value);
  }
}

function typeLabel(code: number): string {
  return messageTypeName(code) ?? 'unknown';
}

export function renderMetrics(s: MetricsSnapshot): string {
  const p = new Page(s.edgeId);
  const c = s.counters;
  const a = s.audience;
  p.one('crowdlight_edge_connections', 'gauge', 'Open phone sockets that have said hello.', s.connections);
  p.one('crowdlight_edge_sockets_open', 'gauge', 'Open sockets, including those still waiting for hello.', s.socketsOpen);
  p.one('crowdlight_edge_sockets_awaiting_hello', 'gauge', 'Open sockets that have not said hello yet.', s.awaitingHello);

  p.family('crowdlight_edge_frames_in_total', 'counter', 'Frames received from phones, by message type.');
  const inByName = new Map<string, number>();
  for (let t = 0; t < 256; t++) if (c.framesIn[t]! > 0) inByName.set(typeLabel(t), (inByName.get(typeLabel(t)) ?? 0) + c.framesIn[t]!);
  if (c.textFramesIn > 0) inByName.set('text', c.textFramesIn);
  for (const [type, n] of inByName) p.sample('crowdlight_edge_frames_in_total', n, { type });

  p.family('crowdlight_edge_frames_out_total', 'counter', 'Frames sent to phones, by message type (a topic publish counts its subscribers).');
  for (let t = 0; t < 256; t++) if (c.framesOut[t]! > 0) p.sample('crowdlight_edge_frames_out_total', c.framesOut[t]!, { type: typeLabel(t) });

  p.one('crowdlight_edge_sync_exchanges_total', 'counter', 'Clock-sync requests answered.', c.syncExchanges);
  p.one('crowdlight_edge_bytes_in_total', 'counter', 'WebSocket payload bytes received.', c.bytesIn);
  p.one('crowdlight_edge_bytes_out_total', 'counter', 'WebSocket payload bytes sent (publish counts bytes times subscribers).', c.bytesOut);

  p.family('crowdlight_edge_sessions_total', 'counter', 'Hellos accepted: fresh sessions and resumed ones.');
  p.sample('crowdlight_edge_sessions_total', c.sessionsFresh, { kind: 'fresh' });
  p.sample('crowdlight_edge_sessions_total', c.sessionsResumed, { kind: 'resume' });
  p.one('crowdlight_edge_resume_rejected_total', 'counter', 'Hellos whose resume token did not verify (given a fresh session).', c.resumeRejected);

  p.family('crowdlight_edge_upgrades_total', 'counter', 'WebSocket upgrade requests, accepted or refused with 503.');
  p.sample('crowdlight_edge_upgrades_total', c.upgradesAccepted, { result: 'accepted' });
  p.sample('crowdlight_edge_upgrades_total', c.upgradesRefused, { result: 'refused' });

  p.one('crowdlight_edge_upgrades_refused_full_total', 'counter', 'Upgrades refused with 503 because the process was at maxConnections (also counted as refused above).', s.upgradesRefusedFull);
  p.one('crowdlight_edge_max_connections', 'gauge', 'Open sockets this process accepts (0: no limit).', s.maxConnections);

  p.family('crowdlight_edge_closes_total', 'counter', 'Socket closes by close code.');
  for (const [code, n] of [...c.closes].sort((x, y) => x[0] - y[0])) {
    p.sample('crowdlight_edge_closes_total', n, { code: String(code), name: closeCodeName(code) });
  }

  p.one('crowdlight_edge_keyframes_total', 'counter', 'Keyframe passes (every retained frame re-published).', c.keyframes);
  p.one('crowdlight_edge_socket_sweeps_total', 'counter', 'Socket sweeps (idle and backpressure checks over every open socket).', c.sweeps);
  p.one('crowdlight_edge_retained_frames', 'gauge', 'Frames currently retained (the current state).', s.retainedFrames);
  p.one('crowdlight_edge_feed_ops_total', 'counter', 'Feed ops received from the controller.', c.feedOps);
  p.one('crowdlight_edge_feed_errors_total', 'counter', 'Feed ops that could not be applied.', c.feedErrors);
  p.one('crowdlight_edge_venue_changes_total', 'counter', 'Venues applied (every phone moved to its seat\'s topics).', c.venueChanges);

  p.one('crowdlight_edge_event_loop_lag_ms', 'gauge', 'Latest lateness of the event-loop probe timer, ms.', s.loopLagLastMs);
  p.one('crowdlight_edge_event_loop_lag_max_ms', 'gauge', 'Largest lateness of the probe over the current and previous stats window, ms.', s.loopLagMaxMs);

  p.one('crowdlight_edge_process_resident_memory_bytes', 'gauge', 'Resident memory of the edge process, bytes.', s.rssBytes);
  p.one('crowdlight_edge_process_cpu_seconds_total', 'counter', 'CPU time of the edge process (user + system), seconds.', s.cpuMicros / 1e6);
  p.one('crowdlight_edge_process_id', 'gauge', 'Process id of the edge.', s.pid);

  p.family('crowdlight_edge_ready_devices', 'gauge', 'Phones whose latest ready names this show (showId.showVersion).');
  for (const [show, n] of a.ready) p.sample('crowdlight_edge_ready_devices', n, { show });
  p.one('crowdlight_edge_phones_synced', 'gauge', 'Phones whose latest quality report says synced.', a.synced);
  p.one('crowdlight_edge_phones_degraded', 'gauge', 'Phones whose latest quality report says degraded.', a.degraded);
  histogram(p, 'crowdlight_edge_phone_rtt_ms', 'Phones by the rtt of their latest quality report (cumulative by upper bound).', a.rttHistogram);
  histogram(p, 'crowdlight_edge_phone_uncertainty_ms', 'Phones by the clock uncertainty of their latest quality report (cumulative).', a.uncertaintyHistogram);
  return p.lines.join('\n') + '\n';
}

// A distribution of current phones, not of observations over time: exposed as cumulative
// gauges with an `le` label, like a Prometheus histogram's buckets.
function histogram(p: Page, name: string, help: string, h: readonly number[]): void {
  p.family(name, 'gauge', help);
  let cum = 0;
  for (let i = 0; i < h.length; i++) {
    cum += h[i]!;
    p.sample(name, cum, { le: i < LATENCY_BUCKETS_MS.length ? String(LATENCY_BUCKETS_MS[i]) : '+Inf' });
  }
}

/**
 * Several edges' pages as one: each metric family once (its HELP and TYPE from the first page
 * that has it), followed by the samples of every page in page order. Every sample already
 * carries its edge's `edge` label, so the series stay apart. Families keep first-seen order.
 */
export function mergeMetricsPages(pages: readonly string[]): string {
  const families = new Map<string, { head: string[]; samples: string[] }>();
  for (const page of pages) {
    for (const line of page.split('\n')) {
      if (line === '') continue;
      const meta = /^# (HELP|TYPE) (\S+)/.exec(line);
      if (meta) {
        const name = meta[2]!;
        let f = families.get(name);
        if (!f) families.set(name, (f = { head: [], samples: [] }));
        if (!f.head.some((h) => h.startsWith(`# ${meta[1]} `))) f.head.push(line);
        continue;
      }
      if (line.startsWith('#')) continue;
      const name = /^[^{\s]+/.exec(line)![0];
      let f = families.get(name);
      if (!f) families.set(name, (f = { head: [], samples: [] }));
      f.samples.push(line);
    }
  }
  const out: string[] = [];
  for (const f of families.values()) out.push(...f.head, ...f.samples);
  return out.length === 0 ? '' : out.join('\n') + '\n';
}
