import { createHash, randomBytes } from 'node:crypto';
import type { SimChatMessage, SimJoin, SimMeeting } from './model';
import { esc, failed, hasUserJoined, response } from './xml';

/*
 * `create`, `join` and `sendChatMessage` as BBB 2.7/3.0 answer them (reference/bbb.md §1.2, the
 * fixtures test/fixtures/bbb/api/bigbluebutton-api-php/create_meeting.xml and
 * bigbluebutton-docs/join_redirect_false.xml): what the webinar's SIPMediaGW path goes through.
 */

/** What the meeting calls need of the simulator. */
export interface MeetingsState {
  host: string;
  meetings: SimMeeting[];
  joins: SimJoin[];
  chat: SimChatMessage[];
  /** Created meetings run at once instead of at their first join (BBB waits for a join). */
  runOnCreate: boolean;
}

/** A non-XML answer: join's redirect into the client. */
export interface SimHttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** BBB's random passwords and tokens: lower-case letters and digits. */
const token = (length: number) =>
  Array.from(randomBytes(length), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

export function create(sim: MeetingsState, params: URLSearchParams): string {
  const meetingId = params.get('meetingID') ?? '';
  if (meetingId === '')
    return failed('missingParamMeetingID', 'You must specify a meeting ID for the meeting.');
  const attendeePW = params.get('attendeePW') ?? '';
  const moderatorPW = params.get('moderatorPW') ?? '';
  let meeting = sim.meetings.find((m) => m.meetingId === meetingId);
  const isDuplicate = meeting !== undefined;
  if (meeting) {
    // Same id with other passwords is another meeting (bbb.md §1.2): refused.
    const differs =
      (attendeePW !== '' && attendeePW !== (meeting.attendeePW ?? 'ap')) ||
      (moderatorPW !== '' && moderatorPW !== (meeting.moderatorPW ?? 'mp'));
    if (differs)
      return failed(
        'idNotUnique',
        'A meeting already exists with that meeting ID.  Please use a different meeting ID.',
      );
  } else {
    const createTime = Date.now();
    const metadata: Record<string, string> = {};
    for (const [key, value] of params)
      if (key.startsWith('meta_')) metadata[key.slice(5).toLowerCase()] = value;
    meeting = {
      meetingId,
      internalMeetingId: `${createHash('sha1').update(meetingId).digest('hex')}-${String(createTime)}`,
      name: params.get('name') ?? meetingId,
      createTime,
      recording: params.get('record') === 'true',
      metadata,
      attendees: [],
      running: sim.runOnCreate,
      attendeePW: attendeePW || token(20),
      moderatorPW: moderatorPW || token(20),
    };
    sim.meetings.push(meeting);
  }
  const m = meeting;
  const warning = isDuplicate
    ? '  <messageKey>duplicateWarning</messageKey>\n  <message>This conference was already in existence and may currently be in progress.</message>\n'
    : '  <messageKey></messageKey>\n  <message></message>\n';
  return response(
    `  <meetingID>${esc(m.meetingId)}</meetingID>\n  <internalMeetingID>${m.internalMeetingId}</internalMeetingID>\n  <parentMeetingID>bbb-none</parentMeetingID>\n  <attendeePW>${esc(m.attendeePW ?? 'ap')}</attendeePW>\n  <moderatorPW>${esc(m.moderatorPW ?? 'mp')}</moderatorPW>\n  <createTime>${String(m.createTime)}</createTime>\n  <voiceBridge>70001</voiceBridge>\n  <dialNumber>613-555-1234</dialNumber>\n  <createDate>${new Date(m.createTime).toUTCString()}</createDate>\n  <hasUserJoined>${String(hasUserJoined(m))}</hasUserJoined>\n  <duration>0</duration>\n  <hasBeenForciblyEnded>false</hasBeenForciblyEnded>\n${warning}`,
  );
}

/**
 * A join: the role from `role=` (2.4+) or from the password (older clients, Pod's relay); the
 * meeting starts running; a 302 into the HTML5 client, or with `redirect=false` the XML.
 */
export function join(sim: MeetingsState, params: URLSearchParams): string | SimHttpAnswer {
  const fullName = params.get('fullName') ?? '';
  if (fullName === '')
    return failed(
      'missingParamFullName',
      'You must specify a name for the attendee who will be joining the meeting.',
    );
  const meeting = sim.meetings.find((m) => m.meetingId === params.get('meetingID'));
  if (!meeting)
    return failed(
      'invalidMeetingIdentifier',
      'The meeting ID that you supplied did not match any existing meetings',
    );
  const role = roleOf(meeting, params);
  if (role === null)
    return failed(
      'invalidPassword',
      'You either did not supply a password or the password supplied is neither the attendee or moderator password for this conference.',
    );
  const userId = params.get('userID') || `w_${token(12)}`;
  sim.joins.push({ meetingId: meeting.meetingId, fullName, role, at: Date.now() });
  meeting.attendees.push({ userId, fullName, role, clientType: 'HTML5' });
  meeting.running = true;
  const sessionToken = token(16);
  const url = `${sim.host}/html5client/join?sessionToken=${sessionToken}`;
  if (params.get('redirect') === 'false') {
    return response(
      `  <messageKey>successfullyJoined</messageKey>\n  <message>You have joined successfully.</message>\n  <meeting_id>${meeting.internalMeetingId}</meeting_id>\n  <user_id>${esc(userId)}</user_id>\n  <auth_token>${token(12)}</auth_token>\n  <session_token>${sessionToken}</session_token>\n  <guestStatus>ALLOW</guestStatus>\n  <url>${esc(url)}</url>\n`,
    );
  }
  return { status: 302, headers: { location: url, 'content-type': 'text/html' }, body: '' };
}

function roleOf(meeting: SimMeeting, params: URLSearchParams): 'MODERATOR' | 'VIEWER' | null {
  const role = (params.get('role') ?? '').toUpperCase();
  if (role === 'MODERATOR' || role === 'VIEWER') return role;
  const password = params.get('password') ?? '';
  if (password !== '' && password === (meeting.moderatorPW ?? 'mp')) return 'MODERATOR';
  if (password !== '' && password === (meeting.attendeePW ?? 'ap')) return 'VIEWER';
  return null;
}

export function sendChatMessage(sim: MeetingsState, params: URLSearchParams): string {
  const meetingId = params.get('meetingID') ?? '';
  if (!sim.meetings.some((m) => m.meetingId === meetingId))
    return failed('meetingNotFound', 'Meeting not found');
  sim.chat.push({
    meetingId,
    message: params.get('message') ?? '',
    userName: params.get('userName') ?? '',
  });
  return response('  <messageKey></messageKey>\n  <message></message>\n');
}

/** What the client page is here: a sign that the join reached BBB. */
export const clientPage =
  '<!DOCTYPE html>\n<html><head><title>BigBlueButton</title></head><body><p>BBB client</p></body></html>\n';
