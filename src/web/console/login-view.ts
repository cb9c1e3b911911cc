import { el } from './dom.ts';

export interface LoginView {
  root: HTMLElement;
  /** Shows a message under the field (an error, or why the console logged out). */
  showMessage(text: string): void;
  setBusy(busy: boolean): void;
  focus(): void;
}

/** The login screen: paste the operator token, press Log in. */
export function createLoginView(onSubmit: (token: string) => void): LoginView {
  const input = el('input', {
    id: 'login-token',
    type: 'password',
    attrs: { autocomplete: 'off', spellcheck: 'false', placeholder: 'operator token', 'aria-label': 'Operator token' },
  });
  const submit = el('button', { id: 'login-submit', class: 'primary', type: 'submit', text: 'Log in' });
  const message = el('div', { id: 'login-error', class: 'error', attrs: { role: 'alert' } });
  const form = el(
    'form',
    { class: 'login panel' },
    el('div', { class: 'brand', text: 'crowdlight console' }),
    el('p', { class: 'muted', text: 'Paste the operator token. The server prints it at start-up and keeps it in its data directory (or uses CROWDLIGHT_TOKEN).' }),
    input,
    submit,
    message,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const token = input.value.trim();
    if (token === '') {
      message.textContent = 'Enter the operator token.';
      return;
    }
    onSubmit(token);
  });
  return {
    root: form,
    showMessage(text) {
      message.textContent = text;
    },
    setBusy(busy) {
      submit.disabled = busy;
      submit.textContent = busy ? 'Checking…' : 'Log in';
    },
    focus() {
      input.value = '';
      input.focus();
    },
  };
}
