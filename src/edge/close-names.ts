/**
 * Names for every close code the edge counts: crowdlight's own (core/protocol CLOSE_CODES)
 * and the standard ones a phone or the runtime may produce. And the mapping from what Bun
 * reports in the close handler to the code the edge counts: Bun reports its own closes
 * (oversized frame, idle timeout) to the server as 1006 with a reason text.
 */
import { CloseCode, closeCodeInfo } from '../core/protocol/index.ts';

const STANDARD: Record<number, string> = {
  1000: 'normal',
  1001: 'going-away',
  1002: 'protocol-error',
  1003: 'unsupported-data',
  1005: 'no-status',
  1006: 'abnormal',
  1007: 'invalid-payload',
  1008: 'policy-violation',
  1009: 'message-too-big',
  1011: 'server-error',
  1012: 'service-restart',
  1013: 'try-again-later',
};

/** Stable name of a close code ('unknown' for codes nobody defines). */
export function closeCodeName(code: number): string {
  return closeCodeInfo(code)?.name ?? STANDARD[code] ?? 'unknown';
}

/** The standard code a peer sees when a frame exceeds maxPayloadLength. */
export const CLOSE_MESSAGE_TOO_BIG = 1009;

/**
 * The code to count for a close as Bun reports it. Bun closes an oversized inbound frame
 * itself (the phone receives 1009) and ends an idle socket without a close frame (the phone
 * sees 1006); the server side sees both as 1006 with a reason, which tells them apart.
 * Everything else is counted by the code reported.
 */
export function countedCloseCode(code: number, reason: string): number {
  if (code === 1006 && reason !== '') {
    if (reason.includes('too big')) return CLOSE_MESSAGE_TOO_BIG;
    if (reason.includes('inactivity')) return CloseCode.IdleTimeout;
  }
  return code;
}
