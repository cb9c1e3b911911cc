/** Issues found in a request body, each with the path of the field. */
export interface RequestIssue {
  path: string;
  message: string;
}

export type ControlErrorCode =
  | 'invalid-json'
  | 'invalid-request'
  | 'invalid-show'
  | 'invalid-venue'
  | 'unauthorized'
  | 'not-found'
  | 'method-not-allowed'
  | 'conflict'
  | 'too-large';

const STATUS: Record<ControlErrorCode, number> = {
  'invalid-json': 400,
  'invalid-request': 400,
  'invalid-show': 400,
  'invalid-venue': 400,
  unauthorized: 401,
  'not-found': 404,
  'method-not-allowed': 405,
  conflict: 409,
  'too-large': 413,
};

/** A refused operator request. Nothing has changed when one is thrown. */
export class ControlError extends Error {
  readonly status: number;
  /** For 405: the methods the path answers (the `Allow` header). */
  allow?: string;
  constructor(
    readonly code: ControlErrorCode,
    message: string,
    readonly issues: RequestIssue[] = [],
  ) {
    super(message);
    this.name = 'ControlError';
    this.status = STATUS[code];
  }
}
