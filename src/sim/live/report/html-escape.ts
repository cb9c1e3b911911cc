/** Escaping for everything the HTML report writes: text, attributes, and JSON in a script block. */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value (double- or single-quoted) safe to place in HTML or inline SVG. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become `\u003c`,
 * `\u003e` and `\u0026`, so no string in it can close the block (`</script>`) or open a
 * comment (`<!--`); U+2028 and U+2029 are escaped too. JSON.parse reads the text back unchanged.
 * Numbers that are not finite become null.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
