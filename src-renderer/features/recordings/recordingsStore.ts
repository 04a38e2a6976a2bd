import { byId, createListStore, newestIdFirst } from '../../client/stores';

export const recordingsStore = createListStore({
  load: 'recordings.list',
  events: ['recordings.changed'],
  keyOf: byId,
  order: newestIdFirst,
});
