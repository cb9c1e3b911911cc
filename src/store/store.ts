import { Database } from 'bun:sqlite';
import { mkdirSync, accessSync, constants as fsConstants } from 'node:fs';
import { join } from 'node:path';

/**
 * Persistence for the embedded default: one SQLite file (`crowdlight.db`) under the data
 * directory, in WAL mode, held by one process at a time. Shows and venues are kept as their JSON documents; the controller
 * keeps its live state (epoch, transport, live cues, loaded show) as one JSON value, written
 * on every change, so a restarted server resumes where it was.
 */
export class StoreError extends Error {
  constructor(
    readonly code: 'data-dir' | 'database' | 'in-use',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export interface StoredShow {
  id: string;
  /** Number used on the wire (`showId`): stable for the id's lifetime in this store. */
  num: number;
  /** Bumped on every save of the document (`showVersion` on the wire). */
  version: number;
  doc: string;
}

export interface StoredVenue {
  id: string;
  doc: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS shows (num INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL, doc TEXT NOT NULL, updated_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS venues (id TEXT PRIMARY KEY, doc TEXT NOT NULL, updated_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

/** Checks that `dir` exists (creating it) and is readable and writable; throws StoreError. */
function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, fsConstants.R_OK | fsConstants.W_OK | fsConstants.X_OK);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new StoreError('data-dir', `data directory ${dir} is not usable (${why}); choose another with --data-dir`);
  }
}

export class Store {
  readonly path: string;
  private readonly db: Database;

  constructor(dataDir: string) {
    prepareDataDir(dataDir);
    this.path = join(dataDir, 'crowdlight.db');
    try {
      this.db = new Database(this.path, { create: true, strict: true });
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new StoreError('database', `cannot open ${this.path}: ${why}`);
    }
    try {
      // One process per data directory: the connection takes the database's write lock now and
      // keeps it until close (exclusive locking mode), so a second server on the same directory
      // fails at start instead of both overwriting each other's live state.
      this.db.exec('PRAGMA busy_timeout = 250; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      this.db.exec(SCHEMA);
      this.db.exec('BEGIN EXCLUSIVE; COMMIT;');
    } catch (err) {
      this.db.close();
      const why = err instanceof Error ? err.message : String(err);
      if (/locked|busy/i.test(why)) {
        throw new StoreError('in-use', `data directory ${dataDir} is in use by another crowdlight process; stop it or choose another with --data-dir`);
      }
      throw new StoreError('database', `cannot open ${this.path}: ${why}`);
    }
  }

  /** True when any show is stored (no document is read). */
  hasShows(): boolean {
    return this.db.query('SELECT 1 FROM shows LIMIT 1').get() != null;
  }

  /** True when any venue is stored (no document is read). */
  hasVenues(): boolean {
    return this.db.query('SELECT 1 FROM venues LIMIT 1').get() != null;
  }

  listShows(): StoredShow[] {
    return this.db.query('SELECT id, num, version, doc FROM shows ORDER BY num').all() as StoredShow[];
  }

  getShow(id: string): StoredShow | null {
    return (this.db.query('SELECT id, num, version, doc FROM shows WHERE id = ?').get(id) as StoredShow | null) ?? null;
  }

  /** Inserts or replaces a show document; returns its stored row (version bumped on replace). */
  putShow(id: string, doc: string): StoredShow {
    const now = Date.now();
    this.db
      .query(
        `INSERT INTO shows (id, version, doc, updated_ms) VALUES (?1, 1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET version = version + 1, doc = excluded.doc, updated_ms = excluded.updated_ms`,
      )
      .run(id, doc, now);
    return this.getShow(id)!;
  }

  listVenues(): StoredVenue[] {
    return this.db.query('SELECT id, doc FROM venues ORDER BY id').all() as StoredVenue[];
  }

  getVenue(id: string): StoredVenue | null {
    return (this.db.query('SELECT id, doc FROM venues WHERE id = ?').get(id) as StoredVenue | null) ?? null;
  }

  putVenue(id: string, doc: string): void {
    this.db
      .query('INSERT INTO venues (id, doc, updated_ms) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, updated_ms = excluded.updated_ms')
      .run(id, doc, Date.now());
  }

  getValue(key: string): string | null {
    const row = this.db.query('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | null;
    return row?.value ?? null;
  }

  setValue(key: string, value: string): void {
    this.db.query('INSERT INTO kv (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  close(): void {
    this.db.close();
  }
}
