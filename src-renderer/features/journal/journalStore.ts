import { createLiveStore } from '../../client/stores';

/** The newest entries; older pages are fetched by the panel on demand. */
export const journalStore = createLiveStore({
  load: 'journal.list',
  events: ['journal.appended'],
  applyMany: (entries, appended) => [...appended.reverse(), ...(entries ?? [])],
});
