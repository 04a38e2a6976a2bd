import type { BbbMeetingView, BbbRecordingView } from '../../../src-preload/contract';
import { call, subscribe } from '../../client/client';
import { createLiveStore } from '../../client/liveStore';

const merge = <T extends { id: number }>(list: T[] | undefined, changed: T[]): T[] => {
  const byId = new Map((list ?? []).map((x) => [x.id, x]));
  for (const item of changed) byId.set(item.id, item);
  return [...byId.values()];
};

export const bbbServersStore = createLiveStore({
  load: 'bbbServers.list',
  event: 'bbbServers.changed',
  apply: (_list, { servers }) => servers,
});

export const bbbMeetingsStore = createLiveStore({
  load: 'bbbMeetings.list',
  event: 'bbbMeetings.changed',
  apply: (list, { meetings }) => merge<BbbMeetingView>(list, meetings),
});

export const bbbRecordingsStore = createLiveStore({
  load: 'bbbRecordings.list',
  event: 'bbbRecordings.changed',
  apply: (list, { recordings }) => merge<BbbRecordingView>(list, recordings),
});

export const bbbMatchesStore = createLiveStore({
  load: 'bbbMatches.list',
  event: 'bbbMatches.changed',
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
  subscribe('bbbRecordings.changed', ({ recordings }) => {
    if (recordings.length > 0) return;
    void call('bbbRecordings.list', {}).then((data) => bbbRecordingsStore.use.setState({ data }));
  });
  subscribe('bbbMatches.changed', () => {
    void call('bbbMatches.list', {}).then((data) => bbbMatchesStore.use.setState({ data }));
  });
}
