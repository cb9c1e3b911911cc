/** Errors of the bus layer, with stable codes. */
export type BusErrorCode =
  /** A frame that breaks the socket bus framing (length, subject, UTF-8, reserved subject). */
  | 'corrupt-frame'
  /** A subject that cannot travel: empty, longer than 255 UTF-8 bytes, or reserved. */
  | 'bad-subject'
  /** A payload larger than the socket bus carries in one frame. */
  | 'too-large'
  /** The socket bus could not listen or connect. */
  | 'unavailable';

export class BusError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BusError';
  }
}
