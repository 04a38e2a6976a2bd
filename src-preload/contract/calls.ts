import { z } from 'zod';
import { fileStatuses } from './entities';
import type {
  BbbMatchCase,
  BbbMeetingView,
  BbbMirrorReport,
  BbbPollReport,
  BbbRecordingView,
  BbbServerView,
} from './bbb';
import type { PodCatalog, PodMirrorReport, PodStatusView, PodTestReport } from './pod';
import type {
  ExternalRecordingView,
  MigrationItemView,
  MigrationRunView,
  MigrationSnapshot,
  MoodleConnectionView,
  MoodleTestResult,
} from './migration';
import type { HlsHealth, LiveGatewayView, WebinarChatMessage, WebinarView } from './webinar';
import type {
  AppInfo,
  AssignRules,
  Job,
  Video,
  Preview,
  RecorderFile,
  Recording,
  ScanReport,
  SftpSourceView,
  UnknownFolder,
  JournalEntry,
  OperatorView,
  PodImportReport,
  RecorderView,
  SettingView,
  User,
} from './entities';

/**
 * Argument schemas check shape only; the core's validators check meaning (a valid IP, a safe
 * directory, a known manager) and answer with field errors in both languages.
 */
const none = z.object({}).strict();
const id = z.object({ id: z.number().int().positive() }).strict();

const userFields = {
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  isStaff: z.boolean(),
  isSuperuser: z.boolean(),
  affiliation: z.string(),
  groups: z.array(z.string()),
};
export const userInput = z.object(userFields).partial({
  email: true,
  isStaff: true,
  isSuperuser: true,
  affiliation: true,
  groups: true,
});
export type UserInput = z.infer<typeof userInput>;

const recorderFields = {
  name: z.string(),
  description: z.string(),
  addressIp: z.string().nullable(),
  salt: z.string(),
  /** A manager is named by username, as on the CLI; null for manual-claim mode. */
  manager: z.string().nullable(),
  additionalUsers: z.array(z.string()),
  videoTypeId: z.number().int(),
  recordingType: z.string(),
  directory: z.string(),
};
export const recorderInput = z.object(recorderFields).partial({
  description: true,
  addressIp: true,
  salt: true,
  manager: true,
  additionalUsers: true,
  videoTypeId: true,
  recordingType: true,
});
export type RecorderInput = z.infer<typeof recorderInput>;

/** `call(schema).returns<T>()`: the schema checks the arguments, `T` types the result. */
function call<A extends z.ZodType>(args: A) {
  return { returns: <R>() => ({ args, result: undefined as unknown as R }) };
}

const patchOf = <S extends z.ZodObject>(input: S) =>
  z.object({ id: z.number().int().positive(), patch: input.partial().strict() }).strict();

const gatewayInput = z
  .object({
    name: z.string(),
    rtmpUrl: z.string(),
    hlsUrl: z.string(),
    sipmediagwUrl: z.string(),
    token: z.string(),
    api: z.enum(['auto', 'legacy', 'current']),
    tlsVerify: z.boolean(),
    isEnabled: z.boolean(),
  })
  .partial({
    name: true,
    sipmediagwUrl: true,
    token: true,
    api: true,
    tlsVerify: true,
    isEnabled: true,
  });

