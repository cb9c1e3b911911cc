import type { z } from 'zod';

/**
 * Turns zod issues into crowdlight's `{ path, message }` form, with paths written the way a
 * show author reads them: `tracks[2].cues[5].effect.speed`. Only types are imported from zod,
 * so this file adds nothing to a bundle by itself.
 */

export interface PathIssue {
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;
type PathPart = PropertyKey;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Formats a path array: numbers as `[n]`, identifiers as `.name`, other keys as `["key"]`. */
export function formatPath(path: readonly PathPart[]): string {
  let s = '';
  for (const part of path) {
    if (typeof part === 'number') s += `[${part}]`;
    else {
      const key = String(part);
      if (IDENT.test(key)) s += s === '' ? key : `.${key}`;
      else s += `[${JSON.stringify(key)}]`;
    }
  }
  return s;
}

function describe(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const m = /received (\w+)/.exec(issue.message);
      if (m?.[1] === 'undefined') return 'is required';
      if (issue.message.startsWith('Invalid input: ')) return issue.message.slice('Invalid input: '.length);
      return issue.message;
    }
    case 'invalid_key': {
      const inner = issue.issues[0]?.message;
      return inner ? `invalid key: ${inner}` : 'invalid key';
    }
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
        return `must be one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}`;
      }
      return issue.message;
    default:
      return issue.message;
  }
}

/** True when a union branch only complained about the value as a whole (not its fields). */
function isShallowTypeMismatch(issues: readonly Issue[]): boolean {
  return issues.every((i) => i.path.length === 0);
}

/** Flattens zod issues into path/message pairs (one per unknown key, unions unwrapped). */
export function formatIssues(issues: readonly Issue[], prefix: readonly PathPart[] = []): PathIssue[] {
  const out: PathIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...path, key]), message: 'unknown field' });
      continue;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the branch that got furthest (its problems are about fields, not the shape).
      const informative = issue.errors.filter((branch) => !isShallowTypeMismatch(branch));
      if (informative.length === 1) {
        out.push(...formatIssues(informative[0]!, path));
        continue;
      }
    }
    out.push({ path: formatPath(path), message: describe(issue) });
  }
  return out;
}

/**
 * Wraps a schema error message so a missing field reads "is required" instead of the type
 * complaint meant for a present-but-wrong value.
 */
export function req(message: string): (issue: { input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : message);
}
