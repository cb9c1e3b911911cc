/**
 * Errors raised by the edge itself (not by phones: a phone's bad frame closes its socket with
 * a close code and is never thrown out of the edge). Each has a stable string code.
 */
export type EdgeErrorCode = 'bad-option' | 'bad-venue';

export class EdgeError extends Error {
  readonly code: EdgeErrorCode;

  constructor(code: EdgeErrorCode, message: string) {
    super(message);
    this.name = 'EdgeError';
    this.code = code;
  }
}
