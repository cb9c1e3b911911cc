export { Store, StoreError, type StoredShow, type StoredVenue } from './store.ts';
