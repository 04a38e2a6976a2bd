import { byId, createListStore, newestIdFirst } from '../../client/liveStore';

export const videosStore = createListStore({
  load: 'videos.list',
  events: ['videos.changed'],
  keyOf: byId,
  order: newestIdFirst,
});
