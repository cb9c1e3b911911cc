/** A small element builder for the console's views (no framework). */
export interface ElementProps {
  id?: string;
  class?: string;
  text?: string;
  title?: string;
  type?: string;
  /** Other attributes, set verbatim. */
  attrs?: Record<string, string>;
  onClick?: (ev: MouseEvent) => void;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.id) node.id = props.id;
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title) node.title = props.title;
  if (props.type) node.setAttribute('type', props.type);
  if (props.attrs) for (const [k, v] of Object.entries(props.attrs)) node.setAttribute(k, v);
  if (props.onClick) node.addEventListener('click', props.onClick as EventListener);
  for (const c of children) node.append(c);
  return node;
}

/** Sets text only when it changed (polls repeat mostly identical values). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

/** A labelled control: <label>caption <control></label>. */
export function field(caption: string, control: HTMLElement, inline = false): HTMLLabelElement {
  const label = el('label', inline ? { class: 'inline' } : {});
  if (inline) label.append(control, caption);
  else label.append(caption, control);
  return label;
}

/** True when keyboard focus is in a field that takes typing. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'color', 'range', 'submit'].includes(target.type);
  return false;
}

/** How long a two-press button waits for its confirming press, ms. */
const CONFIRM_MS = 3000;

/**
 * A button for actions that are costly by mistake (stop mid-show, load another show): the
 * first press arms it ("Press again to …") for a few seconds, the second one acts. When
 * `needsConfirm` says no, one press acts.
 */
export function confirmButton(props: ElementProps, label: string, confirmLabel: string, onConfirm: () => void, needsConfirm: () => boolean = () => true): HTMLButtonElement {
  const button = el('button', { ...props, text: label });
  let armedUntil = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const disarm = () => {
    armedUntil = 0;
    button.textContent = label;
    button.classList.remove('active');
  };
  button.addEventListener('click', () => {
    const now = performance.now();
    clearTimeout(timer);
    if (now < armedUntil || !needsConfirm()) {
      disarm();
      onConfirm();
      return;
    }
    armedUntil = now + CONFIRM_MS;
    button.textContent = confirmLabel;
    button.classList.add('active');
    timer = setTimeout(disarm, CONFIRM_MS);
  });
  return button;
}
