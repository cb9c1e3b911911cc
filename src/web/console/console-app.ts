import type { ConsoleActions, Panel, ViewFrame } from './actions.ts';
import { ApiClient } from './api-client.ts';
import { ConsoleApiError, describeError } from './api-error.ts';
import type { ApiStatus } from './api-types.ts';
import { createAudiencePanel } from './audience-panel.ts';
import { createCuesPanel } from './cues-panel.ts';
import { el, isTextField } from './dom.ts';
import { createHeaderBar, type HeaderBar } from './header-bar.ts';
import { createLoginView } from './login-view.ts';
import { createPalettePanel, type PalettePanel } from './palette-panel.ts';
import { createPreviewPanel } from './preview-panel.ts';
import { SHORTCUTS, shortcutFor } from './shortcuts.ts';
import { createShowsPanel } from './shows-panel.ts';
import { createJoinPanel } from './join-panel.ts';
import { acceptedLabel, controllerNow, describeEffect, positionAt } from './status-view-model.ts';
import { PendingToggle } from './pending-toggle.ts';
import { TokenStore } from './token-store.ts';
import { createTransportPanel } from './transport-panel.ts';

/** Status poll period, ms (about twice a second). */
const POLL_MS = 500;
/** A status older than this (ms) marks the link as lagging. */
const STALE_MS = 2000;
const TICK_MS = 100;
const TOAST_MS = 6000;
/** How long a requested on/off state (blackout, playing) stands in for the server's, ms. */
const PENDING_HOLD_MS = 3000;

const TOKEN_REFUSED = 'The server no longer accepts this token. Log in again.';

/**
 * The operator console: a login screen, then the control surface, polling `GET /api/status`
 * and posting the operator's actions (docs/console.md).
 */
