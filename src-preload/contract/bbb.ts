import type { Bilingual } from './entities';
/** BigBlueButton as the console shows it (issue #5): servers, mirrored meetings, recordings. */

export type BbbChecksum = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface BbbServerView {
  id: number;
  name: string;
  url: string;
  checksum: BbbChecksum;
  /** Publish this server's recordings to their moderator without an operator. */
  autoPublish: boolean;
  /** Detected: `3.0.19`, `2.x`, `Scalelite`; null before the first contact. */
  version: string | null;
  /** null: not tried yet. */
  isReachable: boolean | null;
  /** What the last contact failed on, in both languages (one line, then what to check). */
  lastError: Bilingual | null;
  lastPollAt: string | null;
}

export interface BbbAttendeeView {
  id: number;
  fullName: string;
  bbbUserId: string;
  role: 'MODERATOR' | 'VIEWER';
  clientType: string;
  /** First poll that saw them in the meeting. */
  joinedAt: string;
  lastSeenAt: string;
  /** The Régie user they are, when known. */
  userId: number | null;
  /** matched (exact name), chosen (by an operator), ambiguous, none, unmatched (a viewer). */
  matchState: 'matched' | 'chosen' | 'ambiguous' | 'none' | 'unmatched';
}

export interface BbbMeetingView {
  id: number;
  serverId: number;
  serverName: string;
  meetingId: string;
  internalMeetingId: string;
  name: string;
  isRunning: boolean;
  recording: boolean;
  isBreakout: boolean;
  participantCount: number;
  moderatorCount: number;
  maxParticipants: number;
  /** `bbb-origin` (Moodle, Greenlight, Pod…), `bbb-origin-server-name`, `bbb-context`. */
  origin: string | null;
  originServer: string | null;
  context: string | null;
  metadata: Record<string, string>;
  startedAt: string;
  endedAt: string | null;
  moderators: BbbAttendeeView[];
  /** Everyone seen, moderators included. */
  attendeeCount: number;
}

export interface BbbFormatView {
  type: string;
  url: string;
  lengthMinutes: number;
  sizeBytes: number | null;
  previews: { url: string; alt: string }[];
}

export type BbbPublication =
  'none' | 'queued' | 'downloading' | 'encoding' | 'published' | 'awaiting_conversion' | 'failed';

export interface BbbRecordingView {
  id: number;
  serverId: number;
  serverName: string;
  recordId: string;
  meetingId: string;
  internalMeetingId: string;
  name: string;
  state: string;
  isPublished: boolean;
  isProtected: boolean;
  startMs: number;
  endMs: number;
  durationS: number;
  participants: number | null;
  sizeBytes: number | null;
  formats: BbbFormatView[];
  origin: string | null;
  /** The mirrored meeting it came from, when Régie saw it run. */
  meetingRowId: number | null;
  /** Régie users seen moderating that meeting. */
  moderatorUserIds: number[];
  publication: BbbPublication;
  ownerId: number | null;
  publicationError: string | null;
  /** The Régie recording made from it, then the video. */
  recordingId: number | null;
}

/** A moderator Régie could not match by name alone: the operator picks the user. */
export interface BbbMatchCase {
  attendeeId: number;
  identity: string;
  fullName: string;
  matchState: 'ambiguous' | 'none';
  candidateUserIds: number[];
  meetingName: string;
  serverName: string;
  seenAt: string;
}

export interface BbbPollReport {
  servers: {
    serverId: number;
    name: string;
    ok: boolean;
    error: string | null;
    running: number;
    ended: number;
    written: number;
    ms: number;
  }[];
}

export interface BbbMirrorReport {
  serverId: number;
  name: string;
  /** Recordings the server listed. */
  listed: number;
  /** Rows inserted or changed (unchanged ones are not written). */
  written: number;
  mode: 'paged' | 'whole' | 'by-meeting';
  requests: number;
  ms: number;
}
