/** What the simulated BBB holds: meetings (while they run) and recordings. */

export interface SimAttendee {
  userId: string;
  fullName: string;
  role: 'MODERATOR' | 'VIEWER';
  clientType?: string;
  isPresenter?: boolean;
}

export interface SimMeeting {
  meetingId: string;
  internalMeetingId: string;
  name: string;
  createTime: number;
  recording: boolean;
  metadata: Record<string, string>;
  attendees: SimAttendee[];
  isBreakout?: boolean;
  /**
   * BBB lists an ended meeting for a while with running false and its endTime; a meeting made by
   * `create` is not running either until someone joins (endTime 0). Default true.
   */
  running?: boolean;
  endTime?: number;
  /** Default `ap` / `mp`; `create` sets them from its parameters or makes random ones, as BBB. */
  attendeePW?: string;
  moderatorPW?: string;
}

/** A `join` the simulator accepted. */
export interface SimJoin {
  meetingId: string;
  fullName: string;
  role: 'MODERATOR' | 'VIEWER';
  at: number;
}

/** A `sendChatMessage` the simulator accepted (BBB 3.0). */
export interface SimChatMessage {
  meetingId: string;
  message: string;
  /** As sent; empty when the call had none. */
  userName: string;
}

export interface SimFormat {
  type: string;
  url: string;
  lengthMinutes: number;
  sizeBytes?: number;
  processingTimeMs?: number;
  previews?: { url: string; alt: string }[];
}

export interface SimRecording {
  recordId: string;
  meetingId: string;
  internalMeetingId?: string;
  name: string;
  state: 'processing' | 'processed' | 'published' | 'unpublished' | 'deleted';
  startTime: number;
  endTime: number;
  participants: number;
  metadata: Record<string, string>;
  formats: SimFormat[];
  rawSizeBytes?: number;
  sizeBytes?: number;
}

/** A record id as BBB makes them: sha1 of the meeting id, a dash, the start epoch ms. */
export function recordIdOf(index: number, startTime: number): string {
  const hex = (index * 2654435761).toString(16).padStart(8, '0').slice(-8);
  return `${hex.repeat(5)}-${String(startTime)}`;
}

/** `count` published recordings, newest last, one `presentation` format each. */
export function manyRecordings(
  host: string,
  count: number,
  start = 1_700_000_000_000,
): SimRecording[] {
  return Array.from({ length: count }, (_, i) => {
    const startTime = start + i * 3_600_000;
    const recordId = recordIdOf(i + 1, startTime);
    return {
      recordId,
      meetingId: `cours-${String(i % 500)}`,
      name: `Cours ${String(i)} — amphi ${String(i % 12)}`,
      state: 'published',
      startTime,
      endTime: startTime + 3_000_000,
      participants: 1 + (i % 80),
      metadata: {
        'bbb-origin': 'Moodle',
        'bbb-origin-server-name': 'moodle.univ.example',
        'bbb-context': `UE ${String(i % 40)}`,
        isBreakout: 'false',
        meetingName: `Cours ${String(i)}`,
      },
      formats: [
        {
          type: 'presentation',
          url: `${host}/playback/presentation/2.3/${recordId}`,
          lengthMinutes: 50,
          sizeBytes: 3_000_000 + i,
          processingTimeMs: 60_000,
          previews: [1, 2, 3].map((n) => ({
            url: `${host}/presentation/${recordId}/presentation/p/thumbnails/thumb-${String(n)}.png`,
            alt: `Diapositive ${String(n)}`,
          })),
        },
      ],
      rawSizeBytes: 9_000_000 + i,
      sizeBytes: 3_000_000 + i,
    };
  });
}
