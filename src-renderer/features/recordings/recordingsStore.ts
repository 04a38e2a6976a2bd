import { createLiveStore } from '../../client/liveStore';

export const recordingsStore = createLiveStore({
  load: 'recordings.list',
  event: 'recordings.changed',
  apply: (list, { recording }) => {
    if (!list) return [recording];
    const rest = list.filter((r) => r.id !== recording.id);
    return [recording, ...rest].sort((a, b) => b.id - a.id);
  },
});
