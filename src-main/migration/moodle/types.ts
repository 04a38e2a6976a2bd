import type {
  Bilingual,
  MoodleConnectionView,
  MoodleKind,
  MoodleTestResult,
} from '../../../src-preload/contract';

export type { MoodleConnectionView, MoodleKind, MoodleTestResult };

// The Moodle side of the migration wizard (issue #12 part 4): what a connection is, what a
// recording lookup returns. Pod's equivalent is DB_PARAMS and the SQL of
// ../shared/reference/pod-behaviour.md §3.2 and §3.8.

/** What the client needs to connect: the view without its bookkeeping. */
export type MoodleConnection = Pick<
  MoodleConnectionView,
  | 'name'
  | 'kind'
  | 'host'
  | 'port'
  | 'databaseName'
  | 'username'
  | 'tablePrefix'
  | 'schemaName'
  | 'canWriteNotice'
>;

export interface MoodleUser {
  id: number;
  username: string;
  firstname: string;
  lastname: string;
  email: string;
  /** Moodle keeps deleted users' rows (`deleted = 1`, username rewritten): the caller decides. */
  isDeleted: boolean;
}

/** One item of `bigbluebuttonbn.participants`, kept as Moodle wrote it. */
export interface MoodleParticipant {
  selectiontype: string;
  selectionid: string;
  role: string;
}

export interface MoodleActivity {
  /** `bigbluebuttonbn.id`: the activity whose intro receives the notice. */
  activityId: number;
  course: number;
  name: string;
  intro: string;
  /** Every `user` moderator found in `user`, in the order of the participants list. */
  moderators: MoodleUser[];
  /**
   * Moderator entries that are not single users (a role, a group, "all"): Pod drops them
   * silently (§3.8); listed here so the plan can say why nobody was found.
   */
  roleParticipants: MoodleParticipant[];
  /** Participants that are not JSON, user ids missing from `user`…: said, not fatal. */
  warnings: Bilingual[];
}
