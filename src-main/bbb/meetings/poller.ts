import { createHash } from 'node:crypto';
import type { BbbPollReport } from '../../../src-preload/contract';
import { bi } from '../../ground/errors';
import type { Services } from '../../kit/services';
import type { BbbMeetingInfo } from '../api/types';
import type { BbbMatching } from '../matching/service';
import { describeBbbError, type BbbServersService } from '../servers/service';
import type { StoredServer } from '../servers/repository';
import type { AttendeeRow, BbbMeetingsRepository } from './repository';

type ServerReport = BbbPollReport['servers'][number];

/** What a poll can change about a meeting; equal fingerprints mean nothing to write. */
export function meetingFingerprint(meeting: BbbMeetingInfo): string {
  const attendees = meeting.attendees
    .map((a) => `${a.userId}\u0001${a.fullName}\u0001${a.role}\u0001${a.clientType}`)
    .sort()
    .join('\u0002');
  return createHash('sha1')
    .update(
      JSON.stringify([
        meeting.running,
        meeting.endTimeMs,
        meeting.name,
        meeting.recording,
        meeting.participantCount,
        meeting.moderatorCount,
        meeting.metadata,
        attendees,
      ]),
    )
    .digest('base64');
}

/**
 * The meetings mirror (issue #5 §3): one `getMeetings` per server and pass; running meetings and
 * everyone in them are written, and kept once the meeting ends (BBB forgets its attendees then:
 * pod-behaviour.md §8.6.1). A meeting whose fingerprint did not change costs no write. A server
 * that fails is marked unreachable and its meetings are left as they were: absence from an
 * answer that never came proves nothing.
 */
