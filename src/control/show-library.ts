import { checkShowAgainstVenue, parseShow, ShowValidationError, validateShow, type Show } from '../core/show/index.ts';
import { buildVenue, parseVenueSpec, VenueValidationError, type Venue } from '../core/venue/index.ts';
import type { Store } from '../store/index.ts';
import { ControlError } from './errors.ts';
import { LOADED_KEY, type LoadedSnapshot } from './persisted-state.ts';
import { buildShowPackage, type ShowPackage } from './show-package.ts';

/**
 * The stored shows and venues: validation on the way in (every refused document leaves the
 * store as it was) and, for a show about to be loaded, everything the controller and phones
 * need (the laid-out venue and the show package).
 */
export interface LoadedShow {
  id: string;
  num: number;
  version: number;
  show: Show;
  venue: Venue;
  pkg: ShowPackage;
  docs: LoadedSnapshot;
}

export class ShowLibrary {
  constructor(private readonly store: Store) {}

  putVenue(id: string, json: unknown): { id: string } {
    let spec;
    try {
      spec = parseVenueSpec(json);
    } catch (err) {
      if (err instanceof VenueValidationError) throw new ControlError('invalid-venue', err.message, [...err.errors]);
      throw err;
    }
    if (spec.id !== id) throw new ControlError('invalid-venue', `venue id "${spec.id}" does not match the URL ("${id}")`, [{ path: 'id', message: `must be "${id}"` }]);
    this.store.putVenue(id, JSON.stringify(spec));
    return { id };
  }

  putShow(id: string, json: unknown): { id: string; version: number; warnings: { path: string; message: string }[] } {
    const show = this.parse(json);
    if (show.id !== id) throw new ControlError('invalid-show', `show id "${show.id}" does not match the URL ("${id}")`, [{ path: 'id', message: `must be "${id}"` }]);
    const venueDoc = this.store.getVenue(show.venue);
    if (!venueDoc) throw new ControlError('conflict', `venue "${show.venue}" is not stored; PUT /api/venues/${show.venue} first`);
    const issues = checkShowAgainstVenue(show, buildVenue(JSON.parse(venueDoc.doc)));
    if (issues.length > 0) throw new ControlError('invalid-show', `show does not fit venue "${show.venue}"`, issues);
    const row = this.store.putShow(id, JSON.stringify(show));
    return { id, version: row.version, warnings: validateShow(show).warnings };
  }

  listShows(): { id: string; name: string; venue: string; durationMs: number; version: number }[] {
    return this.store.listShows().map((r) => {
      const s = JSON.parse(r.doc) as Show;
      return { id: r.id, name: s.name, venue: s.venue, durationMs: s.durationMs, version: r.version };
    });
  }

  getShow(id: string): Show | null {
    const row = this.store.getShow(id);
    return row ? (JSON.parse(row.doc) as Show) : null;
  }

  listVenues(): { id: string; name: string; seats: number }[] {
    return this.store.listVenues().map((r) => {
      const v = buildVenue(JSON.parse(r.doc));
      return { id: r.id, name: v.name, seats: v.seatCount };
    });
  }

  private parse(json: unknown): Show {
    try {
      return parseShow(json);
    } catch (err) {
      if (err instanceof ShowValidationError) throw new ControlError('invalid-show', err.message, [...err.errors]);
      throw err;
    }
  }

  prepare(id: string): LoadedShow {
    const row = this.store.getShow(id);
    if (!row) throw new ControlError('not-found', `no show "${id}"`);
    const show = JSON.parse(row.doc) as Show;
    const venueRow = this.store.getVenue(show.venue);
    if (!venueRow) throw new ControlError('conflict', `venue "${show.venue}" of show "${id}" is not stored`);
    return this.fromDocs({ id, num: row.num, version: row.version, showDoc: row.doc, venueDoc: venueRow.doc }, show);
  }

  /** `show` is the parsed `snap.showDoc` when the caller has parsed it already. */
  private fromDocs(snap: LoadedSnapshot, show = JSON.parse(snap.showDoc) as Show): LoadedShow {
    const spec = JSON.parse(snap.venueDoc);
    const venue = buildVenue(spec);
    return { id: snap.id, num: snap.num, version: snap.version, show, venue, pkg: buildShowPackage(show, spec), docs: snap };
  }

  /** The show that was loaded, from its snapshot (falling back to the store for a state saved
   *  before snapshots existed). */
  restoreLoaded(id: string): LoadedShow {
    const raw = this.store.getValue(LOADED_KEY);
    if (raw) {
      const snap = JSON.parse(raw) as LoadedSnapshot;
      if (snap.id === id && typeof snap.showDoc === 'string' && typeof snap.venueDoc === 'string') return this.fromDocs(snap);
    }
    return this.prepare(id);
  }
}
