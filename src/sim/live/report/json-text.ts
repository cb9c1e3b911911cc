/**
 * JSON text for the report file and the HTML page: indented objects, but a small record of
 * plain values on one line and arrays of plain values (a CDF's [value, fraction] pairs)
 * packed several to a line, so a report stays readable and short. Numbers that are not finite are written as null.
 */

/** Packed arrays wrap at this width; a one-line record may run to RECORD_LINE. */
const LINE = 100;
const RECORD_LINE = 170;

function isPlain(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function isPacked(v: unknown): boolean {
  return Array.isArray(v) && v.every((x) => isPlain(x) || (Array.isArray(x) && x.every(isPlain)));
}

function scalar(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
  return JSON.stringify(v) ?? 'null';
}

function flat(v: unknown): string {
  return Array.isArray(v) ? `[${v.map(flat).join(', ')}]` : scalar(v);
}

function write(v: unknown, pad: string, step: string): string {
  if (isPlain(v)) return scalar(v);
  const inner = pad + step;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (isPacked(v)) {
      const lines: string[] = [];
      let line = '';
      for (const item of v.map(flat)) {
        if (line !== '' && inner.length + line.length + item.length + 2 > LINE) {
          lines.push(line);
          line = '';
        }
        line = line === '' ? item : `${line}, ${item}`;
      }
      lines.push(line);
      if (lines.length === 1 && pad.length + lines[0]!.length + 2 <= LINE) return `[${lines[0]}]`;
      return `[\n${lines.map((l) => inner + l).join(',\n')}\n${pad}]`;
    }
    return `[\n${v.map((x) => inner + write(x === undefined ? null : x, inner, step)).join(',\n')}\n${pad}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
  if (entries.length === 0) return '{}';
  if (entries.every(([, x]) => isPlain(x))) {
    // A small record of plain values (quantiles, a timeline point, a target row) on one line.
    const one = `{ ${entries.map(([k, x]) => `${JSON.stringify(k)}: ${scalar(x)}`).join(', ')} }`;
    if (inner.length + one.length <= RECORD_LINE) return one;
  }
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${write(x, inner, step)}`).join(',\n')}\n${pad}}`;
}

/** `value` as indented JSON text (JSON.parse reads it back as JSON.stringify's would). */
export function prettyJson(value: unknown, indent = 2): string {
  return write(value, '', ' '.repeat(indent));
}
