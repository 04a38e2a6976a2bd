import type { BbbMeetingView, BbbRecordingView } from '../../../src-preload/contract';
import { call, subscribe } from '../../client/client';
import { createLiveStore } from '../../client/liveStore';

const merge = <T extends { id: number }>(list: T[] | undefined, changed: T[]): T[] => {
  const byId = new Map((list ?? []).map((x) => [x.id, x]));
  for (const item of changed) byId.set(item.id, item);
  return [...byId.values()];
};

export const bbbServersStore = createLiveStore({
  load: 'bbb.servers',
  event: 'bbb.serversChanged',
  apply: (_list, { servers }) => servers,
});

export const bbbMeetingsStore = createLiveStore({
  load: 'bbb.meetings',
  event: 'bbb.meetingsChanged',
  apply: (list, { meetings }) => merge<BbbMeetingView>(list, meetings),
});

export const bbbRecordingsStore = createLiveStore({
  load: 'bbb.recordings',
  event: 'bbb.recordingsChanged',
  apply: (list, { recordings }) => merge<BbbRecordingView>(list, recordings),
});

export const bbbMatchesStore = createLiveStore({
  load: 'bbb.matches',
  event: 'bbb.matchesChanged',
  apply: (list) => list,
});

let isReloading = false;
/**
 * Two pushes mean "reload": a large mirror announces itself with an empty list, and the matching
 * queue only says that it changed.
 */
export function startBbbReloads(): void {
  if (isReloading) return;
  isReloading = true;
  subscribe('bbb.recordingsChanged', ({ recordings }) => {
    if (recordings.length > 0) return;
    void call('bbb.recordings', {}).then((data) => bbbRecordingsStore.use.setState({ data }));
  });
  subscribe('bbb.matchesChanged', () => {
    void call('bbb.matches', {}).then((data) => bbbMatchesStore.use.setState({ data }));
  });
}
