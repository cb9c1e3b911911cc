/**
 * Why an operator API call failed. `code` is the server's error code (docs/api.md: e.g.
 * 'unauthorized', 'invalid-request', 'conflict') or one of the console's own:
 * 'network' (no answer), 'invalid-response' (an answer that is not the expected JSON).
 */
export interface ApiIssue {
  path: string;
  message: string;
}

export class ConsoleApiError extends Error {
  readonly code: string;
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  readonly issues: readonly ApiIssue[];

  constructor(code: string, status: number, message: string, issues: readonly ApiIssue[] = []) {
    super(message);
    this.name = 'ConsoleApiError';
    this.code = code;
    this.status = status;
    this.issues = issues;
  }

  /** True when the token was refused: the console goes back to its login screen. */
  get unauthorized(): boolean {
    return this.status === 401;
  }

  /** One line for the operator: the message, then the first few issues. */
  describe(): string {
    if (this.issues.length === 0) return this.message;
    const shown = this.issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
    const more = this.issues.length > 3 ? ` (+${this.issues.length - 3} more)` : '';
    return `${this.message}: ${shown.join('; ')}${more}`;
  }
}

/** Any caught error as one line for the operator. */
export function describeError(err: unknown): string {
  if (err instanceof ConsoleApiError) return err.describe();
  return err instanceof Error ? err.message : String(err);
}
