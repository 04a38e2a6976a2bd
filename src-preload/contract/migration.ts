import type { Bilingual } from './entities';

/**
 * The migration wizard's shapes (issue #12): an old BBB/Scalelite server's recordings moved to
 * their owners, as Pod's `migrate_bbb_recordings` does (reference/pod-behaviour.md §3), planned
 * first, then run as jobs, resumable.
 */

export const migrationModes = ['manual_claim', 'import_video', 'export_csv'] as const;
export type MigrationMode = (typeof migrationModes)[number];

export interface MigrationOptions {
  serverId: number;
  mode: MigrationMode;
  /** manual claim: the recorder whose drop folder receives the files. */
  recorderId?: number;
  /** import video: the owner of recordings nobody else is found for (Pod's SCRIPT_ADMIN_ID). */
  admin?: string;
  /** import video: Régie's external recordings only, or Pod's too (written in Pod's database). */
  target?: 'regie' | 'pod-db';
  /** export CSV: the file written (in dry runs too, as Pod does). */
  csvPath?: string;
  /** Look the moderators up in Moodle's database (Pod's --use-database-moodle). */
  useMoodle?: boolean;
  /** Positions in the list, newest first, 1-based, inclusive (Pod's --min/--max-value-record-process). */
  min?: number;
  max?: number;
  /** Start dates, inclusive, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  /** `bbb-origin-server-name`. */
  originServer?: string;
  /** BBB states kept (published, unpublished…); all when absent. */
  states?: string[];
  /** Plan only: nothing downloaded, converted or written but the CSV. */
  dry?: boolean;
}

/** `download` the video playback, `convert` the presentation, create an `external` recording,
 *  write a `csv` row, or `skip` it (the reason says why). */
export type MigrationAction = 'download' | 'convert' | 'external' | 'csv' | 'skip';
export type MigrationItemState = 'planned' | 'running' | 'done' | 'skipped' | 'failed';
export type MigrationRunStatus = 'planned' | 'running' | 'done' | 'failed' | 'cancelled';

export interface MigrationItemView {
  id: number;
  runId: number;
  position: number;
  recordId: string;
  name: string;
  startMs: number;
  action: MigrationAction;
  /** Usernames, with where they came from in `reason`. */
  owners: string[];
  /** The file written, or the playback URL recorded. */
  target: string | null;
  reason: Bilingual;
  state: MigrationItemState;
  error: Bilingual | null;
}

export interface MigrationRunView {
  id: number;
  serverId: number;
  serverName: string;
  mode: MigrationMode;
  options: MigrationOptions;
  isDry: boolean;
  status: MigrationRunStatus;
  csvPath: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Items by action and by state; `total` is every planned line. */
  byAction: Partial<Record<MigrationAction, number>>;
  byState: Partial<Record<MigrationItemState, number>>;
  total: number;
}

/** Pod's "Mes vidéos externes", in Régie: one per (playback URL, owner). */
export interface ExternalRecordingView {
  id: number;
  serverId: number | null;
  recordId: string;
  name: string;
  startAt: string;
  ownerId: number;
  ownerUsername: string;
  type: string;
  sourceUrl: string;
  state: 'none' | 'queued' | 'converting' | 'published' | 'failed';
  videoId: number | null;
  error: Bilingual | null;
}

export type MoodleKind = 'mysql' | 'postgres';

/** A connection as shown to the operator: never the password, only whether one is stored. */
export interface MoodleConnectionView {
  id: number;
  /** A `bbb-origin-server-name` (the Moodle's host name as BBB received it) or `default`. */
  name: string;
  kind: MoodleKind;
  host: string;
  port: number;
  databaseName: string;
  username: string;
  hasPassword: boolean;
  /** Put into the SQL text (table names cannot be bound): validated to [a-z0-9_]. */
  tablePrefix: string;
  /** PostgreSQL only. */
  schemaName: string;
  /** Read-only unless on: then the notice may be written into bigbluebuttonbn.intro. */
  canWriteNotice: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface MoodleTestResult {
  ok: boolean;
  serverVersion: string | null;
  tables: { name: string; present: boolean }[];
  /** Why the test failed (connection refused, wrong password, tables missing). */
  error: Bilingual | null;
}

/** What Régie holds of a server's recordings (the listing a migration plans from). */
export interface MigrationSnapshot {
  serverId: number;
  count: number;
  /** When the mirror last read the server's list; null: never. */
  refreshedAt: string | null;
  oldestMs: number | null;
  newestMs: number | null;
  /** BBB states with their counts. */
  states: { state: string; count: number }[];
  /** `bbb-origin-server-name` values with their counts ('' for none). */
  originServers: { name: string; count: number }[];
}