/** Every call the UI (and the web host, and Electron IPC) can make. Names are `domain.verb`. */
export const calls = {
  'app.describe': call(none).returns<AppInfo>(),
  'operator.set': call(
    z.object({ username: z.string().nullable() }).strict(),
  ).returns<OperatorView>(),

  'users.list': call(none).returns<User[]>(),
  'users.create': call(userInput.strict()).returns<User>(),
  'users.update': call(patchOf(userInput)).returns<User>(),
  'users.remove': call(id).returns<{ id: number }>(),

  'recorders.list': call(none).returns<RecorderView[]>(),
  'recorders.create': call(recorderInput.strict()).returns<RecorderView>(),
  'recorders.update': call(patchOf(recorderInput)).returns<RecorderView>(),
  'recorders.remove': call(id).returns<{ id: number }>(),

  'settings.list': call(none).returns<SettingView[]>(),
  'settings.set': call(
    z.object({ key: z.string(), value: z.unknown() }).strict(),
  ).returns<SettingView>(),
  'settings.reset': call(z.object({ key: z.string() }).strict()).returns<SettingView>(),
  /** Reads a Pod settings_local.py; writes the settings Régie knows unless `dryRun`. */
  'settings.importPod': call(
    z.object({ source: z.string().max(2 * 1024 * 1024), dryRun: z.boolean() }).strict(),
  ).returns<PodImportReport>(),

  'inbox.list': call(
    z.object({ statuses: z.array(z.enum(fileStatuses)).optional() }).strict(),
  ).returns<RecorderFile[]>(),
  'inbox.getRules': call(
    z.object({ id: z.number().int().positive() }).strict(),
  ).returns<AssignRules>(),
  /** Claim (revendication) or assign one or several files: each becomes a queued recording. */
  'inbox.assign': call(
    z
      .object({
        ids: z.array(z.number().int().positive()).min(1).max(1000),
        title: z.string().optional(),
        videoTypeId: z.number().int().optional(),
        description: z.string().optional(),
        owner: z.string().optional(),
      })
      .strict(),
  ).returns<Recording[]>(),
  /** Moves the files to the trash folder (kept TRASH_RETENTION_DAYS), never `rm`. */
  'inbox.delete': call(
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) }).strict(),
  ).returns<{ ids: number[] }>(),
  'inbox.preview': call(z.object({ id: z.number().int().positive() }).strict()).returns<Preview>(),
  'unknownFolders.list': call(none).returns<UnknownFolder[]>(),
  'recorders.scan': call(none).returns<ScanReport>(),
  'recordings.list': call(
    z.object({ status: z.enum(['queued', 'encoding', 'published', 'failed']).optional() }).strict(),
  ).returns<Recording[]>(),
  /** Pod's "add a recording": from a file already in a recorder's folder. */
  'recordings.add': call(
    z
      .object({
        recorderId: z.number().int().positive(),
        relPath: z.string(),
        title: z.string(),
        owner: z.string().optional(),
        videoTypeId: z.number().int().optional(),
        description: z.string().optional(),
      })
      .strict(),
  ).returns<Recording>(),

  'sftp.list': call(none).returns<SftpSourceView[]>(),
  'sftp.add': call(
    z
      .object({
        name: z.string(),
        host: z.string(),
        port: z.number().int().optional(),
        username: z.string(),
        password: z.string().optional(),
        privateKey: z.string().optional(),
        remoteRoot: z.string(),
        pollSeconds: z.number().int().optional(),
        afterProcessing: z.enum(['rename', 'move', 'leave']).optional(),
        moveTo: z.string().optional(),
      })
      .strict(),
  ).returns<SftpSourceView>(),
  'sftp.remove': call(id).returns<{ id: number }>(),

  'jobs.list': call(none).returns<Job[]>(),
  /** Kills the job's processes and removes its partial outputs; a cancel is a status. */
  'jobs.cancel': call(id).returns<Job>(),
  'jobs.retry': call(id).returns<Job>(),
  'videos.list': call(none).returns<Video[]>(),

  'bbbServers.list': call(none).returns<BbbServerView[]>(),
  'bbbServers.add': call(
    z
      .object({
        name: z.string(),
        url: z.string(),
        secret: z.string(),
        checksum: z.enum(['sha1', 'sha256', 'sha384', 'sha512']).optional(),
        autoPublish: z.boolean().optional(),
        /**
         * Test the connection first and add nothing when it fails (the error says why and what
         * to check). Without it the server is added as given and tested later.
         */
        isTestedFirst: z.boolean().optional(),
      })
      .strict(),
  ).returns<BbbServerView>(),
  /** Edits a server; an empty or absent secret keeps the stored one (it never leaves Régie). */
  'bbbServers.update': call(
    patchOf(
      z.object({
        name: z.string(),
        url: z.string(),
        secret: z.string(),
        checksum: z.enum(['sha1', 'sha256', 'sha384', 'sha512']),
        autoPublish: z.boolean(),
      }),
    ),
  ).returns<BbbServerView>(),
  'bbbServers.remove': call(id).returns<{ id: number }>(),
  /** The version document, then a signed call: proves the URL, the secret and the algorithm. */
  'bbbServers.test': call(id).returns<BbbServerView>(),
  /** One pass of the meetings mirror over every server. */
  'bbbMeetings.poll': call(none).returns<BbbPollReport>(),
  'bbbMeetings.list': call(
    z
      .object({
        runningOnly: z.boolean().optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict(),
  ).returns<BbbMeetingView[]>(),
  'bbbRecordings.list': call(
    z
      .object({
        serverId: z.number().int().positive().optional(),
        meetingId: z.string().optional(),
        limit: z.number().int().min(1).max(50_000).optional(),
      })
      .strict(),
  ).returns<BbbRecordingView[]>(),
  /** Recordings of the recent meetings, or every recording of one server. */
  'bbbRecordings.mirror': call(
    z.object({ serverId: z.number().int().positive().optional() }).strict(),
  ).returns<BbbMirrorReport[]>(),
  'bbbRecordings.publish': call(
    z.object({ id: z.number().int().positive(), owner: z.string() }).strict(),
  ).returns<BbbRecordingView>(),
  /** The first pictures of a presentation recording's conversion (data URLs), oldest first. */
  'bbbRecordings.preview': call(z.object({ id: z.number().int().positive() }).strict()).returns<{
    frames: string[];
  }>(),
  'bbbMatches.list': call(none).returns<BbbMatchCase[]>(),
  'bbbMatches.choose': call(
    z.object({ attendeeId: z.number().int().positive(), username: z.string() }).strict(),
  ).returns<{ attendeeId: number; userId: number }>(),

  /** The connection as configured, the last test and mirror, the mirror's counts. */
  'pod.status': call(none).returns<PodStatusView>(),
  /** Reachable, JSON API, token valid, user staff, which apps answer; every line says why. */
  'pod.test': call(none).returns<PodTestReport>(),
  /** Mirrors users, owners, types, sites, recorders, buildings, broadcasters, live gateways. */
  'pod.mirror': call(none).returns<PodMirrorReport>(),
  'pod.catalog': call(none).returns<PodCatalog>(),
  /** Queues the publication of a verified video as its owner's Pod video (draft by default). */
  'pod.publish': call(
    z
      .object({
        videoId: z.number().int().positive(),
        mode: z.enum(['draft', 'public']).optional(),
      })
      .strict(),
  ).returns<Video>(),
  /** Reads the video's state in Pod again (encoding step, encoded). */
  'pod.refresh': call(z.object({ videoId: z.number().int().positive() }).strict()).returns<Video>(),

  /** Plans a migration: one line per recording (what, to whom, which file, why); `dry` stops there. */
  'migration.plan': call(
    z
      .object({
        serverId: z.number().int().positive(),
        mode: z.enum(['manual_claim', 'import_video', 'export_csv']),
        recorderId: z.number().int().positive().optional(),
        admin: z.string().optional(),
        target: z.enum(['regie', 'pod-db']).optional(),
        csvPath: z.string().optional(),
        useMoodle: z.boolean().optional(),
        min: z.number().int().positive().optional(),
        max: z.number().int().positive().optional(),
        from: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        to: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/)
          .optional(),
        originServer: z.string().optional(),
        states: z.array(z.string()).optional(),
        dry: z.boolean().optional(),
      })
      .strict(),
  ).returns<MigrationRunView>(),
  /** Runs a plan, or resumes one: only the lines not done yet. */
  'migration.start': call(
    z.object({ runId: z.number().int().positive() }).strict(),
  ).returns<MigrationRunView>(),
  'migration.runs': call(none).returns<MigrationRunView[]>(),
  /** Stops a run: its waiting lines stay planned (start resumes them), running ones are cancelled. */
  'migration.cancel': call(
    z.object({ runId: z.number().int().positive() }).strict(),
  ).returns<MigrationRunView>(),
  /** The server's stored list: count, when it was read, date range, states, origin servers. */
  'migration.snapshot': call(
    z.object({ serverId: z.number().int().positive() }).strict(),
  ).returns<MigrationSnapshot>(),
  'migration.items': call(
    z
      .object({
        runId: z.number().int().positive(),
        state: z.enum(['planned', 'running', 'done', 'skipped', 'failed']).optional(),
        action: z.enum(['download', 'convert', 'external', 'csv', 'skip']).optional(),
        limit: z.number().int().min(1).max(100_000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
  ).returns<MigrationItemView[]>(),
  'externalRecordings.list': call(none).returns<ExternalRecordingView[]>(),
  /** Converts chosen external recordings and hands them to the Library under their owners. */
  'externalRecordings.publish': call(
    z.object({ ids: z.array(z.number().int().positive()).min(1).max(1000) }).strict(),
  ).returns<ExternalRecordingView[]>(),
  'moodle.list': call(none).returns<MoodleConnectionView[]>(),
  /** One Moodle database per bbb-origin-server-name, or `default`; the password never comes back. */
  'moodle.add': call(
    z
      .object({
        name: z.string(),
        kind: z.string(),
        host: z.string(),
        port: z.number().int().optional(),
        databaseName: z.string(),
        username: z.string(),
        password: z.string().optional(),
        tablePrefix: z.string().optional(),
        schemaName: z.string().optional(),
        canWriteNotice: z.boolean().optional(),
      })
      .strict(),
  ).returns<MoodleConnectionView>(),
  'moodle.remove': call(id).returns<{ id: number }>(),
  /** Logs in, then checks the three tables the migration reads. */
  'moodle.test': call(id).returns<MoodleTestResult>(),

  'gateways.list': call(none).returns<LiveGatewayView[]>(),
  'gateways.add': call(gatewayInput.strict()).returns<LiveGatewayView>(),
  /** An empty or absent token keeps the stored one (it never leaves Régie). */
  'gateways.update': call(patchOf(gatewayInput)).returns<LiveGatewayView>(),
  'gateways.remove': call(id).returns<{ id: number }>(),
  /** Probes the SIPMediaGW (API generation, token) and reads the HLS side once. */
  'gateways.test': call(id).returns<LiveGatewayView>(),
  'gateways.health': call(id).returns<HlsHealth>(),

  'webinars.list': call(none).returns<WebinarView[]>(),
  /** Creates the webinar and allocates a free gateway for its slot; refused when none is free. */
  'webinars.create': call(
    z
      .object({
        serverId: z.number().int().positive(),
        name: z.string(),
        startAt: z.string(),
        durationMinutes: z.number().int(),
        enableChat: z.boolean().optional(),
        owner: z.string().optional(),
        additionalOwners: z.array(z.string()).optional(),
        /** An existing BBB meeting (its meetingID) instead of one created by Régie. */
        meetingId: z.string().optional(),
        /** Restricted meetings cannot be webinars (pod-behaviour.md §8.5.11): refused. */
        isRestricted: z.boolean().optional(),
      })
      .strict(),
  ).returns<WebinarView>(),
  /** Name, slot (gateway re-checked), chat setting, additional owners. */
  'webinars.update': call(
    patchOf(
      z.object({
        name: z.string(),
        startAt: z.string(),
        durationMinutes: z.number().int(),
        enableChat: z.boolean(),
        additionalOwners: z.array(z.string()),
      }),
    ),
  ).returns<WebinarView>(),
  'webinars.remove': call(id).returns<{ id: number }>(),
  /** BBB meeting created (or running), then the gateway started; live only once it says ok. */
  'webinars.start': call(id).returns<WebinarView>(),
  'webinars.stopLive': call(id).returns<WebinarView>(),
  'webinars.restartLive': call(id).returns<WebinarView>(),
  /** The live, then BBB `end`, once. */
  'webinars.end': call(id).returns<WebinarView>(),
  /** Shows or hides the chat panel in the stream; the state is kept. */
  'webinars.toggleChat': call(id).returns<WebinarView>(),
  /** A listener's message to the BBB public chat, prefixed with the author's name. */
  'webinars.chat': call(
    z
      .object({
        id: z.number().int().positive(),
        message: z.string(),
        author: z.string().optional(),
      })
      .strict(),
  ).returns<WebinarChatMessage>(),
  'webinars.messages': call(id).returns<WebinarChatMessage[]>(),

  'journal.list': call(
    z
      .object({
        limit: z.number().int().min(1).max(1000).optional(),
        beforeId: z.number().int().positive().optional(),
        /** One thing's entries only, e.g. `file:12`. */
        subject: z.string().max(200).optional(),
      })
      .strict(),
  ).returns<JournalEntry[]>(),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<N extends CallName> = z.input<Calls[N]['args']>;
export type CallResult<N extends CallName> = Calls[N]['result'];
export const callNames = Object.keys(calls) as CallName[];
