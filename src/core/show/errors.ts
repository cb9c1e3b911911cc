/** One problem found in a show document, with the path of the offending field. */
export interface ShowIssue {
  /** e.g. `tracks[2].cues[5].effect.speed`; empty for the document itself. */
  path: string;
  message: string;
}

/**
 * One line for an error message: the first five issues as `path: message`, then how many
 * more there are (the full list stays on the error's `errors`).
 */
export function summarizeIssues(issues: readonly ShowIssue[]): string {
  const head = issues
    .slice(0, 5)
    .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
    .join('; ');
  return issues.length > 5 ? `${head} (and ${issues.length - 5} more)` : head;
}

/** A show document failed validation; `errors` lists every problem found. */
export class ShowValidationError extends Error {
  readonly code = 'invalid-show' as const;
  readonly errors: readonly ShowIssue[];
  constructor(errors: readonly ShowIssue[]) {
    super(`invalid show: ${summarizeIssues(errors)}`);
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
