/**
 * Why a `crowdlight sim` run could not be done (as opposed to a run whose targets failed,
 * which is a result, not an error). Codes are stable: scripts may match on them.
 */
export type SimRunErrorCode =
  /** The server did not answer /api/status (down, wrong URL, timeout). */
  | 'server-unreachable'
  /** /api answered 401: the operator token is missing or wrong. */
  | 'unauthorized'
  /** /api answered something unexpected (status code or shape). */
  | 'server-refused'
  /** No show could be loaded: the server has none. */
  | 'no-show'
  /** A worker process failed to start, reported a fatal error or exited early. */
  | 'worker-failed'
  /** A worker did not answer in time (ready or result) and was killed. */
  | 'worker-timeout'
  /** chaos: the server reports fewer than two edge processes (nothing to reconnect to). */
  | 'chaos-no-edges'
  /** chaos: the edge to kill is not a process of this machine, or is this process. */
  | 'chaos-not-local';

export class SimRunError extends Error {
  override readonly name = 'SimRunError';
  constructor(
    readonly code: SimRunErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A bad option or combination of options (the CLI exits with code 2). */
export class SimOptionError extends Error {
  override readonly name = 'SimOptionError';
  readonly code = 'SIM_BAD_OPTION';
}
