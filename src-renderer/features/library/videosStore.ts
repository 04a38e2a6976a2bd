import { byId, createListStore, newestIdFirst } from '../../client/stores';

export const videosStore = createListStore({
  load: 'videos.list',
  events: ['videos.changed'],
  keyOf: byId,
  order: newestIdFirst,
});
