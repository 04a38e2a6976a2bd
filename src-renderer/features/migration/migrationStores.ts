import { byId, createListStore, newestIdFirst } from '../../client/stores';

/** Every migration run, newest first, kept current by `migration.changed` (one push per change). */
export const migrationRunsStore = createListStore({
  load: 'migration.runs',
  events: ['migration.changed'],
  keyOf: byId,
  order: newestIdFirst,
  // A run of thousands of lines pushes once per line: one render for a quarter second of them.
  batchMs: 250,
});
