import type {
  Job,
  JournalEntry,
  OperatorView,
  Recorder,
  RecorderFile,
  Recording,
  SettingView,
  SftpSourceView,
  UnknownFolder,
  User,
  Video,
} from './entities';
import type { BbbMeetingView, BbbRecordingView, BbbServerView } from './bbb';

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
  /** One file's new state (created or changed); the Inbox patches itself with it. */
  'inbox.changed': { file: RecorderFile };
  'unknownFolders.changed': { folders: UnknownFolder[] };
  'recordings.changed': { recording: Recording };
  'sftp.changed': { sources: SftpSourceView[] };
  /** A job's state or progress (progress at most 4 times a second per job). */
  'jobs.changed': { job: Job };
  'videos.changed': { video: Video };
  'bbbServers.changed': { servers: BbbServerView[] };
  /** Meetings a poll created or changed (running or just ended); the panel patches its list. */
  'bbbMeetings.changed': { meetings: BbbMeetingView[] };
  'bbbRecordings.changed': { recordings: BbbRecordingView[] };
  /** The matching queue changed: reload it. */
  'bbbMatches.changed': { open: number };
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
  'videos.changed': true,
  'bbbServers.changed': true,
  'bbbMeetings.changed': true,
  'bbbRecordings.changed': true,
  'bbbMatches.changed': true,
};
export const eventNames = Object.keys(eventRecord) as EventName[];
