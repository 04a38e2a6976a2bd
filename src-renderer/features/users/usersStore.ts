import { createLiveStore } from '../../client/liveStore';

export const usersStore = createLiveStore({
  load: 'users.list',
  event: 'users.changed',
  apply: (_, { users }) => users,
});

export const appInfoStore = createLiveStore({
  load: 'app.describe',
  event: 'operator.changed',
  apply: (info, operator) => info && { ...info, operator },
});
