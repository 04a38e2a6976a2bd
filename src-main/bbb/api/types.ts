/** BBB answers, typed and with units normalised (bbb.md §0.3): epoch and durations in ms. */

export interface BbbVersionInfo {
  /** `<version>`: always `2.0` on BBB and Scalelite. */
  apiVersion: string;
  /** `<bbbVersion>` (BBB 3.x), e.g. `3.0.19`; null before 3.0 and on Scalelite. */
  bbbVersion: string | null;
  /** Scalelite's optional `<build>`. */
  build: string | null;
}

export interface BbbAttendee {
  /** BBB's user id: the integrator's external id when it passed one (Moodle, Pod), else BBB's. */
  userId: string;
  fullName: string;
  role: 'MODERATOR' | 'VIEWER';
  isPresenter: boolean;
  /** `HTML5`, `FLASH`, `dial-in`… as sent. */
  clientType: string;
}

export interface BbbMeetingInfo {
  meetingId: string;
  internalMeetingId: string;
  name: string;
  createTimeMs: number;
  /** `startTime`; null when absent. */
  startTimeMs: number | null;
  /** `endTime`; null while running (BBB sends 0). */
  endTimeMs: number | null;
  running: boolean;
  /** BBB's `recording` flag: nearly always true, not proof of a recording (seed doc). */
  recording: boolean;
  participantCount: number;
  moderatorCount: number;
  isBreakout: boolean;
  parentMeetingId: string | null;
  /** `meta_*` keys lower-cased (bbb.md §1.3), values trimmed. */
  metadata: Record<string, string>;
  attendees: BbbAttendee[];
}

export interface BbbPreviewImage {
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
}

export interface BbbFormat {
  /** presentation, video, podcast, notes, screenshare, capture, statistics… */
  type: string;
  url: string;
  /** `<length>`: minutes (integer; 0 for under a minute). */
  lengthMinutes: number;
  processingTimeMs: number | null;
  /** Bytes (BBB 2.x+); null when not sent (Scalelite, old servers). */
  sizeBytes: number | null;
  previews: BbbPreviewImage[];
}

export interface BbbRecording {
  recordId: string;
  meetingId: string;
  internalMeetingId: string;
  name: string;
  /** processing, processed, published, unpublished, deleted. */
  state: string;
  published: boolean;
  /** Scalelite's protected recordings. */
  isProtected: boolean;
  isBreakout: boolean;
  startTimeMs: number;
  endTimeMs: number;
  participants: number | null;
  rawSizeBytes: number | null;
  sizeBytes: number | null;
  metadata: Record<string, string>;
  formats: BbbFormat[];
}

export interface BbbRecordingsPage {
  recordings: BbbRecording[];
  /**
   * The total the server reported for a paginated call: `<totalElements>` under `<response>`
   * (2.7) or in `<pagination>` (2.6, early 3.0); null when it said nothing (≤2.5, Scalelite).
   */
  totalElements: number | null;
}
