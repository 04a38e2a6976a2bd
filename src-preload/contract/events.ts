import type {
  Job,
  JournalEntry,
  OperatorView,
  RecorderView,
  RecorderFile,
  Recording,
  SettingView,
  SftpSourceView,
  UnknownFolder,
  User,
  Video,
} from './entities';
import type { PodStatusView } from './pod';
import type { MigrationRunView } from './migration';
import type { LiveGatewayView, WebinarChatMessage, WebinarView } from './webinar';
import type { BbbMatchCase, BbbMeetingView, BbbRecordingView, BbbServerView } from './bbb';

/**
 * What every `<domain>.changed` push carries, one rule for all of them: the entities the change
 * created or updated (`items`, whole entities, never a patch) and the ids of those it removed
 * (`removedIds`). `isComplete` says `items` is the whole collection, so anything not in it is gone
 * (a queue recomputed at once, a mirror too large to send item by item is then reloaded with
 * one call). A store applies a batch of these with one helper (`applyChanges` in the renderer's
 * liveStore); the ids are the entity's `id`, or its `key` for settings.
 */
export interface Changed<T, K extends number | string = number> {
  items: T[];
  removedIds?: K[];
  isComplete?: boolean;
}

/**
 * Every push from the main side, named `domain.pastEvent`. A store reloads or patches itself
 * from these; nothing in the renderer edits its state as if it were the truth (STYLE.md).
 * Besides the `.changed` ones above: `operator.changed` (the one operator, not a collection),
 * `journal.appended` (an append-only log) and `jobs.progressed` (a running job's figures, at
 * most 4 times a second per job, kept apart from `jobs.changed`, its status changes).
 */
export interface Events {
  'users.changed': Changed<User>;
  'recorders.changed': Changed<RecorderView>;
  'settings.changed': Changed<SettingView, string>;
  'operator.changed': OperatorView;
  'journal.appended': JournalEntry;
  'inbox.changed': Changed<RecorderFile>;
  /** Keyed by `origin:folder`; `isComplete`, the list is short. */
  'unknownFolders.changed': Changed<UnknownFolder, string>;
  'recordings.changed': Changed<Recording>;
  'sftp.changed': Changed<SftpSourceView>;
  'jobs.changed': Changed<Job>;
  'jobs.progressed': Changed<Job>;
  'videos.changed': Changed<Video>;
  'bbbServers.changed': Changed<BbbServerView>;
  'bbbMeetings.changed': Changed<BbbMeetingView>;
  'bbbRecordings.changed': Changed<BbbRecordingView>;
  /** The open matching cases, keyed by `identity`; `isComplete`, the queue is recomputed. */
  'bbbMatches.changed': Changed<BbbMatchCase, string>;
  /** Settings → Pod: a test or a mirror ended, or one started (one status, not a collection). */
  'pod.changed': PodStatusView;
  'migration.changed': Changed<MigrationRunView>;
  'gateways.changed': Changed<LiveGatewayView>;
  'webinars.changed': Changed<WebinarView>;
  /** A listener message sent (or refused) for a webinar. */
  'webinars.chatted': WebinarChatMessage;
}

export type EventName = keyof Events;

/** Runtime list, checked against `Events` so that adding one without the other fails to build. */
const eventRecord: Record<EventName, true> = {
  'users.changed': true,
  'recorders.changed': true,
  'settings.changed': true,
  'operator.changed': true,
  'journal.appended': true,
  'inbox.changed': true,
  'unknownFolders.changed': true,
  'recordings.changed': true,
  'sftp.changed': true,
  'jobs.changed': true,
  'jobs.progressed': true,
  'videos.changed': true,
  'bbbServers.changed': true,
  'bbbMeetings.changed': true,
  'bbbRecordings.changed': true,
  'bbbMatches.changed': true,
  'pod.changed': true,
  'migration.changed': true,
  'gateways.changed': true,
  'webinars.changed': true,
  'webinars.chatted': true,
};
export const eventNames = Object.keys(eventRecord) as EventName[];
