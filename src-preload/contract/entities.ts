import type { PodPublication } from './pod';

/**
 * The shapes that cross the main/renderer boundary. Plain data only: no Dates (ISO strings),
 * no class instances, nothing secret (see DESIGN.md "Security").
 */

/** A message in both UI languages; the CLI and the logs print `en`. */
export interface Bilingual {
  en: string;
  fr: string;
}

export interface User {
  id: number;
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  isStaff: boolean;
  isSuperuser: boolean;
  affiliation: string;
  groups: string[];
  /** `pod`: mirrored from Pod, which is the truth (not edited in Régie); `regie`: typed in here. */
  origin: 'regie' | 'pod';
  /** Seen by the last complete Pod mirror; null when no Pod mirror has run yet. */
  inPod: boolean | null;
}

/** Pod's RECORDER_TYPE minus `studio`, which Régie does not ingest. */
export const recordingTypes = ['video', 'audiovideocast'] as const;
export type RecordingType = (typeof recordingTypes)[number];

export interface Recorder {
  id: number;
  name: string;
  description: string;
  /** Pod's `address_ip`: v4 or v6, unique when set. */
  addressIp: string | null;
  /** Pod's `salt` ("Hash" in Pod's admin): salts the md5 key of the notify call. */
  salt: string;
  /** Pod's `user`: null means manual-claim mode. */
  managerId: number | null;
  additionalUserIds: number[];
  videoTypeId: number;
  recordingType: RecordingType;
  /** Pod's `directory`: one path segment under DEFAULT_RECORDER_PATH. */
  directory: string;
  createdAt: string;
  updatedAt: string;
}

/** A recorder as the console shows it: with its drop folder's absolute path. */
export interface RecorderView extends Recorder {
  /** Absolute path of the drop folder (DEFAULT_RECORDER_PATH or `<data>/recorders`, + directory). */
  dropPath: string;
  /** Why the folder does not exist (Régie could not create it); null when it is there. */
  folderProblem: Bilingual | null;
}

/**
 * A file in a recorder drop folder, from first sight to publication (Pod's
 * RecordingFileTreatment, kept for the file's whole life).
 */
export const fileStatuses = [
  'incomplete',
  'invalid',
  'unknown',
  'unclaimed',
  'notified',
  'queued',
  'encoding',
  'published',
  'deleted',
] as const;
export type FileStatus = (typeof fileStatuses)[number];

export interface MediaSummary {
  durationS: number;
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
}

export interface RecorderFile {
  id: number;
  /** `local` or `sftp:<source id>`. */
  origin: string;
  relPath: string;
  fileName: string;
  folder: string;
  recorderId: number | null;
  size: number;
  status: FileStatus;
  reason: Bilingual | null;
  media: MediaSummary | null;
  firstSeenAt: string;
  detectedAt: string | null;
  /** Manager mode: what the notify call or the email gave. */
  notifyState: string | null;
  notifyDetail: string | null;
  recordingId: number | null;
}

export interface UnknownFolder {
  origin: string;
  folder: string;
  firstSeenAt: string;
  fileCount: number;
}

export interface Slide {
  index: number;
  src: string;
  start: number;
  end: number;
}

export type RecordingStatus = 'queued' | 'encoding' | 'published' | 'failed';

