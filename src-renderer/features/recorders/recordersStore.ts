import { byId, createListStore, inOrderOf } from '../../client/stores';

export const recordersStore = createListStore({
  load: 'recorders.list',
  events: ['recorders.changed'],
  keyOf: byId,
  order: inOrderOf((r) => r.name),
});
