/**
 * Keeps the announced show package loaded: a new `showAnnounce` starts a fetch (abandoning
 * one for an older announce), a repeat of the same hash costs nothing (every reconnect
 * repeats it), and a failed load is retried as long as that announce stands: after 2-5 s,
 * then twice as long after each further failure up to about a minute, and never sooner
 * than an HTTP Retry-After. A package that fails for good (a bad hash, a broken document,
 * a server refusing the crowd) must not turn 100,000 phones into a download loop every few
 * seconds. The loaded package stays until another one replaces it, across reconnects.
 */
import type { ShowAnnounceMessage } from '../../core/protocol/index.ts';
import { Backoff } from './backoff.ts';
import { PackageError, loadPackage, type LoadedPackage } from './package-loader.ts';

/** Largest retry step before jitter, ms (each delay is the step × [1, 2.5]). */
const MAX_RETRY_STEP_MS = 30_000;
/** The step × [1, 2.5] as Backoff's jitter: the centre 1.75 × the step, ± 0.75 / 1.75. */
const RETRY_CENTRE = 1.75;
const RETRY_JITTER = 0.75 / RETRY_CENTRE;

export interface PreloaderEvents {
  loaded(pkg: LoadedPackage): void;
  /** Progress, failures, start of a load: anything the UI shows. */
  changed(): void;
}

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class ShowPreloader {
  announce: ShowAnnounceMessage | null = null;
  /** Loaded, verified package (of this or an earlier announce). */
  pkg: LoadedPackage | null = null;
  /** Bytes loaded / total of the package being fetched (total 0 = unknown). */
  readonly progress = { loaded: 0, total: 0, loading: false };
  lastError = '';
  private abort: AbortController | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** Retry waits of the current announce (reset by a new announce or a load). */
  private readonly backoff: Backoff;

  constructor(
    private readonly pageUrl: string,
    random: () => number,
    private readonly events: PreloaderEvents,
    /** First retry step, ms (the first retry waits 1 to 2.5 times this). */
    retryBaseMs = 2000,
    /** Fetches and prepares a package; the load simulator shares one load among its
     *  simulated phones. */
    private readonly load: typeof loadPackage = loadPackage,
  ) {
    this.backoff = new Backoff(random, { baseMs: retryBaseMs * RETRY_CENTRE, maxMs: MAX_RETRY_STEP_MS * RETRY_CENTRE, jitter: RETRY_JITTER });
  }

  /** True when the loaded package is the announced one. */
  get ready(): boolean {
    return this.pkg !== null && this.announce !== null && sameHash(this.pkg.contentHash, this.announce.contentHash);
  }

  /** Handles an announce. */
  onAnnounce(m: ShowAnnounceMessage): void {
    const same = this.announce !== null && sameHash(this.announce.contentHash, m.contentHash);
    this.announce = m;
    if (this.pkg !== null && sameHash(this.pkg.contentHash, m.contentHash)) return;
    // A repeat (every reconnect) neither restarts a load nor cuts a retry wait short.
    if (same && (this.progress.loading || this.retry !== null)) return;
    if (!same) this.backoff.reset();
    this.start(m);
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    // A load that ignores the signal (a shared one) still settles: its result is not taken,
    // and a failure arms no retry.
    this.abort = null;
    this.progress.loading = false;
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
  }

  private start(m: ShowAnnounceMessage): void {
    if (this.stopped) return;
    this.abort?.abort();
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
    const abort = new AbortController();
    this.abort = abort;
    this.progress.loaded = 0;
    this.progress.total = m.packageBytes;
    this.progress.loading = true;
    this.events.changed();
    const onProgress = (loaded: number, total: number) => {
      this.progress.loaded = loaded;
      this.progress.total = total;
      this.events.changed();
    };
    this.load(m, this.pageUrl, onProgress, abort.signal).then(
      (pkg) => {
        if (this.abort !== abort) return;
        this.abort = null;
        this.progress.loading = false;
        this.backoff.reset();
        this.pkg = pkg;
        this.events.loaded(pkg);
      },
      (err: Error) => {
        if (this.abort !== abort) return;
        this.abort = null;
        this.progress.loading = false;
        this.lastError = err.message;
        this.events.changed();
        // A stadium's network can fail a fetch: try again while this announce stands.
        const after = err instanceof PackageError ? err.retryAfterMs : 0;
        this.retry = setTimeout(() => {
          this.retry = null;
          if (sameHash(this.announce?.contentHash ?? new Uint8Array(0), m.contentHash) && !this.ready) this.start(this.announce!);
        }, Math.max(after, this.backoff.next()));
      },
    );
  }
}
