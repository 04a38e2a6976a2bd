import type { SimMeeting, SimRecording } from './model';

/** The answers of BBB 2.x/3.x and Scalelite, element order as in the fixtures. */

export const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const response = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <returncode>SUCCESS</returncode>\n${inner}</response>\n`;

export const failed = (messageKey: string, message: string) =>
  `<?xml version="1.0"?>\n<response>\n  <returncode>FAILED</returncode>\n  <messageKey>${messageKey}</messageKey>\n  <message>${esc(message)}</message>\n</response>\n`;

const metadataXml = (metadata: Record<string, string>, cdata: boolean) =>
  Object.keys(metadata).length === 0
    ? '<metadata/>'
    : `<metadata>${Object.entries(metadata)
        .map(([k, v]) => `<${k}>${cdata ? `<![CDATA[${v}]]>` : esc(v)}</${k}>`)
        .join('')}</metadata>`;

/** Created and never joined: not running, no end time (an ended meeting keeps its endTime). */
export const hasUserJoined = (m: SimMeeting): boolean =>
  m.running !== false || (m.endTime ?? 0) > 0;

export function meetingXml(m: SimMeeting): string {
  const moderators = m.attendees.filter((a) => a.role === 'MODERATOR').length;
  const attendees =
    m.attendees.length === 0
      ? '<attendees>\n</attendees>'
      : `<attendees>${m.attendees
          .map(
            (a) =>
              `<attendee><userID>${esc(a.userId)}</userID><fullName>${esc(a.fullName)}</fullName><role>${a.role}</role><isPresenter>${String(a.isPresenter ?? false)}</isPresenter><isListeningOnly>false</isListeningOnly><hasJoinedVoice>true</hasJoinedVoice><hasVideo>false</hasVideo><clientType>${a.clientType ?? 'HTML5'}</clientType><customdata></customdata></attendee>`,
          )
          .join('')}</attendees>`;
  return `<meeting><meetingName>${esc(m.name)}</meetingName><meetingID>${esc(m.meetingId)}</meetingID><internalMeetingID>${m.internalMeetingId}</internalMeetingID><createTime>${String(m.createTime)}</createTime><createDate>${new Date(m.createTime).toUTCString()}</createDate><voiceBridge>70001</voiceBridge><dialNumber>613-555-1234</dialNumber><attendeePW>${esc(m.attendeePW ?? 'ap')}</attendeePW><moderatorPW>${esc(m.moderatorPW ?? 'mp')}</moderatorPW><running>${String(m.running ?? true)}</running><duration>0</duration><hasUserJoined>${String(hasUserJoined(m))}</hasUserJoined><recording>${String(m.recording)}</recording><hasBeenForciblyEnded>false</hasBeenForciblyEnded><startTime>${String(m.createTime + 5)}</startTime><endTime>${String(m.endTime ?? 0)}</endTime><participantCount>${String(m.attendees.length)}</participantCount><listenerCount>0</listenerCount><voiceParticipantCount>0</voiceParticipantCount><videoCount>0</videoCount><maxUsers>0</maxUsers><moderatorCount>${String(moderators)}</moderatorCount>${attendees}${metadataXml(m.metadata, false)}<isBreakout>${String(m.isBreakout ?? false)}</isBreakout></meeting>`;
}

export function recordingXml(r: SimRecording, scalelite: boolean): string {
  const formats = r.formats
    .map((f) => {
      const previews = f.previews?.length
        ? `<preview><images>${f.previews
            .map((p) => `<image width="176" height="136" alt="${esc(p.alt)}">${esc(p.url)}</image>`)
            .join('')}</images></preview>`
        : '';
      const size =
        scalelite || f.sizeBytes === undefined ? '' : `<size>${String(f.sizeBytes)}</size>`;
      return `<format><type>${f.type}</type><url>${esc(f.url)}</url><processingTime>${String(f.processingTimeMs ?? 0)}</processingTime><length>${String(f.lengthMinutes)}</length>${size}${previews}</format>`;
    })
    .join('');
  const sizes = scalelite ? '' : `<rawSize>${String(r.rawSizeBytes ?? 0)}</rawSize>`;
  const size = scalelite ? '' : `<size>${String(r.sizeBytes ?? 0)}</size>`;
  return `<recording><recordID>${r.recordId}</recordID><meetingID>${esc(r.meetingId)}</meetingID><internalMeetingID>${r.internalMeetingId ?? r.recordId}</internalMeetingID><name>${esc(r.name)}</name>${scalelite ? '' : '<isBreakout>false</isBreakout>'}<published>${String(r.state === 'published')}</published><state>${r.state}</state><startTime>${String(r.startTime)}</startTime><endTime>${String(r.endTime)}</endTime><participants>${String(r.participants)}</participants>${sizes}${metadataXml(r.metadata, scalelite)}${size}<playback>${formats}</playback>${scalelite ? '' : '<data/>'}</recording>`;
}
