import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  calls,
  type CallArgs,
  type CallName,
  type CallResult,
  type Calls,
  type Outcome,
} from '../../src-preload/contract';
import { openDatabase, type Db } from '../db/open';
import { createJournal } from '../journal/journal';
import { createFileLogger, type Logger } from '../logging/logger';
import { createRecordersRepository } from '../recorders/repository';
import { createRecordersService } from '../recorders/service';
import { createDropService } from '../drop/dropService';
import { createInboxService } from '../inbox/service';
import { createSftpSourcesService } from '../sftp/sourcesService';
import { purgeTrash } from '../inbox/trash';
import {
  createRecordingsRepository,
  toRecordingView,
  type StoredRecording,
} from '../recordings/repository';
import { createBbbService } from '../bbb/service';
import { createJobQueue } from '../jobs';
import { checkPrograms } from '../library/programsCheck';
import { createLibraryService } from '../library/service';
import { createVideosRepository } from '../library/repository';
import { createPodService, type PodService } from '../pod/service';
import { createMigrationService, type MigrationService } from '../migration/service';
import { createMoodleConnectionsService } from '../migration/moodle/service';
import { createWebinarService, type WebinarService } from '../webinar/service';
import { moodleSession } from '../migration/moodleOwners';
import { stopAllChildren } from '../media/children';
import { keyFileCipher, type SecretCipher } from '../secrets/cipher';
import { createSettingsService } from '../settings/service';
import { createSettingsStore } from '../settings/store';
import { createOperatorService } from '../users/operator';
import { createUsersRepository } from '../users/repository';
import { createUsersService } from '../users/service';
import { bi, RegieError, toWireError } from '../ground/errors';
import { createEventBus, type EventBus } from '../ground/events';
import type { Services } from '../kit/services';
import { regieVersion } from '../ground/version';

export interface AppConfig {
  dataDir: string;
  /** `--as USERNAME`: act as this user for this process, without changing the setting. */
  operator?: string;
  /** Electron passes a better-sqlite3 binary built for its own ABI. */
  sqliteNativeBinding?: string;
  /** Electron passes one backed by safeStorage; otherwise a 0600 key file in the data dir. */
  cipher?: SecretCipher;
  now?: () => Date;
  /** Watch the drop folders (the console and the desktop app); one-shot CLI commands do not. */
  watch?: boolean;
  /** Waits between Pod publish attempts after a network failure (tests shorten them). */
  podRetryDelaysMs?: readonly number[];
}

type Handlers = {
  [N in CallName]: (args: z.output<Calls[N]['args']>) => CallResult<N> | Promise<CallResult<N>>;
};

export interface Api {
  /** For bridges: untrusted name and arguments in, an outcome out; never throws. */
  call(name: string, args: unknown): Promise<Outcome<unknown>>;
  /** For trusted callers (CLI, tests): typed, throws RegieError. */
  invoke<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>>;
}

export interface RegieApp {
  api: Api;
  events: EventBus;
  dataDir: string;
  /** The file behind a preview URL (/media/file/<id>[/slide/<n>]), for the web host. */
  mediaPath(fileId: number, slide?: number): string | undefined;
  /** `regie migrate`: a run's lines in this process (not through the queue). */
  migrateNow: MigrationService['runNow'];
  /** `regie pod publish`: a video sent to Pod in this process (not through the queue). */
  podPublishNow: PodService['publishNow'];
  /** The webinars' join relay, the web host's only public path (host/relay.ts). */
  relay: WebinarService['relay'];
  /** A published video's file (/library/<id>/<name>), for the web host. */
  libraryFile(videoId: number, name: string): string | undefined;
  /**
   * Stops everything and closes the database; resolves once done. Running jobs end
   * `interrupted (quit)` and every program Régie started has exited. Await it before exiting.
   */
  close(): Promise<void>;
}

/** The folders Régie owns inside its data directory (DESIGN.md "Run modes and set-up"). */
export const dataFolders = ['recorders', 'library', 'work', 'logs', 'trash', 'archive'] as const;

export function createApp(config: AppConfig): RegieApp {
  const now = config.now ?? (() => new Date());
  const { dataDir } = config;
  for (const folder of dataFolders) mkdirSync(join(dataDir, folder), { recursive: true });
  const logger = createFileLogger({ dir: join(dataDir, 'logs'), now });
  const databaseFile = join(dataDir, 'regie.db');
  const opened = openDatabase({
    file: databaseFile,
    now,
    ...(config.sqliteNativeBinding ? { nativeBinding: config.sqliteNativeBinding } : {}),
  });
  const { db } = opened;
  if (opened.backupFile) {
    logger.info(`db.migrated from=${String(opened.previousVersion)} backup=${opened.backupFile}`);
  }
  try {
    return compose(config, { db, logger, now, dataDir, databaseFile });
  } catch (error) {
    // Refusing to start (an unknown --as, say) must not leave the database open.
    db.close();
    throw error;
  }
}

