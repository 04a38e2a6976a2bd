import initial from './001_initial.sql?raw';
import recorderFiles from './002_recorder_files.sql?raw';
import jobs from './003_jobs.sql?raw';
import videos from './004_videos.sql?raw';
import bbb from './005_bbb.sql?raw';
import pod from './006_pod.sql?raw';
import migration from './007_migration.sql?raw';
import podMeetings from './008_pod_meetings.sql?raw';
import webinar from './009_webinar.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered, append-only. `PRAGMA user_version` holds the last one applied; a migration is never
 * edited once released, a new one is added instead.
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'recorder_files', sql: recorderFiles },
  { version: 3, name: 'jobs', sql: jobs },
  { version: 4, name: 'videos', sql: videos },
  { version: 5, name: 'bbb', sql: bbb },
  { version: 6, name: 'pod', sql: pod },
  { version: 7, name: 'migration', sql: migration },
  { version: 8, name: 'pod_meetings', sql: podMeetings },
  { version: 9, name: 'webinar', sql: webinar },
];

export const latestVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);
