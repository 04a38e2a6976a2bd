import { byId, createListStore, inOrderOf } from '../../client/stores';

/** The live gateways (Pod's "Passerelles de live"), by name as `gateways.list` orders them. */
export const gatewaysStore = createListStore({
  load: 'gateways.list',
  events: ['gateways.changed'],
  keyOf: byId,
  order: inOrderOf((g) => g.name),
});

/** The webinars by start time: the list and the week read the same order. */
export const webinarsStore = createListStore({
  load: 'webinars.list',
  events: ['webinars.changed'],
  keyOf: byId,
  order: inOrderOf((w) => w.startAt),
});