export function createMeetingsPoller(options: {
  s: Services;
  servers: BbbServersService;
  meetings: BbbMeetingsRepository;
  matching: BbbMatching;
  onError?: (server: StoredServer, message: string) => void;
}) {
  const { s, servers, meetings, matching } = options;
  /** Per server: the hash of its last answer, once written, and how many meetings it listed. */
  const lastAnswer = new Map<number, { hash: string; running: number }>();

  function write(server: StoredServer, answer: BbbMeetingInfo[], at: string) {
    const changed: number[] = [];
    let queued = 0;
    const existing = new Map(meetings.running(server.id).map((r) => [r.internal_meeting_id, r]));
    const people = new Map<number, Map<string, AttendeeRow>>();
    let matcher: ReturnType<BbbMatching['matcher']> | undefined;
    let loaded = false;
    s.db.transaction(() => {
      for (const meeting of answer) {
        if (meeting.internalMeetingId === '') continue;
        const fingerprint = meetingFingerprint(meeting);
        const row =
          existing.get(meeting.internalMeetingId) ??
          meetings.byInternal(server.id, meeting.internalMeetingId);
        existing.delete(meeting.internalMeetingId);
        if (row && row.fingerprint === fingerprint) continue;
        // BBB lists a meeting for a while after it ends (running false, endTime set), and one
        // created but not started yet (running false, no endTime).
        const endedAt =
          !meeting.running && meeting.endTimeMs !== null
            ? new Date(meeting.endTimeMs).toISOString()
            : null;
        const values = {
          serverId: server.id,
          meetingId: meeting.meetingId,
          internalMeetingId: meeting.internalMeetingId,
          name: meeting.name,
          recording: meeting.recording ? 1 : 0,
          isBreakout: meeting.isBreakout ? 1 : 0,
          participantCount: meeting.participantCount,
          moderatorCount: meeting.moderatorCount,
          metadataJson: JSON.stringify(meeting.metadata),
          startedAt: new Date(meeting.createTimeMs || Date.parse(at)).toISOString(),
          isRunning: meeting.running ? 1 : 0,
          endedAt,
          at,
          fingerprint,
        };
        const id = row ? row.id : meetings.insertMeeting(values);
        if (row) meetings.updateMeeting({ ...values, id });
        changed.push(id);
        if (!people.has(id)) {
          // Attendees of every running meeting, read once per pass; a meeting found again after
          // being marked ended reads its own.
          if (!loaded) {
            loaded = true;
            for (const a of meetings.attendeesOfRunning(server.id)) {
              const map = people.get(a.meeting_id) ?? new Map<string, AttendeeRow>();
              map.set(a.identity, a);
              people.set(a.meeting_id, map);
            }
          }
          if (!people.has(id))
            people.set(id, new Map(meetings.attendeesOf(id).map((a) => [a.identity, a])));
        }
        const known = people.get(id) ?? new Map<string, AttendeeRow>();
        for (const attendee of meeting.attendees) {
          matcher ??= matching.matcher();
          const match = matcher.match(
            attendee.userId,
            attendee.fullName,
            meeting.metadata,
            server.id,
          );
          const before = known.get(match.identity);
          // Once a moderator, always a moderator for this meeting (roles can be lowered later).
          const role = before?.role === 'MODERATOR' ? 'MODERATOR' : attendee.role;
          const isModerator = role === 'MODERATOR';
          const keepChoice =
            before && (before.match_state === 'chosen' || before.match_state === 'matched');
          const fields = {
            bbbUserId: attendee.userId,
            fullName: attendee.fullName,
            role,
            clientType: attendee.clientType,
            at,
            userId: !isModerator ? null : keepChoice ? before.user_id : match.userId,
            matchState: !isModerator ? 'unmatched' : keepChoice ? before.match_state : match.state,
          };
          if (isModerator && !keepChoice && (match.state === 'ambiguous' || match.state === 'none'))
            queued++;
          if (before) meetings.updateAttendee({ ...fields, id: before.id });
          else meetings.insertAttendee({ ...fields, meetingId: id, identity: match.identity });
        }
      }
      for (const gone of existing.values()) {
        meetings.endMeeting(gone.id, at);
        changed.push(gone.id);
      }
    })();
    return { changed, queued, ended: existing.size };
  }

  async function pollServer(server: StoredServer, signal?: AbortSignal): Promise<ServerReport> {
    const started = performance.now();
    const at = () => s.now().toISOString();
    const report = (ok: boolean, error: string | null, extra: Partial<ServerReport> = {}) => ({
      serverId: server.id,
      name: server.name,
      ok,
      error,
      running: 0,
      ended: 0,
      written: 0,
      ms: Math.round(performance.now() - started),
      ...extra,
    });
    let answer: BbbMeetingInfo[] | null;
    let hash: string;
    try {
      ({ meetings: answer, hash } = await servers
        .clientFor(server)
        .getMeetingsIfChanged(lastAnswer.get(server.id)?.hash ?? null, signal));
    } catch (error) {
      lastAnswer.delete(server.id);
      const described = describeBbbError(error);
      const message = described.en;
      servers.repo.contact(
        server.id,
        { isReachable: false, lastError: described, polled: true },
        at(),
      );
      options.onError?.(server, message);
      if (server.isReachable !== false) {
        s.record({
          level: 'warn',
          kind: 'bbb.serverUnreachable',
          by: 'system',
          subject: `bbb-server:${String(server.id)}`,
          text: bi(
            `BigBlueButton ${server.name} unreachable: ${message}`,
            `BigBlueButton ${server.name} injoignable : ${describeBbbError(error).fr}`,
          ),
        });
        servers.changed();
      }
      return report(false, message);
    }
    if (answer === null) {
      // The same bytes as last time: nothing to read, nothing to write.
      servers.repo.contact(server.id, { isReachable: true, lastError: null, polled: true }, at());
      if (server.isReachable !== true || server.lastError !== null) servers.changed();
      return report(true, null, { running: lastAnswer.get(server.id)?.running ?? 0 });
    }
    if (server.isReachable === false) {
      s.record({
        kind: 'bbb.serverReachable',
        by: 'system',
        subject: `bbb-server:${String(server.id)}`,
        text: bi(
          `BigBlueButton ${server.name} answers again`,
          `BigBlueButton ${server.name} répond de nouveau`,
        ),
      });
    }
    const { changed, queued, ended } = write(server, answer, at());
    lastAnswer.set(server.id, { hash, running: answer.length });
    servers.repo.contact(server.id, { isReachable: true, lastError: null, polled: true }, at());
    if (server.isReachable !== true || server.lastError !== null) servers.changed();
    if (changed.length > 0) {
      const views = changed.flatMap((id) => {
        const row = meetings.byId(id);
        return row ? [meetings.toView(row)] : [];
      });
      s.events.emit('bbbMeetings.changed', { items: views });
    }
    if (queued > 0) matching.changed();
    return report(true, null, { running: answer.length, ended, written: changed.length });
  }

  return {
    pollServer,
    /** One pass over every server, at once: a slow server delays only its own report. */
    async pollAll(signal?: AbortSignal): Promise<BbbPollReport> {
      const reports = await Promise.all(
        servers.repo.list().map((server) => pollServer(server, signal)),
      );
      return { servers: reports };
    },
  };
}

export type MeetingsPoller = ReturnType<typeof createMeetingsPoller>;
