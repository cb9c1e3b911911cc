/**
 * Keyboard shortcuts of the console. Pure: the page passes what it knows about a key press
 * and gets back the action, if any.
 */
export type ShortcutAction =
  | { kind: 'blackout-toggle' }
  | { kind: 'play-pause' }
  | { kind: 'cancel-all' }
  | { kind: 'fire-preset'; index: number };

export interface KeyPress {
  /** KeyboardEvent.key */
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True while typing in a text field: shortcuts stay out of the way. */
  inTextField: boolean;
  repeat: boolean;
}

/** The list shown on screen and in docs/console.md. */
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: 'B', what: 'blackout on / off' },
  { keys: 'Space', what: 'play / pause' },
  { keys: '1 – 9', what: 'fire palette cue 1 – 9 (with the chosen target and duration)' },
  { keys: 'Esc', what: 'cancel all live cues' },
];

/**
 * The action for a key press, or null. Held-down keys do not repeat actions, and with
 * Ctrl, Cmd or Alt the browser keeps the key. While typing in a field no key acts, so typing
 * a "b" never blacks out the venue; the blackout button is always one click away.
 */
export function shortcutFor(p: KeyPress): ShortcutAction | null {
  if (p.repeat || p.ctrlKey || p.metaKey || p.altKey || p.inTextField) return null;
  switch (p.key) {
    case 'b':
    case 'B':
      return { kind: 'blackout-toggle' };
    case ' ':
      return { kind: 'play-pause' };
    case 'Escape':
      return { kind: 'cancel-all' };
  }
  if (p.key.length === 1 && p.key >= '1' && p.key <= '9') return { kind: 'fire-preset', index: p.key.charCodeAt(0) - 49 };
  return null;
}
