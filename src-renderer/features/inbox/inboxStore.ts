import { byId, createListStore, newestIdFirst } from '../../client/stores';

/**
 * A first scan of a large drop tree pushes one change per file (10,000 files, 10,000 pushes):
 * they are gathered for 200 ms and applied in one pass, one render per batch.
 */
export const inboxStore = createListStore({
  load: 'inbox.list',
  events: ['inbox.changed'],
  keyOf: byId,
  order: newestIdFirst,
  batchMs: 200,
});

export const unknownFoldersStore = createListStore({
  load: 'unknownFolders.list',
  events: ['unknownFolders.changed'],
  keyOf: (f) => `${f.origin}:${f.folder}`,
});