export function startConsole(root: HTMLElement): void {
  const tokens = new TokenStore(globalThis.localStorage ?? null);
  let client: ApiClient | null = null;
  let status: ApiStatus | null = null;
  let receivedAt = 0;
  const blackout = new PendingToggle(PENDING_HOLD_MS);
  // Whether the timeline plays, as last asked: Space toggles from this, so two quick presses
  // pause and resume even before a poll has seen the first.
  const playing = new PendingToggle(PENDING_HOLD_MS);
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let tickTimer: ReturnType<typeof setInterval> | undefined;
  let polling = false;
  let pollAgain = false;
  let session = 0;

  const toast = el('div', { id: 'toast', class: 'toast hidden', attrs: { role: 'alert' } });
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  const report = (message: string) => {
    toast.textContent = message;
    toast.classList.remove('hidden');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => toast.classList.add('hidden'), TOAST_MS);
  };

  const login = createLoginView((token) => void tryLogin(token, 'That token was not accepted.'));
  const loginScreen = el('div', {}, login.root);
  let surface: { root: HTMLElement; header: HeaderBar; palette: PalettePanel; panels: Panel[] } | null = null;

  /** Sends one action; resolves true when the server accepted it. */
  const run = (what: string, call: (c: ApiClient) => Promise<unknown>): Promise<boolean> => {
    const c = client;
    if (!c) return Promise.resolve(false);
    return call(c).then(
      (answer) => {
        if (status) surface?.header.setLastAction(acceptedLabel(what, answer, controllerNow(status, receivedAt, performance.now())));
        pollSoon();
        return true;
      },
      (err: unknown) => {
        failed(what, err);
        return false;
      },
    );
  };

  const actions: ConsoleActions = {
    transport(req) {
      const asked = req.action === 'play' ? true : req.action === 'pause' || req.action === 'stop' ? false : null;
      if (asked !== null) playing.request(asked, performance.now());
      void run(req.action, (c) => c.transport(req)).then((ok) => {
        if (!ok && asked !== null) playing.failed(asked);
      });
    },
    toggleBlackout() {
      if (!client) return;
      const next = blackout.toggle(status?.transport.blackout ?? false, performance.now());
      render();
      void run(next ? 'blackout on' : 'blackout off', (c) => c.blackout(next)).then((ok) => {
        if (!ok) {
          blackout.failed(next);
          render();
        }
      });
    },
    fireCue: (req) => void run(`cue ${describeEffect(req.effect)}`, (c) => c.fireCue(req)),
    cancelCue: (id) => void run(`cancel #${id}`, (c) => c.cancelCue(id)),
    cancelAllCues: () => void run('cancel all', (c) => c.cancelAllCues()),
    loadShow: (id) => void run(`load ${id}`, (c) => c.loadShow(id)),
    async listShows() {
      const c = client;
      if (!c) return null;
      try {
        return await c.listShows();
      } catch (err) {
        failed('shows', err);
        return null;
      }
    },
    report,
  };

  /** A request failed: a refused token logs out, anything else is reported. */
  function failed(what: string, err: unknown): void {
    if (err instanceof ConsoleApiError && err.unauthorized) logout(TOKEN_REFUSED);
    else report(`${what}: ${describeError(err)}`);
  }

  /** A status arrived: it becomes the one every view draws from. */
  function accept(s: ApiStatus): void {
    status = s;
    receivedAt = performance.now();
    blackout.observe(s.transport.blackout);
    playing.observe(s.transport.mode === 'playing');
    surface?.header.setConnection({ level: 'ok', text: 'live' });
    render();
  }

  function buildSurface() {
    const header = createHeaderBar(actions, () => logout(''));
    const palette = createPalettePanel(actions);
    const transport = createTransportPanel(actions);
    const cues = createCuesPanel(actions);
    const audience = createAudiencePanel();
    const shows = createShowsPanel(actions);
    const join = createJoinPanel();
    const preview = createPreviewPanel((g) => palette.setGeometry(g));
    const grid = el('main', { class: 'grid' }, el('div', { class: 'col' }, transport.root, palette.root, shows.root, join.root), el('div', { class: 'col' }, cues.root, audience.root, preview.root));
    const keys = el('footer', { class: 'keys muted' }, 'Keys: ');
    for (const k of SHORTCUTS) keys.append(el('kbd', { text: k.keys }), ` ${k.what}  `);
    return { root: el('div', {}, header.root, grid, keys), header, palette, panels: [transport, palette, cues, audience, shows, join, preview] };
  }

  function render(): void {
    if (!surface || !status) return;
    const controllerMs = controllerNow(status, receivedAt, performance.now());
    const frame: ViewFrame = { status, controllerMs, positionMs: positionAt(status, controllerMs) };
    surface.header.update(frame, blackout.shown(status.transport.blackout, performance.now()));
    for (const p of surface.panels) p.update(frame);
    const age = performance.now() - receivedAt;
    if (age > STALE_MS) surface.header.setConnection({ level: 'bad', text: `no status for ${Math.round(age / 1000)} s` });
  }

  function pollSoon(): void {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, 0);
  }

  async function poll(): Promise<void> {
    const c = client;
    if (!c) return;
    if (polling) {
      // A poll already in flight may have left before the last action: ask again after it.
      pollAgain = true;
      return;
    }
    polling = true;
    pollAgain = false;
    const mine = session;
    try {
      const s = await c.status();
      if (mine !== session) return;
      accept(s);
    } catch (err) {
      if (mine !== session) return;
      if (err instanceof ConsoleApiError && err.unauthorized) {
        logout(TOKEN_REFUSED);
        return;
      }
      surface?.header.setConnection({ level: 'bad', text: `server unreachable, retrying (${describeError(err)})` });
    } finally {
      polling = false;
      if (mine === session && client) {
        clearTimeout(pollTimer);
        pollTimer = setTimeout(poll, pollAgain ? 0 : POLL_MS);
      }
    }
  }

  async function tryLogin(token: string, refusedMessage: string): Promise<void> {
    login.setBusy(true);
    login.showMessage('');
    const candidate = new ApiClient({ token });
    try {
      const s = await candidate.status();
      tokens.save(token);
      enter(candidate, s);
    } catch (err) {
      if (err instanceof ConsoleApiError && err.unauthorized) {
        tokens.clear();
        login.showMessage(refusedMessage);
      } else {
        login.showMessage(`Cannot check the token: ${describeError(err)}`);
      }
      login.focus();
    } finally {
      login.setBusy(false);
    }
  }

  function enter(c: ApiClient, s: ApiStatus): void {
    session++;
    client = c;
    surface ??= buildSurface();
    root.replaceChildren(surface.root, toast);
    accept(s);
    clearInterval(tickTimer);
    tickTimer = setInterval(render, TICK_MS);
    pollTimer = setTimeout(poll, POLL_MS);
  }

  function logout(message: string): void {
    session++;
    client = null;
    status = null;
    clearTimeout(pollTimer);
    clearInterval(tickTimer);
    tokens.clear();
    root.replaceChildren(loginScreen, toast);
    toast.classList.add('hidden');
    login.focus();
    login.showMessage(message);
  }

  document.addEventListener('keydown', (ev) => {
    if (!client) return;
    const action = shortcutFor({
      key: ev.key,
      ctrlKey: ev.ctrlKey,
      metaKey: ev.metaKey,
      altKey: ev.altKey,
      repeat: ev.repeat,
      inTextField: isTextField(ev.target),
    });
    if (!action) return;
    ev.preventDefault();
    switch (action.kind) {
      case 'blackout-toggle':
        actions.toggleBlackout();
        break;
      case 'play-pause':
        actions.transport({ action: playing.shown(status?.transport.mode === 'playing', performance.now()) ? 'pause' : 'play' });
        break;
      case 'cancel-all':
        actions.cancelAllCues();
        break;
      case 'fire-preset':
        surface?.palette.firePreset(action.index);
        break;
    }
  });
  // A focused button would also "click" on the space bar's key-up; space belongs to play/pause.
  document.addEventListener('keyup', (ev) => {
    if (client && ev.key === ' ' && !isTextField(ev.target)) ev.preventDefault();
  });

  root.replaceChildren(loginScreen, toast);
  const saved = tokens.load();
  if (saved) void tryLogin(saved, 'The saved token is no longer accepted. Log in again.');
  else login.focus();
}
