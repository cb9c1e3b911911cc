/**
 * Join links for the audience: the phone page's address, optionally with the section the
 * code is posted in (`?section=<id>`, which the phone page reads), and its QR code as a
 * module matrix the console draws itself.
 */
import { create } from 'qrcode';

export class JoinLinkError extends Error {
  readonly code = 'invalid-join-url';
  constructor(message: string) {
    super(message);
    this.name = 'JoinLinkError';
  }
}

/** The join address for everyone (section null) or for one section. */
export function joinLink(joinUrl: string, section: string | null): string {
  let url: URL;
  try {
    url = new URL(joinUrl);
  } catch {
    throw new JoinLinkError(`not an absolute URL: "${joinUrl}"`);
  }
  if (section !== null) url.searchParams.set('section', section);
  else url.searchParams.delete('section');
  return url.toString();
}

export interface QrMatrix {
  /** Modules per side. */
  size: number;
  /** 1 for a dark module, row-major. */
  dark: Uint8Array;
}

/** The QR code of `text` (error correction M: survives a smudged or partly covered print). */
export function qrMatrix(text: string): QrMatrix {
  const q = create(text, { errorCorrectionLevel: 'M' });
  return { size: q.modules.size, dark: q.modules.data };
}
