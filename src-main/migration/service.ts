import { existsSync, mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type {
  ExternalRecordingView,
  MigrationItemView,
  MigrationOptions,
  MigrationRunView,
} from '../../src-preload/contract';
import { bi, RegieError, validationError } from '../ground/errors';
import { runPool } from '../ground/pool';
import { messageOf } from '../ground/wording';
import type { JobContext, JobQueue } from '../jobs';
import type { Services } from '../kit/services';
import { convertRecording } from '../presentation/convert';
import { siteConvertOptions } from '../presentation/siteSettings';
import type { RecorderView } from '../../src-preload/contract';
import { migrationCsv } from './csv';
import { deliverFile } from './deliver';
import {
  findListedRecording,
  listRecordings,
  presentationUrl,
  snapshotOf,
  sourceUrlOf,
  type ListedRecording,
} from './listing';
import type { MoodleSession } from './moodleOwners';
import { openPodDb, type PodDb } from './podDb';
import { planItems, selectRecordings, type PlannedOwner } from './plan';
import { createMigrationRepository, toItemView, type StoredItem } from './repository';

export interface MigrationServiceOptions {
  s: Services;
  jobs: () => JobQueue;
  recorders: () => RecorderView[];
  /** The server's name and detected version (bbb_servers). */
  server: (id: number) => { name: string; version: string | null } | undefined;
  /** Mirrors every recording of the server (the snapshot a plan reads). */
  refresh: (serverId: number) => Promise<unknown>;
  /**
   * A converted recording handed to the Library: becomes a Régie recording of `ownerId`, encoded
   * like any other (then sent to Pod when POD_PUBLISH says so).
   */
  handOver: (input: {
    ownerId: number;
    title: string;
    description: string;
    sourcePath: string;
    comment: string;
  }) => void;
  /** Moodle's databases, when a run asks for them (--use-database-moodle). */
  moodle?: () => MoodleSession;
}

/**
 * The migration wizard's core (issue #12): a plan first, one line per recording; then the lines
 * run (files as `migrationItem` jobs, external recordings and the CSV at once); every outcome is
 * stored, so a run resumed or run again does only what is not done.
 */
export function createMigrationService(options: MigrationServiceOptions) {
  const { s } = options;
  const repo = createMigrationRepository(s.db);
  const iso = () => s.now().toISOString();
  const changed = (runId: number) => {
    const run = repo.run(runId);
    if (run) s.events.emit('migration.changed', { items: [run] });
  };

  const findRun = (id: number) => {
    const run = repo.run(id);
    if (!run)
      throw new RegieError(
        'not_found',
        bi(`No migration run ${String(id)}.`, `Aucune migration ${String(id)}.`),
      );
    return run;
  };

  function check(o: MigrationOptions) {
    const errors: Record<string, ReturnType<typeof bi>> = {};
    if (!options.server(o.serverId))
      errors.serverId = bi('no such BBB server', 'serveur BBB inconnu');
    if (o.mode === 'manual_claim') {
      const recorder = options.recorders().find((r) => r.id === o.recorderId);
      if (!recorder)
        errors.recorderId = bi(
          'choose the recorder whose folder receives the files',
          "choisissez l'enregistreur dont le dossier reçoit les fichiers",
        );
      else if (recorder.folderProblem) errors.recorderId = recorder.folderProblem;
    }
    if (o.mode === 'import_video' && !s.users.byUsername(o.admin ?? ''))
      errors.admin = bi(
        'name an existing user: recordings nobody else is found for go to them',
        'indiquez un utilisateur existant : les enregistrements sans autre propriétaire lui reviennent',
      );
    if (o.mode === 'export_csv' && !o.csvPath)
      errors.csvPath = bi('name the CSV file to write', 'indiquez le fichier CSV à écrire');
    if (o.min !== undefined && o.max !== undefined && o.min > o.max)
      errors.min = bi('min is after max', 'min est après max');
    if (Object.keys(errors).length > 0) throw validationError(errors);
  }

  /** Plans a run (and writes the CSV, in dry runs too); a dry run stops there. */
  async function plan(o: MigrationOptions): Promise<MigrationRunView> {
    check(o);
    const server = options.server(o.serverId);
    const recorder = options.recorders().find((r) => r.id === o.recorderId);
    const all = listRecordings(s.db, o.serverId);
    const chosen = selectRecordings(all, o);
    const externals = repo.externalKeys();
    const moodle = o.useMoodle ? options.moodle?.() : undefined;
    let items;
    try {
      items = await planItems(chosen, {
        options: o,
        version: server?.version ?? null,
        ...(recorder ? { dropPath: recorder.dropPath } : {}),
        delivered: repo.delivered(o.serverId),
        // With Pod's database as a target, every line is checked there again at run time
        // (an owner Pod lacked last time may exist now); both writes are idempotent.
        hasExternal: (url, username) =>
          o.target !== 'pod-db' && externals.has(`${url}\u0000${username}`),
        ...(moodle ? { lookupOwners: (r: ListedRecording) => moodle.lookup(r) } : {}),
        usernameExists: (username) => s.users.byUsername(username) !== undefined,
      });
    } finally {
      await moodle?.close();
    }
    const runId = repo.createRun(o, items, iso());
    if (o.mode === 'export_csv' && o.csvPath) {
      const byId = new Map(chosen.map((r) => [r.recordId, r]));
      const rows = items.flatMap((item) => {
        const recording = byId.get(item.recordId);
        return recording ? [{ recording, owners: item.owners }] : [];
      });
      await writeCsv(
        o.csvPath,
        migrationCsv(rows, {
          version: server?.version ?? null,
          withMoodleOwners: o.useMoodle === true,
        }),
      );
    }
    s.record({
      kind: 'migration.planned',
      subject: `migration:${String(runId)}`,
      text: bi(
        `Migration ${String(runId)} planned on ${server?.name ?? ''}: ${String(items.length)} recordings (${o.mode}${o.dry ? ', dry run' : ''})`,
        `Migration ${String(runId)} planifiée sur ${server?.name ?? ''} : ${String(items.length)} enregistrements (${o.mode}${o.dry ? ', simulation' : ''})`,
      ),
    });
    changed(runId);
    return findRun(runId);
  }

  async function writeCsv(path: string, text: string) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      await writeFile(path, text, 'utf8');
    } catch (error) {
      throw new RegieError(
        'disk',
        bi(
          `The CSV ${path} could not be written: ${messageOf(error).en}`,
          `Le CSV ${path} n'a pas pu être écrit : ${messageOf(error).fr}`,
        ),
      );
    }
  }

  /** Runs what a plan says; again on a run left half-way: only what is not done yet. */
  async function start(runId: number): Promise<MigrationRunView> {
    const run = findRun(runId);
    if (run.isDry)
      throw new RegieError(
        'conflict',
        bi(
          `Migration ${String(runId)} is a dry run: plan it again without --dry to run it.`,
          `La migration ${String(runId)} est une simulation : planifiez-la à nouveau sans --dry pour l'exécuter.`,
        ),
      );
    repo.setRun(runId, 'running', iso());
    const pending = repo.items(runId).filter((i) => i.state === 'planned' || i.state === 'failed');
    if (run.mode === 'manual_claim') {
      const active = new Set(
        (await options.jobs().list())
          .filter(
            (j) => j.kind === 'migrationItem' && (j.status === 'queued' || j.status === 'running'),
          )
          .map((j) => j.subject),
      );
      for (const item of pending) {
        const subject = `migration-item:${String(item.id)}`;
        if (active.has(subject)) continue;
        repo.setItem(item.id, 'planned', iso());
        await options.jobs().enqueue('migrationItem', subject, { itemId: item.id });
      }
    } else {
      const server = options.server(run.serverId);
      const recordings = new Map(listRecordings(s.db, run.serverId).map((r) => [r.recordId, r]));
      const moodle =
        run.mode === 'import_video' && run.options.useMoodle ? options.moodle?.() : undefined;
      const notice = s.settings.getString('MIGRATION_MOODLE_NOTICE');
      const podDb =
        run.mode === 'import_video' && run.options.target === 'pod-db'
          ? await openPodDb({
              kind: s.settings.getString('POD_DB_ENGINE'),
              host: s.settings.getString('POD_DB_HOST'),
              port: s.settings.get('POD_DB_PORT'),
              database: s.settings.getString('POD_DB_NAME'),
              user: s.settings.getString('POD_DB_USER'),
              password: s.settings.getString('POD_DB_PASSWORD'),
              siteId: s.settings.get('POD_DB_SITE_ID'),
            }).catch(async (error: unknown) => {
              await moodle?.close();
              repo.setRun(runId, 'failed', iso());
              changed(runId);
              throw error;
            })
          : undefined;
      try {
        for (const item of pending) {
          if (run.mode === 'export_csv') {
            repo.setItem(item.id, 'done', iso());
            continue;
          }
          const recording = recordings.get(item.recordId);
          try {
            if (!recording) throw gone(item.recordId);
            importExternal(run.serverId, item, recording, server?.version ?? null);
            if (podDb) await importIntoPod(podDb, item, recording, server?.version ?? null);
            // Pod writes the notice after the external recordings (§3.8.4); once per activity.
            if (moodle && notice.trim() !== '' && item.ownerDetails.some((o) => o.fromMoodle))
              await moodle.notice(recording, notice);
            repo.setItem(item.id, 'done', iso());
          } catch (error) {
            repo.setItem(item.id, 'failed', iso(), { error: messageOf(error) });
          }
        }
      } finally {
        await moodle?.close();
        await podDb?.close();
      }
    }
    settle(runId);
    return findRun(runId);
  }

  const gone = (recordId: string) =>
    new RegieError(
      'not_found',
      bi(
        `${recordId} is no longer in the server's list: refresh the listing and plan again.`,
        `${recordId} n'est plus dans la liste du serveur : actualisez la liste et planifiez à nouveau.`,
      ),
    );

  /** One external recording per (source URL, owner); a Moodle user Régie lacks is made staff. */
  function importExternal(
    serverId: number,
    item: StoredItem,
    recording: ListedRecording,
    version: string | null,
  ) {
    const sourceUrl = sourceUrlOf(recording, version) ?? item.target ?? '';
    for (const owner of item.ownerDetails) {
      const user = s.users.byUsername(owner.username) ?? createUser(owner);
      repo.addExternal({
        serverId,
        recordId: recording.recordId,
        name: recording.name,
        startAt: new Date(recording.startMs).toISOString(),
        ownerId: user.id,
        sourceUrl,
        at: iso(),
      });
    }
  }

  /**
   * The same line in Pod's own "Mes vidéos externes" (`--to pod-db`): each owner by their Pod
   * user; an owner Pod does not know fails the line, after the others are written, saying so.
   */
  async function importIntoPod(
    podDb: PodDb,
    item: StoredItem,
    recording: ListedRecording,
    version: string | null,
  ) {
    const sourceUrl = sourceUrlOf(recording, version) ?? item.target ?? '';
    const missing: string[] = [];
    for (const owner of item.ownerDetails) {
      const ownerId = await podDb.userId(owner.username);
      if (ownerId === undefined) {
        missing.push(owner.username);
        continue;
      }
      await podDb.addExternal({
        name: recording.name,
        startAt: new Date(recording.startMs),
        sourceUrl,
        ownerId,
      });
    }
    if (missing.length > 0)
      throw new RegieError(
        'conflict',
        bi(
          `not a Pod user: ${missing.join(', ')}. Create them in Pod (or let them log in once), then run the migration again.`,
          `pas utilisateur de Pod : ${missing.join(', ')}. Créez-les dans Pod (ou qu'ils s'y connectent une fois), puis relancez la migration.`,
        ),
      );
  }

  /** Pod creates missing Moodle users as staff (§3.6.4, §8.3.9); Régie does the same, journalled. */
  function createUser(owner: PlannedOwner) {
    const user = s.users.insert(
      {
        username: owner.username,
        firstName: owner.firstName ?? '',
        lastName: owner.lastName ?? '',
        email: owner.email ?? '',
        isStaff: true,
        isSuperuser: false,
        affiliation: '',
        groups: [],
      },
      iso(),
    );
    s.record({
      kind: 'users.created',
      by: 'system',
      subject: `user:${String(user.id)}`,
      text: bi(
        `User ${user.username} added from Moodle by the migration (staff, as Pod does)`,
        `Utilisateur ${user.username} ajouté depuis Moodle par la migration (statut équipe, comme Pod)`,
      ),
    });
    s.events.emit('users.changed', { items: [user] });
    return user;
  }

  /** A run is over once no line is planned or running: done, or failed when a line failed. */
  function settle(runId: number) {
    const run = findRun(runId);
    const open = (run.byState.planned ?? 0) + (run.byState.running ?? 0);
    if (run.status === 'running' && open === 0)
      repo.setRun(runId, (run.byState.failed ?? 0) > 0 ? 'failed' : 'done', iso());
    changed(runId);
  }

  /** One recording to a file: its video playback (method video) or its presentation drawn. */
  async function convertTo(
    ctx: Pick<JobContext, 'signal' | 'progress' | 'recordCommand'>,
    serverId: number,
    recording: ListedRecording,
    action: string,
    out: string,
  ) {
    const server = options.server(serverId);
    const video = recording.formats.find((f) => f.type === 'video');
    const presentation = recording.formats.find((f) => f.type === 'presentation');
    await convertRecording({
      source: {
        playbackUrl: presentation
          ? presentationUrl(presentation.url, recording.internalMeetingId, server?.version ?? null)
          : (video?.url ?? ''),
        videoUrl: video?.url ?? null,
      },
      method: action === 'download' ? 'video' : 'auto',
      out,
      workRoot: join(s.dataDir, 'work'),
      ...siteConvertOptions(s.settings),
      signal: ctx.signal,
      onProgress: (p) =>
        ctx.progress({ phase: p.phase === 'encode' ? 'compose' : p.phase, percent: p.percent }),
      onCommand: (command) => ctx.recordCommand(command),
    });
  }

  /** The `migrationItem` job: one recording into the recorder's drop folder, whole or not at all. */
  async function runItem(ctx: JobContext): Promise<void> {
    const { itemId } = ctx.job.payload as { itemId: number };
    const item = repo.item(itemId);
    if (!item)
      throw new RegieError(
        'not_found',
        bi('This migration line is gone.', 'Cette ligne de migration a disparu.'),
      );
    if (item.state === 'done') return;
    const run = findRun(item.runId);
    const dest = item.target ?? '';
    repo.setItem(item.id, 'running', iso());
    changed(run.id);
    try {
      if (existsSync(dest) && statSync(dest).size > 0) {
        // Delivered by an attempt that stopped before it was recorded: whole, since files only
        // arrive there by rename.
        repo.recordFile(run.serverId, item.recordId, dest, statSync(dest).size, iso());
      } else {
        const recording = findListedRecording(s.db, run.serverId, item.recordId);
        if (!recording) throw gone(item.recordId);
        const tmp = join(ctx.tempDir, basename(dest));
        await convertTo(ctx, run.serverId, recording, item.action, tmp);
        mkdirSync(dirname(dest), { recursive: true });
        const size = await deliverFile(tmp, dest);
        repo.recordFile(run.serverId, item.recordId, dest, size, iso());
      }
      repo.setItem(item.id, 'done', iso());
    } catch (error) {
      repo.setItem(item.id, ctx.signal.aborted ? 'planned' : 'failed', iso(), {
        error: ctx.signal.aborted ? null : messageOf(error),
      });
      throw error;
    } finally {
      settle(run.id);
    }
  }

  /**
   * `regie migrate`: the run's lines in this process, `concurrency` at a time, not through the
   * queue (a console may be running it; starting a second queue would take its jobs for a
   * crash's). `onItem` hears of each line as it ends. An abort leaves the lines not done as
   * planned: running the same command again finishes them.
   */
  async function runNow(
    runId: number,
    how: { signal: AbortSignal; concurrency: number; onItem: (item: MigrationItemView) => void },
  ): Promise<MigrationRunView> {
    const run = findRun(runId);
    if (run.mode !== 'manual_claim') {
      const done = await start(runId);
      for (const item of repo.items(runId)) how.onItem(toItemView(item));
      return done;
    }
    repo.setRun(runId, 'running', iso());
    const pending = repo.items(runId).filter((i) => i.state === 'planned' || i.state === 'failed');
    for (const item of repo.items(runId).filter((i) => i.state === 'skipped'))
      how.onItem(toItemView(item));
    await runPool(pending, how.concurrency, how.signal, async (item, signal) => {
      const tempDir = await mkdtemp(join(s.dataDir, 'work', `migration-${String(item.id)}-`));
      try {
        await runItem({
          job: { payload: { itemId: item.id } } as JobContext['job'],
          signal,
          tempDir,
          progress: () => undefined,
          recordCommand: () => undefined,
          recordStderr: () => undefined,
          discardUnlessSucceeded: () => undefined,
        }).catch(() => undefined); // the line's state and error are stored; the run goes on
      } finally {
        await rm(tempDir, { recursive: true, force: true });
      }
      const ended = repo.item(item.id);
      if (ended) how.onItem(toItemView(ended));
    });
    if (how.signal.aborted) repo.setRun(runId, 'planned', iso());
    settle(runId);
    return findRun(runId);
  }

  /** Queues the conversion and publication of chosen external recordings to their owners. */
  async function publishExternals(ids: number[]): Promise<ExternalRecordingView[]> {
    for (const id of ids) {
      const external = repo.external(id);
      if (!external)
        throw new RegieError(
          'not_found',
          bi(`No external recording ${String(id)}.`, `Aucun enregistrement externe ${String(id)}.`),
        );
      if (external.state === 'queued' || external.state === 'converting') continue;
      repo.setExternal(id, 'queued', iso());
      await options.jobs().enqueue('externalPublish', `external:${String(id)}`, { externalId: id });
    }
    return repo.externals().filter((e) => ids.includes(e.id));
  }

  /**
   * The `externalPublish` job: the recording's video playback downloaded, or its presentation
   * converted, then handed to the Library under the external recording's owner.
   */
  async function runExternal(ctx: JobContext): Promise<void> {
    const { externalId } = ctx.job.payload as { externalId: number };
    const external = repo.external(externalId);
    if (!external || external.server_id === null)
      throw new RegieError(
        'not_found',
        bi('This external recording is gone.', 'Cet enregistrement externe a disparu.'),
      );
    const recording = findListedRecording(s.db, external.server_id, external.record_id);
    repo.setExternal(externalId, 'converting', iso());
    try {
      if (!recording) throw gone(external.record_id);
      // Under <data>/work/bbb/: the Library archives or removes it once the video is verified.
      const folder = join(s.dataDir, 'work', 'bbb', `external-${String(externalId)}`);
      mkdirSync(folder, { recursive: true });
      const video = recording.formats.some((f) => f.type === 'video');
      const dest = join(folder, video ? 'video-0.m4v' : 'presentation.mp4');
      await convertTo(ctx, external.server_id, recording, video ? 'download' : 'convert', dest);
      options.handOver({
        ownerId: external.owner_id,
        title: recording.name,
        description: recording.metadata['bbb-recording-description'] ?? '',
        sourcePath: dest,
        comment: `BigBlueButton migration ${recording.recordId}`,
      });
      repo.setExternal(externalId, 'published', iso());
    } catch (error) {
      repo.setExternal(externalId, ctx.signal.aborted ? 'none' : 'failed', iso(), messageOf(error));
      throw error;
    }
  }

  /** Stops a run: queued lines stay planned (a start resumes them), running jobs are cancelled. */
  async function cancel(runId: number): Promise<MigrationRunView> {
    findRun(runId);
    const subjects = new Set(repo.items(runId).map((i) => `migration-item:${String(i.id)}`));
    for (const job of await options.jobs().list()) {
      if (
        job.kind === 'migrationItem' &&
        subjects.has(job.subject) &&
        (job.status === 'queued' || job.status === 'running')
      )
        await options.jobs().cancel(job.id);
    }
    for (const item of repo.items(runId, { state: 'running' }))
      repo.setItem(item.id, 'planned', iso());
    repo.setRun(runId, 'cancelled', iso());
    changed(runId);
    return findRun(runId);
  }

  return {
    plan,
    start,
    cancel,
    snapshot: (serverId: number) => snapshotOf(s.db, serverId),
    runNow,
    publishExternals,
    runExternal,
    runItem,
    runs: () => repo.runs(),
    run: findRun,
    items: (
      runId: number,
      filter: { state?: string; action?: string; limit?: number; offset?: number } = {},
    ) => repo.items(runId, filter).map(toItemView) satisfies MigrationItemView[],
    /** Failed lines back to planned, then run again. */
    async retryFailed(runId: number) {
      return start(runId);
    },
    externals: (): ExternalRecordingView[] => repo.externals(),
    refresh: (serverId: number) => options.refresh(serverId),
  };
}

export type MigrationService = ReturnType<typeof createMigrationService>;
