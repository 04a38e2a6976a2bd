import { byId, createListStore, inOrderOf } from '../../client/stores';

export const bbbServersStore = createListStore({
  load: 'bbbServers.list',
  events: ['bbbServers.changed'],
  keyOf: byId,
  order: inOrderOf((s) => s.name),
});

export const bbbMeetingsStore = createListStore({
  load: 'bbbMeetings.list',
  events: ['bbbMeetings.changed'],
  keyOf: byId,
});

/** A large mirror arrives as the whole list (`isComplete`): no separate reload needed. */
export const bbbRecordingsStore = createListStore({
  load: 'bbbRecordings.list',
  events: ['bbbRecordings.changed'],
  keyOf: byId,
});

export const bbbMatchesStore = createListStore({
  load: 'bbbMatches.list',
  events: ['bbbMatches.changed'],
  keyOf: (c) => c.identity,
});
