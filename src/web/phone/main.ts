/**
 * The audience page (entry of the phone bundle): DOM glue around PhoneClient (session, clock,
 * state, package) and RenderLoop (one colour per animation frame). Kept thin: everything
 * that does not need the DOM lives in those modules and is unit-tested.
 */
import { measureClockStep } from './clock-step.ts';
import { restoreClock, saveClock } from './clock-store.ts';
import { createDebugObject } from './debug-object.ts';
import { type BatteryInfo, ScreenWakeLock, Torch, deviceSeed, enterFullscreen, loadDeviceId, watchBattery } from './device.ts';
import { PhoneClient } from './phone-client.ts';
import { RenderLoop } from './render-step.ts';
import { seatFromParts, seatFromQuery, seatLabel, wsUrlFor } from './seat-query.ts';

const WAITING_COLOR = 'rgb(10,10,14)';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function boot(): void {
  const now = () => performance.now();
  const timerResolutionMs = measureClockStep(now);
  const deviceId = loadDeviceId();
  const seed = deviceSeed(deviceId, performance.timeOrigin);
  let seat = seatFromQuery(location.search);
  let joined = false;
  const battery: BatteryInfo = { percent: null, charging: false };
  watchBattery(battery);
  const wakeLock = new ScreenWakeLock();
  const torch = new Torch();
  const loop = new RenderLoop(timerResolutionMs);
  const storage = sessionStorageOrNull();
  const estimator = storage ? restoreClock(storage, { seed, timerResolutionMs }, performance.timeOrigin, now()) : undefined;

  const join = $('join');
  const form = $('seatform') as HTMLFormElement;
  const seatText = $('seat');
  const bar = $('bar').firstElementChild as HTMLElement;
  const msg = $('msg');
  const dot = $('dot');
  const details = $('details');
  const info = $('info');
  const torchBox = $('torch') as HTMLInputElement;
  const sections = $('sections');
  let sectionsFilled = false;
  let warnedSeat = false;
  /** A message that stays on the join card until the next tap. */
  let notice = '';

  const client = new PhoneClient({
    wsUrl: wsUrlFor(location.href),
    pageUrl: location.href,
    deviceId,
    seat,
    now,
    timerResolutionMs,
    seed,
    estimator,
    frames: () => ({ rendered: loop.framesRendered, dropped: loop.framesDropped }),
    deviceFlags: () => ({
      batteryPercent: battery.percent,
      charging: battery.charging,
      torchAvailable: torch.available || Torch.maybeSupported(),
      torchOn: torch.on,
      wakeLockHeld: wakeLock.held,
      pageHidden: document.visibilityState === 'hidden',
    }),
    onReload: () => location.reload(),
    onChange: () => updateUi(),
  });

  const debug = createDebugObject(client, loop, { joined: () => joined, timerResolutionMs, clockRestored: estimator !== undefined, now });
  Object.defineProperty(window, 'crowdlight', { value: debug, enumerable: true });

  seatText.textContent = seat ? `Seat ${seatLabel(seat)}` : 'Where are you sitting? (optional)';
  form.hidden = seat !== null;

  function updateUi(): void {
    const p = client.progress;
    const frac = client.showReady ? 1 : p.total > 0 ? Math.min(1, p.loaded / p.total) : p.loading ? 0.5 : 0;
    bar.style.width = `${Math.round(frac * 100)}%`;
    const s = client.status;
    const text = notice ||
      (s === 'ready' ? 'ready' :
      s === 'syncing' ? (p.loading ? 'loading the show…' : client.synced ? 'waiting for the show…' : 'syncing…') :
      s === 'reconnecting' ? 'reconnecting…' :
      s === 'stopped' ? 'the show continues in another tab' :
      s === 'reloading' ? 'updating…' : 'connecting…');
    // Written only on a change: the status is a live region, read out on each write.
    if (msg.textContent !== text) msg.textContent = text;
    dot.style.color = s === 'ready' ? '#3c6' : s === 'syncing' || s === 'connecting' ? '#db3' : '#d43';
    if (!sectionsFilled && client.pkg) {
      sectionsFilled = true;
      for (const id of client.pkg.sectionIds) {
        const o = document.createElement('option');
        o.value = id;
        sections.appendChild(o);
      }
    }
    if (!details.hidden) info.textContent = detailsText();
  }

  function detailsText(): string {
    const q = client.session.estimator.quality(now());
    const f = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
    return [
      `state      ${debug.state}`,
      `sync       ${q.synced ? 'yes' : 'no'}${q.degraded ? ' (degraded)' : ''}, ±${f(q.uncertaintyMs)} ms`,
      `rtt        ${f(q.rttMs)} ms (last ${f(client.lastRttMs)} ms)`,
      `edge       ${client.edgeId || '–'}  session ${client.sessionId}`,
      `show       ${client.pkg ? `${client.pkg.show.name} v${client.pkg.showVersion}` : '–'}  ready ${client.showReady ? 'yes' : 'no'}${client.pkg && !client.pkg.verified ? ' (hash not checked: no crypto.subtle)' : ''}`,
      `seat       ${client.resolvedSeat ? seatLabel(seat) : 'none'}`,
      `frames     ${loop.framesRendered} (${loop.framesDropped} dropped) @ ${f(loop.frameClock.periodMs)} ms`,
      `wake lock  ${wakeLock.held ? 'held' : 'no'}`,
    ].join('\n');
  }

  $('start').addEventListener('click', () => {
    if (!form.hidden) {
      const data = new FormData(form);
      const picked = seatFromParts(String(data.get('section') ?? ''), String(data.get('row') ?? ''), String(data.get('seat') ?? ''));
      if (picked) {
        seat = picked;
        client.setSeat(seat);
        // The venue is known once the package is in: say so if the seat is not in it, once.
        if (client.pkg && !client.resolvedSeat && !warnedSeat) {
          warnedSeat = true;
          notice = 'seat not found in this venue: check it, or tap again to join without it';
          updateUi();
          return;
        }
      }
    }
    notice = '';
    joined = true;
    join.hidden = true;
    loop.invalidate();
    void enterFullscreen();
    void wakeLock.acquire();
  });

  dot.addEventListener('click', () => {
    details.hidden = !details.hidden;
    dot.setAttribute('aria-expanded', String(!details.hidden));
    updateUi();
  });

  torchBox.disabled = !Torch.maybeSupported();
  torchBox.addEventListener('change', () => {
    if (torchBox.checked) {
      void torch.enable().then((ok) => {
        torchBox.checked = ok;
        loop.invalidate();
      });
    } else {
      torch.disable();
    }
  });

  let waiting = false;
  const toController = (local: number) => client.controllerTime(local);
  const frame = (ts: number) => {
    requestAnimationFrame(frame);
    const inputs = client.synced ? client.renderInputs() : null;
    const changed = inputs === null ? null : loop.step(ts, toController, client.state, inputs);
    if (changed === null) {
      if (inputs === null) loop.idle(ts);
      if (!waiting) {
        waiting = true;
        loop.invalidate();
        document.body.style.background = WAITING_COLOR;
      }
      return;
    }
    waiting = false;
    if (changed) {
      const [r, g, b] = loop.rgb;
      document.body.style.background = `rgb(${r},${g},${b})`;
      torch.follow(r, g, b);
    }
  };
  requestAnimationFrame(frame);
  setInterval(() => {
    if (!details.hidden) info.textContent = detailsText();
  }, 1000);

  const keepClock = () => {
    if (storage) saveClock(storage, client.session.estimator, performance.timeOrigin, now());
  };
  addEventListener('pagehide', keepClock);
  // Hidden, frozen (Chrome's page lifecycle) or asleep: exchanges across it are not used,
  // and the clock is checked again with a short burst as soon as the page runs visibly.
  const visibility = () => {
    const hidden = document.visibilityState === 'hidden';
    if (hidden) keepClock();
    client.setHidden(hidden);
  };
  document.addEventListener('visibilitychange', visibility);
  document.addEventListener('resume', visibility);
  document.addEventListener('freeze', () => client.setHidden(true));
  if (document.visibilityState === 'hidden') client.setHidden(true);

  client.start();
  updateUi();
}

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

boot();
