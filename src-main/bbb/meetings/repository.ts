import type { BbbAttendeeView, BbbMeetingView } from '../../../src-preload/contract';
import type { Db } from '../../db/open';

export interface MeetingRow {
  id: number;
  server_id: number;
  server_name: string;
  meeting_id: string;
  internal_meeting_id: string;
  name: string;
  is_running: number;
  recording: number;
  is_breakout: number;
  participant_count: number;
  moderator_count: number;
  max_participants: number;
  metadata_json: string;
  started_at: string;
  ended_at: string | null;
  last_seen_at: string;
  fingerprint: string;
}

export interface AttendeeRow {
  id: number;
  meeting_id: number;
  identity: string;
  bbb_user_id: string;
  full_name: string;
  role: 'MODERATOR' | 'VIEWER';
  client_type: string;
  joined_at: string;
  last_seen_at: string;
  user_id: number | null;
  match_state: BbbAttendeeView['matchState'];
}

const toAttendee = (row: AttendeeRow): BbbAttendeeView => ({
  id: row.id,
  fullName: row.full_name,
  bbbUserId: row.bbb_user_id,
  role: row.role,
  clientType: row.client_type,
  joinedAt: row.joined_at,
  lastSeenAt: row.last_seen_at,
  userId: row.user_id,
  matchState: row.match_state,
});

const selectMeeting = `SELECT m.*, s.name AS server_name FROM bbb_meetings m JOIN bbb_servers s ON s.id = m.server_id`;

