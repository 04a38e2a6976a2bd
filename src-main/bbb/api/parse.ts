import { BbbError } from './errors';
import { child, children, parseXml, text, textMap, type XmlElement } from './xml';
import type {
  BbbAttendee,
  BbbFormat,
  BbbMeetingInfo,
  BbbRecording,
  BbbRecordingsPage,
  BbbVersionInfo,
} from './types';

/** `<response>` of an API answer; a FAILED one becomes a BbbError with its messageKey. */
export function responseOf(call: string, body: string): XmlElement {
  let parsed;
  try {
    parsed = parseXml(body);
  } catch (error) {
    throw BbbError.garbage(call, `${(error as Error).message}: ${body.slice(0, 120)}`);
  }
  const response = child(parsed, 'response');
  if (!response) throw BbbError.garbage(call, 'no <response> element');
  const code = text(response, 'returncode');
  if (code === 'FAILED') {
    throw BbbError.api(call, text(response, 'messageKey'), text(response, 'message'));
  }
  if (code !== 'SUCCESS') throw BbbError.garbage(call, `returncode "${code}"`);
  return response;
}

const bool = (node: XmlElement, name: string): boolean => text(node, name).toLowerCase() === 'true';
const int = (node: XmlElement, name: string): number | null => {
  const value = text(node, name);
  if (!/^-?\d+$/.test(value)) return null;
  return Number(value);
};
const lowerKeys = (map: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [k.toLowerCase(), v]));

export function parseVersion(response: XmlElement): BbbVersionInfo {
  return {
    apiVersion: text(response, 'version'),
    bbbVersion: text(response, 'bbbVersion') || null,
    build: text(response, 'build') || null,
  };
}

function parseAttendee(node: XmlElement): BbbAttendee {
  return {
    userId: text(node, 'userID'),
    fullName: text(node, 'fullName'),
    role: text(node, 'role').toUpperCase() === 'MODERATOR' ? 'MODERATOR' : 'VIEWER',
    isPresenter: bool(node, 'isPresenter'),
    clientType: text(node, 'clientType'),
  };
}

export function parseMeeting(node: XmlElement): BbbMeetingInfo {
  const endTime = int(node, 'endTime');
  const breakout = children(node, 'breakout')[0];
  return {
    meetingId: text(node, 'meetingID'),
    internalMeetingId: text(node, 'internalMeetingID'),
    name: text(node, 'meetingName'),
    createTimeMs: int(node, 'createTime') ?? 0,
    startTimeMs: int(node, 'startTime'),
    endTimeMs: endTime === null || endTime === 0 ? null : endTime,
    running: bool(node, 'running'),
    recording: bool(node, 'recording'),
    participantCount: int(node, 'participantCount') ?? 0,
    moderatorCount: int(node, 'moderatorCount') ?? 0,
    isBreakout: bool(node, 'isBreakout'),
    // Flat in 2.x answers, under <breakout> in the docs.
    parentMeetingId:
      text(node, 'parentMeetingID') || (breakout ? text(breakout, 'parentId') : '') || null,
    metadata: lowerKeys(textMap(child(node, 'metadata'))),
    attendees: children(child(node, 'attendees'), 'attendee').map(parseAttendee),
  };
}

export const parseMeetings = (response: XmlElement): BbbMeetingInfo[] =>
  children(child(response, 'meetings'), 'meeting').map(parseMeeting);

function parseFormat(node: XmlElement): BbbFormat {
  return {
    type: text(node, 'type'),
    url: text(node, 'url'),
    lengthMinutes: int(node, 'length') ?? 0,
    processingTimeMs: int(node, 'processingTime'),
    sizeBytes: int(node, 'size'),
    previews: children(child(child(node, 'preview'), 'images'), 'image').map((image) => ({
      url: text(image, '#text'),
      width: Number.parseInt(String(image['@_width'] ?? ''), 10) || null,
      height: Number.parseInt(String(image['@_height'] ?? ''), 10) || null,
      alt: typeof image['@_alt'] === 'string' ? image['@_alt'] : '',
    })),
  };
}

function parseRecording(node: XmlElement): BbbRecording {
  const recordId = text(node, 'recordID');
  return {
    recordId,
    meetingId: text(node, 'meetingID'),
    internalMeetingId: text(node, 'internalMeetingID') || recordId,
    name: text(node, 'name'),
    state: text(node, 'state'),
    published: bool(node, 'published'),
    isProtected: bool(node, 'protected'),
    isBreakout: bool(node, 'isBreakout'),
    startTimeMs: int(node, 'startTime') ?? 0,
    endTimeMs: int(node, 'endTime') ?? 0,
    participants: int(node, 'participants'),
    rawSizeBytes: int(node, 'rawSize'),
    sizeBytes: int(node, 'size'),
    metadata: lowerKeys(textMap(child(node, 'metadata'))),
    formats: children(child(node, 'playback'), 'format').map(parseFormat),
  };
}

export function parseRecordings(response: XmlElement): BbbRecordingsPage {
  const total =
    int(response, 'totalElements') ?? int(child(response, 'pagination') ?? {}, 'totalElements');
  return {
    recordings: children(child(response, 'recordings'), 'recording').map(parseRecording),
    totalElements: total,
  };
}
