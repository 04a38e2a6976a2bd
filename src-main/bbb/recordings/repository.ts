import { createHash } from 'node:crypto';
import type {
  BbbFormatView,
  BbbPublication,
  BbbRecordingView,
} from '../../../src-preload/contract';
import type { Db } from '../../db/open';
import type { BbbRecording } from '../api/types';

interface Row {
  id: number;
  server_id: number;
  server_name: string;
  record_id: string;
  meeting_id: string;
  internal_meeting_id: string;
  name: string;
  state: string;
  is_published: number;
  is_protected: number;
  start_ms: number;
  end_ms: number;
  participants: number | null;
  size_bytes: number | null;
  metadata_json: string;
  formats_json: string;
  publication: BbbPublication;
  owner_id: number | null;
  recording_id: number | null;
  publication_error: string | null;
  recording_status: string | null;
  meeting_row_id: number | null;
}

export interface StoredBbbRecording extends BbbRecordingView {
  metadata: Record<string, string>;
}

export function recordingFingerprint(r: BbbRecording): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        r.name,
        r.state,
        r.published,
        r.isProtected,
        r.endTimeMs,
        r.participants,
        r.sizeBytes,
        r.metadata,
        r.formats,
      ]),
    )
    .digest('base64');
}

const formatsOf = (r: BbbRecording): BbbFormatView[] =>
  r.formats.map((f) => ({
    type: f.type,
    url: f.url,
    lengthMinutes: f.lengthMinutes,
    sizeBytes: f.sizeBytes,
    previews: f.previews.map((p) => ({ url: p.url, alt: p.alt })),
  }));

/**
 * What a publication is now: the row's own state until a Régie recording exists, then that
 * recording's (encoding, published, failed), so there is one truth.
 */
const publicationOf = (row: Row): BbbPublication => {
  switch (row.recording_status) {
    case 'published':
      return 'published';
    case 'failed':
      return 'failed';
    case 'queued':
    case 'encoding':
      return 'encoding';
    default:
      return row.publication;
  }
};

const select = `SELECT r.*, s.name AS server_name, rec.status AS recording_status,
    (SELECT m.id FROM bbb_meetings m WHERE m.server_id = r.server_id AND m.internal_meeting_id = r.internal_meeting_id) AS meeting_row_id
  FROM bbb_recordings r JOIN bbb_servers s ON s.id = r.server_id
  LEFT JOIN recordings rec ON rec.id = r.recording_id`;

