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
