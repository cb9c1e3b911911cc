/**
 * Every WebSocket close code crowdlight uses for its own reasons (4000-4999), in one place.
 * Each code closes exactly one socket; the edge counts closes per code in its stats.
 *
 * Ranges: 4000-4009 the phone broke the protocol, 4010-4019 the phone exceeded a limit or
 * went quiet, 4020-4029 the edge's own lifecycle, 4030-4039 authorisation, 4090 a bug.
 *
 * `retry` tells the phone page what to do next:
 *   'reload'   fetch the page again (it is out of date), then reconnect
 *   'backoff'  reconnect after an exponential, jittered backoff
 *   'now'      reconnect at once (with a small random jitter), resuming the session
 *   'redirect' reconnect to the URL given in the preceding `redirect` frame
 *   'never'    stay disconnected (another tab or device took over the session)
 */
import type { ProtocolErrorCode } from './errors.ts';
import { ProtocolError } from './errors.ts';

export type RetryPolicy = 'reload' | 'backoff' | 'now' | 'redirect' | 'never';

export interface CloseCodeInfo {
  /** Stable kebab-case name, used in logs and stats. */
  name: string;
  code: number;
  /** Human reason, sent as the close reason (at most 123 UTF-8 bytes, as RFC 6455 requires). */
  reason: string;
  retry: RetryPolicy;
}

export const CloseCode = {
  VersionMismatch: 4000,
  MalformedFrame: 4001,
  FrameTooLarge: 4002,
  UnknownType: 4003,
  UnexpectedType: 4004,
  NotBinary: 4005,
  RateLimited: 4010,
  Backpressure: 4011,
  IdleTimeout: 4012,
  HelloTimeout: 4013,
  Draining: 4020,
  Redirect: 4021,
  EdgeFull: 4022,
  SessionReplaced: 4023,
  AuthFailed: 4030,
  InternalError: 4090,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

export const CLOSE_CODES: readonly CloseCodeInfo[] = [
  { name: 'version-mismatch', code: CloseCode.VersionMismatch, retry: 'reload',
    reason: 'protocol version not supported by this server; reload the page' },
  { name: 'malformed-frame', code: CloseCode.MalformedFrame, retry: 'backoff',
    reason: 'malformed frame (truncated, trailing bytes, bad field value or bad UTF-8)' },
  { name: 'frame-too-large', code: CloseCode.FrameTooLarge, retry: 'backoff',
    reason: 'frame larger than the maximum a client may send' },
  { name: 'unknown-type', code: CloseCode.UnknownType, retry: 'backoff',
    reason: 'unknown message type' },
  { name: 'unexpected-type', code: CloseCode.UnexpectedType, retry: 'backoff',
    reason: 'message type not allowed now (server-only type, or anything but hello first)' },
  { name: 'not-binary', code: CloseCode.NotBinary, retry: 'backoff',
    reason: 'text frames are not accepted; the protocol is binary' },
  { name: 'rate-limited', code: CloseCode.RateLimited, retry: 'backoff',
    reason: 'too many messages; slow down' },
  { name: 'backpressure', code: CloseCode.Backpressure, retry: 'now',
    reason: 'connection too slow to keep up with the show; reconnect to resume' },
  { name: 'idle-timeout', code: CloseCode.IdleTimeout, retry: 'now',
    reason: 'no message received for too long' },
  { name: 'hello-timeout', code: CloseCode.HelloTimeout, retry: 'backoff',
    reason: 'no hello received in time after connecting' },
  { name: 'draining', code: CloseCode.Draining, retry: 'now',
    reason: 'server shutting down; reconnect to another server' },
  { name: 'redirect', code: CloseCode.Redirect, retry: 'redirect',
    reason: 'moved to another server; follow the redirect' },
  { name: 'edge-full', code: CloseCode.EdgeFull, retry: 'backoff',
    reason: 'server at capacity; try again shortly' },
  { name: 'session-replaced', code: CloseCode.SessionReplaced, retry: 'never',
    reason: 'session resumed by a newer connection' },
  { name: 'auth-failed', code: CloseCode.AuthFailed, retry: 'reload',
    reason: 'not authorised (bad origin, resume token or ticket)' },
  { name: 'internal-error', code: CloseCode.InternalError, retry: 'backoff',
    reason: 'internal server error' },
];

const BY_CODE = new Map<number, CloseCodeInfo>(CLOSE_CODES.map((c) => [c.code, c]));

/** The entry for an app close code, or undefined for codes crowdlight does not define. */
export function closeCodeInfo(code: number): CloseCodeInfo | undefined {
  return BY_CODE.get(code);
}

/** Which close code the edge uses for each decoding failure. */
export const PROTOCOL_ERROR_CLOSE_CODES: Readonly<Record<ProtocolErrorCode, CloseCode>> = {
  'not-binary': CloseCode.NotBinary,
  truncated: CloseCode.MalformedFrame,
  oversized: CloseCode.MalformedFrame,
  'out-of-range': CloseCode.MalformedFrame,
  'bad-string': CloseCode.MalformedFrame,
  'too-large': CloseCode.FrameTooLarge,
  'unknown-type': CloseCode.UnknownType,
  'unexpected-type': CloseCode.UnexpectedType,
  'version-mismatch': CloseCode.VersionMismatch,
  // Only encoding raises this, and an encoding failure is the server's own bug.
  'buffer-too-small': CloseCode.InternalError,
};

/** Close code for anything thrown while handling a frame: a ProtocolError maps through
 *  PROTOCOL_ERROR_CLOSE_CODES, anything else is an internal error. */
export function closeCodeForError(err: unknown): CloseCode {
  return err instanceof ProtocolError ? PROTOCOL_ERROR_CLOSE_CODES[err.code] : CloseCode.InternalError;
}
