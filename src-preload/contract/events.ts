import type { JournalEntry, OperatorView, Recorder, SettingView, User } from './entities';

/**
 * Every push from the main side, named `domain.pastEvent`. A store reloads or patches itself
 * from these; nothing in the renderer edits its state as if it were the truth (STYLE.md).
 */
export interface Events {
  'users.changed': { users: User[] };
  'recorders.changed': { recorders: Recorder[] };
  'settings.changed': { setting: SettingView };
  'operator.changed': OperatorView;
  'journal.appended': JournalEntry;
}

export type EventName = keyof Events;

/** Runtime list, checked against `Events` so that adding one without the other fails to build. */
const eventRecord: Record<EventName, true> = {
  'users.changed': true,
  'recorders.changed': true,
  'settings.changed': true,
  'operator.changed': true,
  'journal.appended': true,
};
export const eventNames = Object.keys(eventRecord) as EventName[];
