import { createLiveStore } from '../../client/liveStore';

export const settingsStore = createLiveStore({
  load: 'settings.list',
  event: 'settings.changed',
  apply: (list, { setting }) => list?.map((s) => (s.key === setting.key ? setting : s)),
});
