import { z } from 'zod';
import { req } from './issue-format.ts';

/**
 * Field schemas shared by the show and venue documents, each with the message a document
 * author reads (and "is required" when the field is missing). Numbers are always finite:
 * zod refuses NaN and infinities.
 */

export const num = () => z.number({ error: req('must be a finite number') });
export const positive = () => num().gt(0, { error: req('must be > 0') });
export const nonNegative = () => num().min(0, { error: req('must be >= 0') });
export const unit = () =>
  num().min(0, { error: req('must be between 0 and 1') }).max(1, { error: req('must be between 0 and 1') });

/** A whole number, optionally within [min, max]; a string or a fraction reads "must be a whole number". */
export function whole(min?: number, max?: number) {
  let s = z.number({ error: req('must be a whole number') }).int({ error: req('must be a whole number') });
  if (min !== undefined) s = s.min(min, { error: req(`must be >= ${min}`) });
  if (max !== undefined) s = s.max(max, { error: req(`must be <= ${max}`) });
  return s;
}

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: req(`must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`) });
