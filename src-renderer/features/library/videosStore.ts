import { createLiveStore } from '../../client/liveStore';

export const videosStore = createLiveStore({
  load: 'videos.list',
  event: 'videos.changed',
  apply: (list, { video }) => [video, ...(list ?? []).filter((v) => v.id !== video.id)],
});