export function createBbbRecordingsRepository(db: Db) {
  const fingerprints = db.prepare<[number], { id: number; record_id: string; fingerprint: string }>(
    'SELECT id, record_id, fingerprint FROM bbb_recordings WHERE server_id = ?',
  );
  const insert = db.prepare(
    `INSERT INTO bbb_recordings (server_id, record_id, meeting_id, internal_meeting_id, name, state,
       is_published, is_protected, start_ms, end_ms, participants, size_bytes, raw_size_bytes,
       metadata_json, formats_json, fingerprint, seen_at, updated_at)
     VALUES (@serverId, @recordId, @meetingId, @internalMeetingId, @name, @state, @isPublished,
       @isProtected, @startMs, @endMs, @participants, @sizeBytes, @rawSizeBytes, @metadataJson,
       @formatsJson, @fingerprint, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE bbb_recordings SET meeting_id = @meetingId, internal_meeting_id = @internalMeetingId,
       name = @name, state = @state, is_published = @isPublished, is_protected = @isProtected,
       start_ms = @startMs, end_ms = @endMs, participants = @participants, size_bytes = @sizeBytes,
       raw_size_bytes = @rawSizeBytes, metadata_json = @metadataJson, formats_json = @formatsJson,
       fingerprint = @fingerprint, seen_at = @at, updated_at = @at
     WHERE id = @id`,
  );
  const byId = db.prepare<[number], Row>(`${select} WHERE r.id = ?`);
  const byRecordId = db.prepare<[string], Row>(`${select} WHERE r.record_id = ? ORDER BY r.id`);
  const byRecordingId = db.prepare<[number], Row>(`${select} WHERE r.recording_id = ?`);
  const list = db.prepare<
    { serverId: number | null; meetingId: string | null; limit: number; offset: number },
    Row
  >(
    `${select} WHERE (@serverId IS NULL OR r.server_id = @serverId)
       AND (@meetingId IS NULL OR r.meeting_id = @meetingId)
     ORDER BY r.start_ms DESC LIMIT @limit OFFSET @offset`,
  );
  const setPublication = db.prepare(
    `UPDATE bbb_recordings SET publication = @publication, owner_id = coalesce(@ownerId, owner_id),
       recording_id = coalesce(@recordingId, recording_id), publication_error = @error, updated_at = @at
     WHERE id = @id`,
  );
  const moderators = db.prepare<[number, string], { user_id: number }>(
    `SELECT DISTINCT a.user_id FROM bbb_attendees a JOIN bbb_meetings m ON m.id = a.meeting_id
      WHERE m.server_id = ? AND m.internal_meeting_id = ? AND a.role = 'MODERATOR' AND a.user_id IS NOT NULL`,
  );

  const toView = (row: Row): StoredBbbRecording => {
    const metadata = JSON.parse(row.metadata_json) as Record<string, string>;
    const formats = JSON.parse(row.formats_json) as BbbFormatView[];
    const longest = Math.max(0, ...formats.map((f) => f.lengthMinutes * 60));
    return {
      id: row.id,
      serverId: row.server_id,
      serverName: row.server_name,
      recordId: row.record_id,
      meetingId: row.meeting_id,
      internalMeetingId: row.internal_meeting_id,
      name: row.name,
      state: row.state,
      isPublished: row.is_published === 1,
      isProtected: row.is_protected === 1,
      startMs: row.start_ms,
      endMs: row.end_ms,
      durationS:
        row.end_ms > row.start_ms ? Math.round((row.end_ms - row.start_ms) / 1000) : longest,
      participants: row.participants,
      sizeBytes: row.size_bytes,
      formats,
      origin: metadata['bbb-origin'] || null,
      meetingRowId: row.meeting_row_id,
      moderatorUserIds: moderators
        .all(row.server_id, row.internal_meeting_id)
        .map((m) => m.user_id),
      publication: publicationOf(row),
      ownerId: row.owner_id,
      publicationError: row.publication_error,
      recordingId: row.recording_id,
      metadata,
    };
  };

  return {
    /**
     * A writer for one server's listing, batch by batch: new recordings inserted, changed ones
     * updated, unchanged ones not touched; one transaction per batch. The fingerprints are read
     * once. `write` returns the ids written.
     */
    upserter(serverId: number) {
      const known = new Map(fingerprints.all(serverId).map((r) => [r.record_id, r]));
      return {
        write(recordings: readonly BbbRecording[], at: string): number[] {
          const written: number[] = [];
          db.transaction(() => {
            for (const r of recordings) {
              const fingerprint = recordingFingerprint(r);
              const before = known.get(r.recordId);
              if (before?.fingerprint === fingerprint) continue;
              const values = {
                serverId,
                recordId: r.recordId,
                meetingId: r.meetingId,
                internalMeetingId: r.internalMeetingId,
                name: r.name,
                state: r.state,
                isPublished: r.published ? 1 : 0,
                isProtected: r.isProtected ? 1 : 0,
                startMs: r.startTimeMs,
                endMs: r.endTimeMs,
                participants: r.participants,
                sizeBytes: r.sizeBytes,
                rawSizeBytes: r.rawSizeBytes,
                metadataJson: JSON.stringify(r.metadata),
                formatsJson: JSON.stringify(formatsOf(r)),
                fingerprint,
                at,
              };
              if (before) {
                update.run({ ...values, id: before.id });
                before.fingerprint = fingerprint;
                written.push(before.id);
              } else {
                const id = Number(insert.run(values).lastInsertRowid);
                known.set(r.recordId, { id, record_id: r.recordId, fingerprint });
                written.push(id);
              }
            }
          })();
          return written;
        },
      };
    },
    byId: (id: number) => {
      const row = byId.get(id);
      return row && toView(row);
    },
    byRecordId: (recordId: string) => byRecordId.all(recordId).map(toView),
    byRecordingId: (recordingId: number) => {
      const row = byRecordingId.get(recordingId);
      return row && toView(row);
    },
    list: (
      filter: { serverId?: number; meetingId?: string; limit?: number; offset?: number } = {},
    ) =>
      list
        .all({
          serverId: filter.serverId ?? null,
          meetingId: filter.meetingId ?? null,
          limit: filter.limit ?? 500,
          offset: filter.offset ?? 0,
        })
        .map(toView),
    setPublication(
      id: number,
      change: {
        publication: BbbPublication;
        ownerId?: number;
        recordingId?: number;
        error?: string | null;
      },
      at: string,
    ): void {
      setPublication.run({
        id,
        publication: change.publication,
        ownerId: change.ownerId ?? null,
        recordingId: change.recordingId ?? null,
        error: change.error ?? null,
        at,
      });
    },
  };
}

export type BbbRecordingsRepository = ReturnType<typeof createBbbRecordingsRepository>;
