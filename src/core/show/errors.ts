/** One problem found in a show document, with the path of the offending field. */
export interface ShowIssue {
  /** e.g. `tracks[2].cues[5].effect.speed`; empty for the document itself. */
  path: string;
  message: string;
}

/** A show document failed validation; `errors` lists every problem found. */
export class ShowValidationError extends Error {
  readonly code = 'invalid-show' as const;
  readonly errors: readonly ShowIssue[];
  constructor(errors: readonly ShowIssue[]) {
    const head = errors
      .slice(0, 5)
      .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
      .join('; ');
    const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
    super(`invalid show: ${head}${more}`);
    this.name = 'ShowValidationError';
    this.errors = errors;
  }
}

/** A transport operation was given an impossible argument (e.g. a non-positive rate). */
export class TransportError extends Error {
  readonly code: 'invalid-rate' | 'invalid-time';
  constructor(code: 'invalid-rate' | 'invalid-time', message: string) {
    super(message);
    this.name = 'TransportError';
    this.code = code;
  }
}
