/**
 * Device features of the audience page, each optional and each failing quietly: a phone that
 * refuses full screen or the torch still shows the show.
 *   - device id: 16 random bytes kept in local storage;
 *   - screen wake lock, re-acquired when the page becomes visible again (browsers release it
 *     on every hide);
 *   - full screen on the join tap;
 *   - torch: the rear camera's track with the `torch` constraint (Chrome on Android; not
 *     Safari / iOS), switched on while the seat's colour is bright;
 *   - battery level where the Battery Status API exists (Chromium).
 */
import { DEVICE_ID_BYTES } from '../../core/protocol/index.ts';

const DEVICE_ID_KEY = 'crowdlight.deviceId';

export function loadDeviceId(): Uint8Array {
  try {
    const hex = localStorage.getItem(DEVICE_ID_KEY);
    if (hex && /^[0-9a-f]{32}$/.test(hex)) return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  } catch {
    // storage disabled (private mode): a fresh id per load
  }
  const id = crypto.getRandomValues(new Uint8Array(DEVICE_ID_BYTES));
  try {
    localStorage.setItem(DEVICE_ID_KEY, Array.from(id, (b) => b.toString(16).padStart(2, '0')).join(''));
  } catch {
    // ignore
  }
  return id;
}

/** A 32-bit seed from the device id and the page's load time (timeOrigin). */
export function deviceSeed(id: Uint8Array, timeOrigin: number): number {
  let h = 0x811c9dc5;
  for (const b of id) h = Math.imul(h ^ b, 0x01000193);
  h = Math.imul(h ^ (Math.floor(timeOrigin * 1000) >>> 0), 0x01000193);
  return h >>> 0;
}

interface WakeLockSentinelLike {
  released: boolean;
  release(): Promise<void>;
  addEventListener(type: 'release', fn: () => void): void;
}

export class ScreenWakeLock {
  private sentinel: WakeLockSentinelLike | null = null;
  private wanted = false;

  constructor() {
    document.addEventListener('visibilitychange', () => {
      if (this.wanted && document.visibilityState === 'visible') void this.acquire();
    });
  }

  get supported(): boolean {
    return 'wakeLock' in navigator;
  }

  get held(): boolean {
    return this.sentinel !== null && !this.sentinel.released;
  }

  async acquire(): Promise<void> {
    this.wanted = true;
    if (!this.supported || this.held) return;
    try {
      const nav = navigator as unknown as { wakeLock: { request(t: 'screen'): Promise<WakeLockSentinelLike> } };
      const s = await nav.wakeLock.request('screen');
      this.sentinel = s;
      s.addEventListener('release', () => {
        if (this.sentinel === s) this.sentinel = null;
      });
    } catch {
      // refused (battery saver, page not visible): retried on the next visibility change
    }
  }
}

export async function enterFullscreen(): Promise<void> {
  const el = document.documentElement;
  try {
    if (!document.fullscreenElement && el.requestFullscreen) await el.requestFullscreen({ navigationUI: 'hide' });
  } catch {
    // not allowed (iOS Safari on iPhone has no element full screen)
  }
}

export class Torch {
  private track: MediaStreamTrack | null = null;
  private lit = false;
  /** The rear camera exposes a torch (known only after enable()). */
  available = false;
  enabled = false;

  /** Whether the browser may have a torch at all (before asking for the camera). */
  static maybeSupported(): boolean {
    const md = navigator.mediaDevices;
    if (!md || typeof md.getUserMedia !== 'function') return false;
    const sc = md.getSupportedConstraints() as Record<string, boolean>;
    return sc.torch === true;
  }

  get on(): boolean {
    return this.lit;
  }

  /** Asks for the rear camera (needs a user gesture and permission). */
  async enable(): Promise<boolean> {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      const track = stream.getVideoTracks()[0];
      const caps = (track?.getCapabilities?.() ?? {}) as Record<string, unknown>;
      if (!track || caps.torch !== true) {
        track?.stop();
        this.available = false;
        return false;
      }
      this.track = track;
      this.available = true;
      this.enabled = true;
      return true;
    } catch {
      this.available = false;
      return false;
    }
  }

  disable(): void {
    this.enabled = false;
    void this.set(false);
    this.track?.stop();
    this.track = null;
  }

  /** Follows the show: on for a bright colour, off for a dark one (only on changes). */
  follow(r: number, g: number, b: number): void {
    if (!this.enabled) return;
    const bright = 0.2126 * r + 0.7152 * g + 0.0722 * b >= 128;
    if (bright !== this.lit) void this.set(bright);
  }

  private async set(on: boolean): Promise<void> {
    this.lit = on;
    const t = this.track;
    if (!t) return;
    try {
      await t.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
    } catch {
      // the camera went away
    }
  }
}

export interface BatteryInfo {
  percent: number | null;
  charging: boolean;
}

/** Keeps the battery figures current where the browser reports them. */
export function watchBattery(into: BatteryInfo): void {
  const nav = navigator as unknown as { getBattery?: () => Promise<{ level: number; charging: boolean; addEventListener(t: string, f: () => void): void }> };
  if (typeof nav.getBattery !== 'function') return;
  nav.getBattery().then(
    (b) => {
      const update = () => {
        into.percent = Math.round(b.level * 100);
        into.charging = b.charging;
      };
      update();
      b.addEventListener('levelchange', update);
      b.addEventListener('chargingchange', update);
    },
    () => {},
  );
}
