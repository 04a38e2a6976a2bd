import { createLiveStore } from '../../client/liveStore';

export const recordersStore = createLiveStore({
  load: 'recorders.list',
  event: 'recorders.changed',
  apply: (_, { recorders }) => recorders,
});
