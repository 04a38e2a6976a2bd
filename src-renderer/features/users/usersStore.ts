import { byId, createListStore, createLiveStore, inOrderOf } from '../../client/stores';

export const usersStore = createListStore({
  load: 'users.list',
  events: ['users.changed'],
  keyOf: byId,
  order: inOrderOf((u) => u.username),
});

/** The one operator (not a collection): the latest push wins. */
export const appInfoStore = createLiveStore({
  load: 'app.describe',
  events: ['operator.changed'],
  applyMany: (info, operators) => {
    const operator = operators.at(-1);
    return info && operator ? { ...info, operator } : info;
  },
});