function compose(
  config: AppConfig,
  base: { db: Db; logger: Logger; now: () => Date; dataDir: string; databaseFile: string },
): RegieApp {
  const { db, logger, now, dataDir, databaseFile } = base;

  const events = createEventBus((error) => logger.error(`event listener failed: ${String(error)}`));
  const cipher = config.cipher ?? keyFileCipher(join(dataDir, 'secret.key'));
  const settings = createSettingsStore(db, cipher, now);
  const users = createUsersRepository(db);
  const operator = createOperatorService({ users, settings, override: config.operator });
  const journal = createJournal({ db, events, logger, now });
  const services: Services = {
    dataDir,
    db,
    now,
    events,
    logger,
    settings,
    journal,
    users,
    operator,
    record: (input) => journal.append(input, operator.actor()),
  };
  // Fail now, with the message, if `--as` names nobody.
  operator.current();

  const usersService = createUsersService(services);
  const recorders = createRecordersService(services, createRecordersRepository(db));
  const settingsService = createSettingsService(services);
  const drop = createDropService({ s: services, recorders });
  const sftp = createSftpSourcesService({ s: services, cipher, drop });
  const recordingsRepo = createRecordingsRepository(db);
  const library = createLibraryService({
    s: services,
    recordings: recordingsRepo,
    files: drop.files,
    onVideo: (video) => pod.videoPublished(video.id),
  });
  const pod = createPodService({
    s: services,
    videos: createVideosRepository(db),
    jobs: () => jobs,
    ...(config.podRetryDelaysMs ? { retryDelaysMs: config.podRetryDelaysMs } : {}),
  });
  const enqueueEncode = (recording: StoredRecording) =>
    void jobs.enqueue('encode', `recording:${String(recording.id)}`, {
      recordingId: recording.id,
    });
  const bbb = createBbbService({
    s: services,
    cipher,
    regieRecordings: recordingsRepo,
    drop,
    jobs: () => jobs,
    onRecording: enqueueEncode,
  });
  const webinars = createWebinarService({ s: services, cipher, bbbServers: bbb.servers });
  // Pod's live gateways join the registry after each Pod mirror (incomplete until given a
  // SIPMediaGW URL and token).
  events.on('pod.changed', () => {
    if (db.open) webinars.gateways.syncFromPod();
  });
  // A BBB recording's row follows the Régie recording made from it (encoding, published).
  events.on('recordings.changed', ({ items }) => {
    for (const recording of items) bbb.recordingChanged(recording.id);
  });
  const jobs = createJobQueue({
    db,
    now,
    concurrency: () => settings.get('REGIE_ENCODING_CONCURRENCY'),
    minFreeBytes: () => settings.get('REGIE_MIN_FREE_MB') * 1_000_000,
    handlers: {
      encode: (ctx) => library.encode(ctx),
      bbbPublish: (ctx) => bbb.runPublishJob(ctx),
      podPublish: (ctx) => pod.runPublishJob(ctx),
      migrationItem: (ctx) => migration.runItem(ctx),
      externalPublish: (ctx) => migration.runExternal(ctx),
    },
    events: {
      changed: (job) => events.emit('jobs.changed', { items: [job] }),
      progressed: (job) => events.emit('jobs.progressed', { items: [job] }),
    },
    workDir: join(dataDir, 'work'),
  });
  const moodle = createMoodleConnectionsService({ s: services, cipher });
  const migration = createMigrationService({
    s: services,
    moodle: () => moodleSession(moodle, settings.get('MIGRATION_IGNORED_SERVERS')),
    jobs: () => jobs,
    recorders: () => recorders.list(),
    server: (id) => {
      const server = bbb.servers.repo.list().find((x) => x.id === id);
      return server && { name: server.name, version: server.version };
    },
    refresh: (serverId) => bbb.mirrorServer(serverId),
    handOver: (input) => {
      const recording = recordingsRepo.insert(
        {
          recorderId: null,
          fileId: null,
          ownerId: input.ownerId,
          title: input.title,
          type: 'video',
          videoTypeId: settings.get('DEFAULT_BBB_TYPE_ID'),
          description: input.description,
          sourcePath: input.sourcePath,
          mediaPath: null,
          slides: [],
          comment: input.comment,
          createdBy: operator.actor(),
        },
        now().toISOString(),
      );
      enqueueEncode(recording);
    },
  });
  const inbox = createInboxService({
    s: services,
    files: drop.files,
    recorders,
    onProcessed: (file) => sftp.processed(file),
    onRecording: enqueueEncode,
  });
  purgeTrash(dataDir, settings.get('TRASH_RETENTION_DAYS'), now());

  const handlers: Handlers = {
    'app.describe': () => ({
      version: regieVersion,
      dataDir,
      databaseFile,
      operator: operator.current(),
    }),
    'operator.set': ({ username }) => settingsService.chooseOperator(username),
    'users.list': () => usersService.list(),
    'users.create': (args) => usersService.create(args),
    'users.update': ({ id, patch }) => usersService.update(id, patch),
    'users.remove': ({ id }) => usersService.remove(id),
    'recorders.list': () => recorders.list(),
    'recorders.create': (args) => recorders.create(args),
    'recorders.update': ({ id, patch }) => recorders.update(id, patch),
    'recorders.remove': ({ id }) => recorders.remove(id),
    'settings.list': () => settings.list(),
    'settings.set': ({ key, value }) => settingsService.set(key, value),
    'settings.reset': ({ key }) => settingsService.reset(key),
    'settings.importPod': ({ source, dryRun }) => settingsService.importPod(source, dryRun),
    'journal.list': (args) => journal.list(args),
    'jobs.list': () => jobs.list(),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'jobs.retry': ({ id }) => jobs.retry(id),
    'videos.list': () => library.list(),
    'sftp.list': () => sftp.list(),
    'sftp.add': (args) => sftp.add(args),
    'sftp.remove': ({ id }) => sftp.remove(id),
    'inbox.list': ({ statuses }) => inbox.list(statuses),
    'inbox.getRules': ({ id }) => inbox.rules(id),
    'inbox.assign': (args) => inbox.assign(args),
    'inbox.delete': ({ ids }) => inbox.delete(ids),
    'inbox.preview': ({ id }) => inbox.preview(id),
    'unknownFolders.list': () => drop.unknownFolders.list(),
    'recorders.scan': () => drop.scanAndSettle(),
    'recordings.list': ({ status }) => recordingsRepo.list(status).map(toRecordingView),
    'recordings.add': (args) => inbox.addRecording(args, (relPath) => drop.checkNow(relPath)),
    'bbbServers.list': () => bbb.servers.list(),
    'bbbServers.add': (args) => bbb.servers.add(args),
    'bbbServers.update': ({ id, patch }) => bbb.servers.update(id, patch),
    'bbbServers.remove': ({ id }) => bbb.servers.remove(id),
    'bbbServers.test': ({ id }) => bbb.servers.test(id),
    'bbbMeetings.poll': () => bbb.pollOnce(),
    'bbbMeetings.list': (args) => bbb.meetings(args),
    'bbbRecordings.list': (args) => bbb.recordings(args),
    'bbbRecordings.mirror': async ({ serverId }) =>
      serverId === undefined ? bbb.mirrorRecent() : [await bbb.mirrorServer(serverId)],
    'bbbRecordings.publish': ({ id, owner }) => bbb.publish(id, owner),
    'bbbRecordings.preview': ({ id }) => bbb.previews(id),
    'bbbMatches.list': () => bbb.matchQueue(),
    'bbbMatches.choose': ({ attendeeId, username }) => bbb.matching.choose(attendeeId, username),
    'pod.status': () => pod.status(),
    'pod.test': () => pod.test(),
    'pod.mirror': () => pod.mirror(),
    'pod.catalog': () => pod.catalog(),
    'pod.publish': ({ videoId, mode }) => pod.publish(videoId, mode),
    'pod.refresh': ({ videoId }) => pod.refresh(videoId),
    'migration.plan': (args) => migration.plan(args),
    'migration.start': ({ runId }) => migration.start(runId),
    'migration.runs': () => migration.runs(),
    'migration.cancel': ({ runId }) => migration.cancel(runId),
    'migration.snapshot': ({ serverId }) => migration.snapshot(serverId),
    'migration.items': ({ runId, ...filter }) => migration.items(runId, filter),
    'externalRecordings.list': () => migration.externals(),
    'externalRecordings.publish': ({ ids }) => migration.publishExternals(ids),
    'moodle.list': () => moodle.list(),
    'moodle.add': (args) => moodle.add(args),
    'moodle.remove': ({ id }) => moodle.remove(id),
    'moodle.test': ({ id }) => moodle.test(id),
    'gateways.list': () => webinars.gateways.list(),
    'gateways.add': (args) => webinars.gateways.add(args),
    'gateways.update': ({ id, patch }) => webinars.gateways.update(id, patch),
    'gateways.remove': ({ id }) => webinars.gateways.remove(id),
    'gateways.test': ({ id }) => webinars.gateways.test(id),
    'gateways.health': ({ id }) => webinars.health(id),
    'webinars.list': () => webinars.list(),
    'webinars.create': (args) => webinars.create(args),
    'webinars.update': ({ id, patch }) => webinars.update(id, patch),
    'webinars.remove': ({ id }) => webinars.remove(id),
    'webinars.start': ({ id }) => webinars.start(id),
    'webinars.stopLive': ({ id }) => webinars.stopLive(id),
    'webinars.restartLive': ({ id }) => webinars.restartLive(id),
    'webinars.end': ({ id }) => webinars.end(id),
    'webinars.toggleChat': ({ id }) => webinars.toggleChat(id),
    'webinars.chat': ({ id, message, author }) => webinars.chat(id, message, author),
    'webinars.messages': ({ id }) => webinars.messages(id),
  };

  const dispatch = (name: string, rawArgs: unknown): unknown => {
    if (!Object.hasOwn(calls, name)) {
      throw new RegieError(
        'bad_request',
        bi(`Unknown call "${name}"`, `Appel inconnu « ${name} »`),
      );
    }
    const callName = name as CallName;
    const parsed = calls[callName].args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const fieldErrors: Record<string, ReturnType<typeof bi>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || '(arguments)';
        fieldErrors[field] = bi(issue.message, `valeur invalide (${issue.message})`);
      }
      const list = Object.entries(fieldErrors)
        .map(([f, m]) => `${f}: ${m.en}`)
        .join('; ');
      throw new RegieError(
        'bad_request',
        bi(`Bad arguments for ${name}: ${list}`, `Arguments invalides pour ${name} : ${list}`),
        {
          fieldErrors,
        },
      );
    }
    const handler = handlers[callName] as (args: unknown) => unknown;
    return handler(parsed.data);
  };

  const api: Api = {
    async call(name, args) {
      try {
        return { ok: true, value: await dispatch(name, args) };
      } catch (error) {
        if (!(error instanceof RegieError)) logger.error(`call ${name} failed: ${String(error)}`);
        return { ok: false, error: toWireError(error) };
      }
    },
    async invoke(name, args) {
      return (await dispatch(name, args)) as CallResult<typeof name>;
    },
  };

  let wakeJobs: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  const quitting = new AbortController();
  if (config.watch) {
    drop.start();
    sftp.start();
    bbb.start();
    pod.start();
    webinars.resume();
    // Jobs queued by a CLI command while the console runs (`regie recordings claim`,
    // `regie bbb publish`) are in the database only: look for them now and then.
    // Webinars started or stopped by a CLI command likewise: watched here while live.
    wakeJobs = setInterval(() => {
      jobs.wake();
      if (db.open) webinars.adopt();
    }, 3_000);
    wakeJobs.unref();
    // Both finish after start; the console may already be closing (a quick Ctrl+C).
    // A self-test stopped by the quit is no finding: say nothing once closing.
    void checkPrograms(services, () => closing === undefined && db.open, quitting.signal);
    // Jobs left running by a crash come back as interrupted, then run again.
    void jobs
      .start()
      .then((started) => {
        if (started.text && db.open)
          services.record({
            level: 'warn',
            kind: 'jobs.recovered',
            by: 'system',
            text: started.text,
          });
      })
      .catch((error: unknown) => logger.error(`job queue did not start: ${String(error)}`));
  }
  return {
    api,
    events,
    dataDir,
    mediaPath: (fileId, slide) => inbox.mediaPath(fileId, slide),
    libraryFile: (videoId, name) => library.libraryFile(videoId, name),
    relay: webinars.relay,
    podPublishNow: (...args) => pod.publishNow(...args),
    migrateNow: (...args) => migration.runNow(...args),
    close: () => (closing ??= close()),
  };

  async function close(): Promise<void> {
    clearInterval(wakeJobs);
    quitting.abort();
    // Everything is told to stop at once: jobs abort their ffmpeg (SIGTERM, then SIGKILL), the
    // drop tracker starts no more checks, SFTP and BBB end their transfers and polls.
    const stopping = Promise.allSettled([
      drop.stop(),
      jobs.stop(),
      sftp.stop(),
      bbb.stop(),
      pod.stop(),
      webinars.stopWatching(),
    ]);
    // Then whatever program is still running (an ffprobe in a drop folder, the self-test).
    await stopAllChildren();
    for (const result of await stopping) {
      if (result.status === 'rejected') logger.error(`stopping: ${String(result.reason)}`);
    }
    // Anything a service started while it was stopping.
    await stopAllChildren();
    db.close();
  }
}
