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

/**
 * A getRecordings answer read as it arrives, for large servers (20,000 recordings in one Scalelite
 * answer): each complete `<recording>` is cut out of the text (CDATA sections skipped), parsed
 * with the others of its batch, handed over and dropped, so neither the whole text nor its parsed
 * tree is ever held. The envelope (returncode, messageKey, total) is read at the end.
 */
export function createRecordingsReader(
  call: string,
  onBatch: (recordings: BbbRecording[]) => void,
  batchSize = 500,
) {
  const OPEN = '<recording>';
  const CLOSE = '</recording>';
  const OPEN_ALL = '<recordings>';
  const CLOSE_ALL = '</recordings>';
  let state: 'head' | 'body' | 'tail' = 'head';
  let head = '';
  let pending = '';
  let tail = '';
  let batch: string[] = [];
  let count = 0;

  const flush = () => {
    if (batch.length === 0) return;
    let parsed;
    try {
      parsed = parseXml(`<recordings>${batch.join('')}</recordings>`);
    } catch (error) {
      throw BbbError.garbage(call, (error as Error).message);
    }
    const recordings = children(child(parsed, 'recordings'), 'recording').map(parseRecording);
    count += recordings.length;
    batch = [];
    onBatch(recordings);
  };

  // `pending` is read with a cursor and cut once per piece: searching the rest of it again for
  // every recording made a 64 KiB piece cost ~40 scans of itself (bench:migration, Scalelite).
  // Within one piece, the next `</recordings>` and `<![CDATA[` are searched again only once the
  // cursor has passed them (-1: none left in this piece; -2: not searched yet).
  let closeAll = -2;
  let cdata = -2;
  const next = (known: number, what: string, pos: number) =>
    known === -2 || (known !== -1 && known < pos) ? pending.indexOf(what, pos) : known;

  /** End of the recording opening at `open` (after its `</recording>`), or -1 if not arrived. */
  const endOf = (open: number): number => {
    let pos = open + OPEN.length;
    for (;;) {
      const end = pending.indexOf(CLOSE, pos);
      cdata = next(cdata, '<![CDATA[', pos);
      if (cdata !== -1 && (end === -1 || cdata < end)) {
        const cdataEnd = pending.indexOf(']]>', cdata);
        if (cdataEnd === -1) return -1;
        pos = cdataEnd + 3;
        continue;
      }
      return end === -1 ? -1 : end + CLOSE.length;
    }
  };

  const consume = () => {
    let pos = 0;
    closeAll = -2;
    cdata = -2;
    for (;;) {
      const open = pending.indexOf(OPEN, pos);
      closeAll = next(closeAll, CLOSE_ALL, pos);
      if (closeAll !== -1 && (open === -1 || closeAll < open)) {
        tail = pending.slice(closeAll + CLOSE_ALL.length);
        pending = '';
        state = 'tail';
        flush();
        return;
      }
      if (open === -1) {
        // Keep what may be the start of a tag cut between two pieces.
        pending = pending.slice(Math.max(pos, pending.length - CLOSE_ALL.length));
        return;
      }
      const end = endOf(open);
      if (end === -1) {
        pending = pending.slice(open);
        return;
      }
      batch.push(pending.slice(open, end));
      pos = end;
      if (batch.length >= batchSize) flush();
    }
  };

  return {
    push(text: string): void {
      if (state === 'tail') {
        tail += text;
        return;
      }
      if (state === 'head') {
        head += text;
        const at = head.indexOf(OPEN_ALL);
        if (at === -1) return;
        pending = head.slice(at + OPEN_ALL.length);
        head = head.slice(0, at);
        state = 'body';
      } else pending += text;
      consume();
    },
    end(): { totalElements: number | null; count: number } {
      if (state === 'body') throw BbbError.garbage(call, '<recordings> is not closed');
      flush();
      const envelope = state === 'head' ? head : `${head}<recordings/>${tail}`;
      const page = parseRecordings(responseOf(call, envelope));
      if (page.recordings.length > 0) {
        count += page.recordings.length;
        onBatch(page.recordings);
      }
      return { totalElements: page.totalElements, count };
    },
  };
}

/** The same, on an answer already in memory. */
export function parseRecordingsInBatches(
  call: string,
  body: string,
  onBatch: (recordings: BbbRecording[]) => void,
  batchSize = 500,
): { totalElements: number | null; count: number } {
  const reader = createRecordingsReader(call, onBatch, batchSize);
  reader.push(body);
  return reader.end();
}
