import { createListStore } from '../../client/stores';

/** Settings keep the order of the list (their definitions); a push replaces one in place. */
export const settingsStore = createListStore({
  load: 'settings.list',
  events: ['settings.changed'],
  keyOf: (s) => s.key,
});
