/**
 * UTF-8 for the codec's short strings. Decoding uses a fatal TextDecoder (present in every
 * browser and in Bun), so malformed input is refused rather than patched with U+FFFD.
 * Encoding is hand-written so the byte length is known before anything is written, and a
 * lone surrogate is refused rather than silently replaced: what encodes, decodes to the
 * same string.
 */

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decoded string, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return '';
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-8 byte length of `s`, or -1 when it contains a lone surrogate. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return -1;
      n += 4;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return -1;
    else n += 3;
  }
  return n;
}

/** Writes `s` (already measured with utf8Length, no lone surrogates) at `o`; returns the
 *  offset after the last byte. */
export function writeUtf8(b: Uint8Array, o: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      b[o++] = c;
    } else if (c < 0x800) {
      b[o++] = 0xc0 | (c >> 6);
      b[o++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      b[o++] = 0xf0 | (c >> 18);
      b[o++] = 0x80 | ((c >> 12) & 0x3f);
      b[o++] = 0x80 | ((c >> 6) & 0x3f);
      b[o++] = 0x80 | (c & 0x3f);
    } else {
      b[o++] = 0xe0 | (c >> 12);
      b[o++] = 0x80 | ((c >> 6) & 0x3f);
      b[o++] = 0x80 | (c & 0x3f);
    }
  }
  return o;
}
