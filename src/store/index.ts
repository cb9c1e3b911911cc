export { Store, StoreError, prepareDataDir, type StoredShow, type StoredVenue } from './store.ts';