export function createBbbMeetingsRepository(db: Db) {
  const running = db.prepare<[number], MeetingRow>(
    `${selectMeeting} WHERE m.server_id = ? AND m.is_running = 1`,
  );
  const byId = db.prepare<[number], MeetingRow>(`${selectMeeting} WHERE m.id = ?`);
  const byInternalAnywhere = db.prepare<[string], MeetingRow>(
    `${selectMeeting} WHERE m.internal_meeting_id = ? ORDER BY m.id DESC`,
  );
  const byInternal = db.prepare<[number, string], MeetingRow>(
    `${selectMeeting} WHERE m.server_id = ? AND m.internal_meeting_id = ?`,
  );
  const list = db.prepare<[number, number, number], MeetingRow>(
    `${selectMeeting} WHERE (? = 0 OR m.is_running = 1) ORDER BY m.is_running DESC, m.started_at DESC LIMIT ? OFFSET ?`,
  );
  const since = db.prepare<[string], MeetingRow>(
    `${selectMeeting} WHERE m.started_at >= ? ORDER BY m.started_at`,
  );
  const attendeesOf = db.prepare<[number], AttendeeRow>(
    'SELECT * FROM bbb_attendees WHERE meeting_id = ? ORDER BY role, full_name',
  );
  const attendeesOfRunning = db.prepare<[number], AttendeeRow>(
    `SELECT a.* FROM bbb_attendees a JOIN bbb_meetings m ON m.id = a.meeting_id
      WHERE m.server_id = ? AND m.is_running = 1`,
  );
  const insertMeeting = db.prepare(
    `INSERT INTO bbb_meetings (server_id, meeting_id, internal_meeting_id, name, is_running, recording,
       is_breakout, participant_count, moderator_count, max_participants, metadata_json, started_at,
       ended_at, last_seen_at, fingerprint)
     VALUES (@serverId, @meetingId, @internalMeetingId, @name, @isRunning, @recording, @isBreakout,
       @participantCount, @moderatorCount, @participantCount, @metadataJson, @startedAt, @endedAt, @at,
       @fingerprint)`,
  );
  const updateMeeting = db.prepare(
    `UPDATE bbb_meetings SET name = @name, is_running = @isRunning, ended_at = @endedAt, recording = @recording,
       participant_count = @participantCount, moderator_count = @moderatorCount,
       max_participants = max(max_participants, @participantCount), metadata_json = @metadataJson,
       last_seen_at = @at, fingerprint = @fingerprint
     WHERE id = @id`,
  );
  const endMeeting = db.prepare(
    `UPDATE bbb_meetings SET is_running = 0, ended_at = @at, participant_count = 0 WHERE id = @id`,
  );
  const insertAttendee = db.prepare(
    `INSERT INTO bbb_attendees (meeting_id, identity, bbb_user_id, full_name, role, client_type,
       joined_at, last_seen_at, user_id, match_state)
     VALUES (@meetingId, @identity, @bbbUserId, @fullName, @role, @clientType, @at, @at, @userId, @matchState)`,
  );
  const updateAttendee = db.prepare(
    `UPDATE bbb_attendees SET bbb_user_id = @bbbUserId, full_name = @fullName, role = @role,
       client_type = @clientType, last_seen_at = @at, user_id = @userId, match_state = @matchState
     WHERE id = @id`,
  );
  const touchAttendee = db.prepare('UPDATE bbb_attendees SET last_seen_at = ? WHERE id = ?');
  const moderatorUsers = db.prepare<[number, string], { user_id: number }>(
    `SELECT DISTINCT a.user_id FROM bbb_attendees a JOIN bbb_meetings m ON m.id = a.meeting_id
      WHERE m.server_id = ? AND m.internal_meeting_id = ? AND a.role = 'MODERATOR' AND a.user_id IS NOT NULL`,
  );

  function toView(row: MeetingRow): BbbMeetingView {
    const metadata = JSON.parse(row.metadata_json) as Record<string, string>;
    const attendees = attendeesOf.all(row.id);
    return {
      id: row.id,
      serverId: row.server_id,
      serverName: row.server_name,
      meetingId: row.meeting_id,
      internalMeetingId: row.internal_meeting_id,
      name: row.name,
      isRunning: row.is_running === 1,
      recording: row.recording === 1,
      isBreakout: row.is_breakout === 1,
      participantCount: row.participant_count,
      moderatorCount: row.moderator_count,
      maxParticipants: row.max_participants,
      origin: metadata['bbb-origin'] || null,
      originServer: metadata['bbb-origin-server-name'] || null,
      context: metadata['bbb-context'] || null,
      metadata,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      moderators: attendees.filter((a) => a.role === 'MODERATOR').map(toAttendee),
      attendeeCount: attendees.length,
    };
  }

  return {
    running: (serverId: number) => running.all(serverId),
    attendeesOfRunning: (serverId: number) => attendeesOfRunning.all(serverId),
    attendeesOf: (meetingId: number) => attendeesOf.all(meetingId),
    byId: (id: number) => byId.get(id),
    byInternal: (serverId: number, internalId: string) => byInternal.get(serverId, internalId),
    /** The meeting of a BBB internal id on any server (ids are sha1-based: unique in practice). */
    byInternalAnywhere: (internalId: string) => byInternalAnywhere.get(internalId),
    list: (options: { runningOnly?: boolean; limit?: number; offset?: number } = {}) =>
      list.all(options.runningOnly ? 1 : 0, options.limit ?? 200, options.offset ?? 0),
    since: (iso: string) => since.all(iso),
    moderatorUserIds: (serverId: number, internalId: string) =>
      moderatorUsers.all(serverId, internalId).map((r) => r.user_id),
    insertMeeting: (values: Record<string, unknown>) =>
      Number(insertMeeting.run(values).lastInsertRowid),
    updateMeeting: (values: Record<string, unknown>) => void updateMeeting.run(values),
    endMeeting: (id: number, at: string) => void endMeeting.run({ id, at }),
    insertAttendee: (values: Record<string, unknown>) => void insertAttendee.run(values),
    updateAttendee: (values: Record<string, unknown>) => void updateAttendee.run(values),
    touchAttendee: (id: number, at: string) => void touchAttendee.run(at, id),
    toView,
  };
}

export type BbbMeetingsRepository = ReturnType<typeof createBbbMeetingsRepository>;
