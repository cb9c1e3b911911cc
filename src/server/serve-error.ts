/** Why `startServer` could not start, with a stable code. */
export class ServeError extends Error {
  constructor(
    readonly code: 'port-in-use' | 'listen-failed' | 'invalid-file' | 'bad-option' | 'edge-failed',
    message: string,
  ) {
    super(message);
    this.name = 'ServeError';
  }
}
