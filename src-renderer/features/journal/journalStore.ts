import { createLiveStore } from '../../client/liveStore';

/** The newest entries; older pages are fetched by the panel on demand. */
export const journalStore = createLiveStore({
  load: 'journal.list',
  event: 'journal.appended',
  apply: (entries, entry) => (entries ? [entry, ...entries] : [entry]),
});
