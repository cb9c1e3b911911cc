/**
 * The shapes of the operator API (docs/api.md) as the console reads and writes them. Only
 * types: the console checks the few fields it relies on when a status arrives
 * (`parseStatus`), it does not carry a schema library. Where the server's own types say it
 * (the transport, the transport actions, the audience summary), they are used as they are.
 */
import type { AudienceSummary } from '../../control/audience.ts';
import type { TransportAction } from '../../control/controller.ts';
import type { Transport } from '../../core/show/transport.ts';
import type { Effect, Target } from '../../core/show/types.ts';

/** The newest scheduled transport (core/show's `Transport`, as the phones get it). */
export interface ApiTransport extends Transport {
  /** Show position at the status's `controllerTimeMs`; null when stopped. */
  positionMs: number | null;
}

export interface ApiShow {
  id: string;
  name: string;
  venue: string;
  durationMs: number;
  showId: number;
  version: number;
  packageUrl: string;
  packageBytes: number;
}

export interface ApiLiveCue {
  cueId: number;
  effect: Effect;
  target: Target;
  startControllerMs: number;
  durationMs: number | null;
}

export interface ApiNamed {
  id: string;
  name: string;
}

export interface ApiVenue {
  id: string;
  name: string;
  seats: number;
  zones: ApiNamed[];
  sections: ApiNamed[];
}

/** The controller's audience summary without its histogram and close counts. */
export type ApiAudience = Omit<AudienceSummary, 'rttHistogram' | 'closesByCode'>;

export interface ApiStatus {
  controllerTimeMs: number;
  epoch: number;
  leadTimeMs: number;
  show: ApiShow | null;
  transport: ApiTransport;
  liveCues: ApiLiveCue[];
  venue: ApiVenue | null;
  audience: ApiAudience;
  joinUrl: string;
}

export interface TransportRequest {
  action: TransportAction;
  positionMs?: number;
  rate?: number;
}

/** Which seats a live cue paints: everyone, one zone or one section. */
export type CueTarget = 'all' | { zones: [string] } | { sections: [string] };

export interface CueRequest {
  effect: Effect;
  target: CueTarget;
  /** null: until cancelled. */
  durationMs: number | null;
}

export interface ScheduledAnswer {
  atControllerMs: number;
  transport?: ApiTransport;
}

export interface CueFiredAnswer {
  cueId: number;
  startControllerMs: number;
}

/** An entry of `GET /api/shows`. */
export interface ApiShowSummary {
  id: string;
  name: string;
  venue: string;
  durationMs: number;
  version: number;
}