export interface Recording {
  id: number;
  recorderId: number | null;
  fileId: number | null;
  ownerId: number;
  title: string;
  type: RecordingType;
  videoTypeId: number;
  description: string;
  sourcePath: string;
  slides: Slide[];
  status: RecordingStatus;
  comment: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ScanReport {
  scanned: number;
  newFiles: string[];
  incomplete: string[];
  invalid: { path: string; reason: Bilingual }[];
  unknown: string[];
  durationMs: number;
}

/** What the assignment form may do for one file, for the current operator (§8.1.11). */
export interface AssignRules {
  canChooseOwner: boolean;
  canDelete: boolean;
  defaultTitle: string;
  defaultOwner: string | null;
  defaultVideoTypeId: number;
}

export interface Preview {
  /** Same-origin URL of the media (the video inside a ZIP for audiovideocast). */
  url: string;
  kind: 'video' | 'audio';
  slides: (Slide & { url: string | null })[];
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
/** `fetch`, `render`, `compose`: converting a BBB presentation recording to video (issue #10). */
export type JobPhase =
  | 'download'
  | 'probe'
  | 'encode'
  | 'package'
  | 'verify'
  | 'publish'
  | 'fetch'
  | 'render'
  | 'compose'
  | 'upload'
  | 'lookup';

/** A unit of background work (an encode), persisted so nothing is lost on a crash. */
export interface Job {
  id: number;
  kind: string;
  /** What it works on, e.g. `recording:12`. */
  subject: string;
  status: JobStatus;
  phase: JobPhase | null;
  percent: number | null;
  /** Encoding speed as a multiple of real time. */
  speed: number | null;
  etaS: number | null;
  attempts: number;
  error: Bilingual | null;
  /** The exact command lines, to reproduce a failure in a terminal. */
  commands: string[];
  stderrTail: string[];
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface Rendition {
  /** Pod's names: `360p`, `720p`, `playlist`, `audio`… */
  name: string;
  kind: 'mp4' | 'hls' | 'master' | 'mp3' | 'm4a';
  /** File name inside the video's folder; served at /library/<video id>/<file>. */
  file: string;
  height: number | null;
  sizeBytes: number;
}

/** A published video in the library (Pod's Video with its encodings). */
export interface Video {
  id: number;
  recordingId: number | null;
  ownerId: number;
  title: string;
  videoTypeId: number;
  description: string;
  durationS: number;
  isVideo: boolean;
  renditions: Rendition[];
  thumbnail: string | null;
  overviewVtt: string | null;
  master: string | null;
  createdAt: string;
  /** Its publication into Pod (issue #11). */
  pod: PodPublication;
}

/** A remote drop folder polled over SFTP; its password or key never leaves the main side. */
export interface SftpSourceView {
  id: number;
  name: string;
  host: string;
  port: number;
  username: string;
  auth: 'password' | 'key';
  remoteRoot: string;
  pollSeconds: number;
  afterProcessing: 'rename' | 'move' | 'leave';
  moveTo: string | null;
  isConnected: boolean | null;
  lastError: string | null;
}

export type JournalLevel = 'info' | 'warn' | 'error';

export interface JournalEntry {
  id: number;
  at: string;
  level: JournalLevel;
  /** `domain.pastEvent`, e.g. `recorders.created`. */
  kind: string;
  text: Bilingual;
  /** Who acted: the operator's username, `local-admin`, or `system`. */
  actor: string;
  /** What it is about, e.g. `recorder:3`, so the journal can be filtered by subject. */
  subject: string | null;
}

export type SettingType =
  | 'string'
  | 'boolean'
  | 'integer'
  | 'integerOrNull'
  | 'stringList'
  | 'people'
  /** Pod's `VideoRendition` rows (resolution, bitrates, encode_mp4, threshold). */
  | 'renditions';

export interface SettingView {
  key: string;
  type: SettingType;
  group: string;
  help: Bilingual;
  /** Secrets come back as `null` with `hasValue` telling whether one is stored. */
  value: unknown;
  defaultValue: unknown;
  isDefault: boolean;
  isSecret: boolean;
  hasValue: boolean;
  /** A text setting that takes one of these values only. */
  choices?: string[];
}

export interface PodImportReport {
  dryRun: boolean;
  /** Settings taken, with the value read (secrets as null). */
  imported: { key: string; value: unknown; line: number }[];
  /** Names Régie does not use, values of the wrong type, statements that are not literals. */
  ignored: { name: string | null; line: number; reason: Bilingual }[];
}

export interface Permissions {
  manageRecorders: boolean;
  manageUsers: boolean;
  manageSettings: boolean;
}

export interface OperatorView {
  /** null: nobody chosen, the console acts as the local administrator. */
  user: User | null;
  label: string;
  permissions: Permissions;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  databaseFile: string;
  operator: OperatorView;
}

/**
 * Why a call failed, stable for the UI and the CLI to act on. `remote`: another server (BBB,
 * Scalelite, SFTP, SMTP) failed or refused; `program`: ffmpeg/ffprobe could not run or failed;
 * `disk`: a disk is full or not writable; `cancelled`: the caller's own cancel, a status rather
 * than a fault; `internal`: a defect of Régie.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'bad_request'
  | 'unavailable'
  | 'remote'
  | 'program'
  | 'disk'
  | 'cancelled'
  | 'internal';

/** What a failed call carries across the boundary. */
export interface WireError {
  code: ErrorCode;
  /** One or two lines: what failed, on what (server, file, URL without its checksum), the fix. */
  message: Bilingual;
  /** The technical detail (an error code, a command's exit): never a stack, never a secret. */
  detail?: string;
  /** Field name → what is wrong with it, for forms. */
  fieldErrors?: Record<string, Bilingual>;
}
