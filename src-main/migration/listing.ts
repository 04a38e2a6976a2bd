import type { BbbFormatView, MigrationSnapshot } from '../../src-preload/contract';
import type { Db } from '../db/open';

/** A recording of the server's snapshot, as the plan needs it. */
export interface ListedRecording {
  /** 1-based, newest first by start time then record id: the same on every run. */
  position: number;
  bbbRecordingId: number;
  recordId: string;
  meetingId: string;
  internalMeetingId: string;
  name: string;
  state: string;
  startMs: number;
  metadata: Record<string, string>;
  formats: BbbFormatView[];
  /** The owner a BBB publication chose, then the Régie users seen moderating the meeting. */
  knownOwners: string[];
  /** The Pod user who created the meeting (Pod's meeting app, mirrored): "made with Pod". */
  podOwner: string | null;
}

interface Row {
  id: number;
  record_id: string;
  meeting_id: string;
  internal_meeting_id: string;
  name: string;
  state: string;
  start_ms: number;
  metadata_json: string;
  formats_json: string;
  owner: string | null;
  moderators: string | null;
  pod_owner: string | null;
}

/** The columns a ListedRecording is made of, and `extra` ones. */
const selectListed = (
  extra = '',
) => `SELECT r.id, r.record_id, r.meeting_id, r.internal_meeting_id, r.name, r.state,
    r.start_ms, r.metadata_json, r.formats_json,
    (SELECT username FROM users WHERE id = r.owner_id) AS owner,
    (SELECT group_concat(DISTINCT u.username) FROM bbb_meetings m
       JOIN bbb_attendees a ON a.meeting_id = m.id JOIN users u ON u.id = a.user_id
       WHERE m.server_id = r.server_id AND m.internal_meeting_id = r.internal_meeting_id
         AND a.role = 'MODERATOR') AS moderators,
    (SELECT u.username FROM pod_meetings pm JOIN users u ON u.pod_id = pm.owner_pod_id
       WHERE pm.meeting_id = r.meeting_id ORDER BY pm.id LIMIT 1) AS pod_owner${extra}
  FROM bbb_recordings r`;

const toListed = (row: Row, position: number): ListedRecording => ({
  position,
  bbbRecordingId: row.id,
  recordId: row.record_id,
  meetingId: row.meeting_id,
  internalMeetingId: row.internal_meeting_id,
  name: row.name,
  state: row.state,
  startMs: row.start_ms,
  metadata: JSON.parse(row.metadata_json) as Record<string, string>,
  formats: JSON.parse(row.formats_json) as BbbFormatView[],
  knownOwners: row.owner ? [row.owner] : row.moderators ? row.moderators.split(',').sort() : [],
  podOwner: row.pod_owner,
});

/**
 * The server's recordings as the mirror last saw them (Pod's `USE_CACHE`, kept in the database
 * instead of a loose `getRecordings.xml`), in a stable order: newest first by start time, then by
 * record id. Pod walks the server's own order, which changes between runs (§8.3.4); here
 * positions 1 to 2 are "the two most recent", as Pod's documentation says.
 */
export function listRecordings(db: Db, serverId: number): ListedRecording[] {
  return db
    .prepare<[number], Row>(
      `${selectListed()} WHERE r.server_id = ? ORDER BY r.start_ms DESC, r.record_id`,
    )
    .all(serverId)
    .map((row, index) => toListed(row, index + 1));
}

/**
 * One recording of the snapshot, for a job that works on it alone (a migration line, an external
 * recording's publication): one row read, not the server's whole list. Its position is counted
 * in the same order as listRecordings'.
 */
export function findListedRecording(
  db: Db,
  serverId: number,
  recordId: string,
): ListedRecording | undefined {
  const row = db
    .prepare<[number, string], Row & { position: number }>(
      `${selectListed(
        `, (SELECT count(*) FROM bbb_recordings o WHERE o.server_id = r.server_id
             AND (o.start_ms > r.start_ms OR (o.start_ms = r.start_ms AND o.record_id < r.record_id))
           ) + 1 AS position`,
      )} WHERE r.server_id = ? AND r.record_id = ?`,
    )
    .get(serverId, recordId);
  return row && toListed(row, row.position);
}

/**
 * The presentation's playback URL as this server's player serves it: BBB ≥ 2.3 plays
 * `/playback/presentation/2.3/<id>`, older ones only the 2.0 page. Pod rewrites by a global
 * default that breaks 2.2 servers (§8.3.5); here the server's detected version decides, and an
 * unknown version (Scalelite hides it) keeps the URL the server gave.
 */
export function presentationUrl(url: string, internalMeetingId: string, version: string | null) {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  const isAtLeast23 =
    match !== null && (Number(match[1]) > 2 || (Number(match[1]) === 2 && Number(match[2]) >= 3));
  if (!isAtLeast23 || !url.includes('/2.0/playback.html')) return url.trim();
  return url.replace('/2.0/playback.html', `/2.3/${internalMeetingId}`).trim();
}

/** Pod's `source_url`: the video playback when there is one, else the presentation (§3.4). */
export function sourceUrlOf(recording: ListedRecording, version: string | null): string | null {
  const video = recording.formats.find((f) => f.type === 'video');
  if (video) return video.url.trim();
  const presentation = recording.formats.find((f) => f.type === 'presentation');
  return presentation
    ? presentationUrl(presentation.url, recording.internalMeetingId, version)
    : null;
}

/** The snapshot's summary, for the wizard's first steps, without reading every row into JS. */
export function snapshotOf(db: Db, serverId: number): MigrationSnapshot {
  const head = db
    .prepare<
      [number],
      { n: number; refreshed: string | null; oldest: number | null; newest: number | null }
    >(
      `SELECT count(*) AS n, max(seen_at) AS refreshed, min(start_ms) AS oldest,
         max(start_ms) AS newest FROM bbb_recordings WHERE server_id = ?`,
    )
    .get(serverId);
  const states = db
    .prepare<[number], { state: string; count: number }>(
      'SELECT state, count(*) AS count FROM bbb_recordings WHERE server_id = ? GROUP BY state ORDER BY count DESC',
    )
    .all(serverId);
  const originServers = db
    .prepare<[number], { origin: string | null; count: number }>(
      `SELECT json_extract(metadata_json, '$."bbb-origin-server-name"') AS origin, count(*) AS count
       FROM bbb_recordings WHERE server_id = ? GROUP BY origin ORDER BY count DESC`,
    )
    .all(serverId)
    .map((o) => ({ name: o.origin ?? '', count: o.count }));
  return {
    serverId,
    count: head?.n ?? 0,
    refreshedAt: head?.refreshed ?? null,
    oldestMs: head?.oldest ?? null,
    newestMs: head?.newest ?? null,
    states,
    originServers,
  };
}
