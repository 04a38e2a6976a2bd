import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { bi, RegieError } from '../ground/errors';
import { counted } from '../ground/wording';
import type { Db } from '../db/open';
import { freeBytesAt, notEnoughSpace } from './disk';
import { describeFailure, isAbort } from './failure';
import { createJobsRepository, type JobEnd } from './repository';
import { createThrottle, type Throttle } from './throttle';
import type {
  Job,
  JobHandler,
  JobQueue,
  JobRecord,
  ProgressUpdate,
  RecoveredJob,
  StartResult,
} from './types';

export interface JobQueueEvents {
  /** A job was added, started, or ended, or its status changed. */
  changed(job: Job): void;
  /** Progress of a running job; at most `PUSH_INTERVAL_MS` apart per job. */
  progressed(job: Job): void;
}

export interface JobQueueOptions {
  db: Db;
  now: () => Date;
  /** Read before each start, so a settings change applies to the next job. */
  concurrency: () => number;
  handlers: Record<string, JobHandler>;
  events: JobQueueEvents;
  /** Where jobs write their temporary outputs (`<workDir>/job-<id>/`). */
  workDir: string;
  /** Free bytes on the file system holding a folder; `fs.statfs` by default. */
  freeBytes?: (path: string) => Promise<number>;
  /** Below this many free bytes in `workDir`, a job fails instead of starting. Default 1 GB. */
  minFreeBytes?: () => number;
  /** Milliseconds for the throttles; `Date.now` by default. */
  clock?: () => number;
}

export const STDERR_LINES = 200;
/** ≤ 4 pushes per second per job (STYLE.md, "The boundary"). */
export const PUSH_INTERVAL_MS = 250;
/** Progress reaches the database at most once a second, to spare it. */
export const PERSIST_INTERVAL_MS = 1000;
const DEFAULT_MIN_FREE_BYTES = 1_000_000_000;

/** A job stopped by a normal quit; a crash's jobs get the start-up's own message instead. */
export const quitReason = bi(
  'Interrupted (quit): Régie was quit while this job ran; it runs again at the next start.',
  'Interrompue (arrêt) : Régie a été quitté pendant cette tâche ; elle repart au prochain démarrage.',
);

interface Running {
  view: JobRecord;
  controller: AbortController;
  /** Why the signal was aborted: the operator's cancel, or the queue's stop. */
  stopReason: 'cancel' | 'stop' | null;
  discard: Set<string>;
  push: Throttle<Job>;
  persist: Throttle<null>;
  done: Promise<void>;
}

const toView = (job: JobRecord): Job => {
  const { payload: _payload, ...view } = job;
  return { ...view, commands: [...view.commands], stderrTail: [...view.stderrTail] };
};

/**
 * A write of progress or output while a job runs: on a full disk it is kept in memory and
 * written with the job's end, so the job fails for its own reason, not for this write's.
 */
function bestEffort(write: () => void): void {
  try {
    write();
  } catch (error) {
    if (!/SQLITE_FULL|SQLITE_IOERR/.test((error as { code?: string }).code ?? '')) throw error;
  }
}

/** The SQLite queue: jobs persisted before they start, run in this process, FIFO. */
export function createJobQueue(options: JobQueueOptions): JobQueue {
  const { events, handlers, workDir } = options;
  const repo = createJobsRepository(options.db);
  const stamp = () => options.now().toISOString();
  const freeBytes = options.freeBytes ?? freeBytesAt;
  const minFreeBytes = options.minFreeBytes ?? (() => DEFAULT_MIN_FREE_BYTES);
  const running = new Map<number, Running>();
  let isStarted = false;

  const notFound = (id: number) =>
    new RegieError('not_found', bi(`No job ${String(id)}.`, `Aucune tâche ${String(id)}.`));

  /** The stored row, or the live state of a running job (fresher than the row). */
  const current = (id: number): JobRecord | undefined => running.get(id)?.view ?? repo.byId(id);

  const emitChanged = (id: number) => {
    const job = current(id);
    if (job) events.changed(toView(job));
  };

  const pump = () => {
    if (!isStarted) return;
    while (running.size < Math.max(1, Math.floor(options.concurrency()))) {
      const next = repo.nextQueued();
      if (!next || !repo.markRunning(next.id, stamp())) return;
      const job = repo.byId(next.id);
      if (!job) return;
      launch(job);
    }
  };

  const launch = (job: JobRecord) => {
    const controller = new AbortController();
    const id = job.id;
    const entry: Running = {
      view: job,
      controller,
      stopReason: null,
      discard: new Set(),
      push: createThrottle<Job>({
        intervalMs: PUSH_INTERVAL_MS,
        deliver: (view) => events.progressed(view),
        ...(options.clock ? { clock: options.clock } : {}),
      }),
      persist: createThrottle<null>({
        intervalMs: PERSIST_INTERVAL_MS,
        deliver: () =>
          bestEffort(() => {
            const at = stamp();
            repo.saveProgress(id, entry.view, at);
            repo.saveOutput(id, entry.view, at);
          }),
        ...(options.clock ? { clock: options.clock } : {}),
      }),
      done: Promise.resolve(),
    };
    running.set(id, entry);
    events.changed(toView(job));
    entry.done = execute(entry).finally(() => {
      running.delete(id);
      pump();
    });
  };

  const execute = async (entry: Running): Promise<void> => {
    const { view, controller } = entry;
    const tempDir = join(workDir, `job-${String(view.id)}`);
    let outcome: Pick<JobEnd, 'status' | 'error'>;
    try {
      await checkFreeSpace();
      const handler = handlers[view.kind];
      if (!handler) {
        throw new RegieError(
          'internal',
          bi(
            `No handler for jobs of kind "${view.kind}" in this Régie.`,
            `Aucun traitement pour les tâches de type « ${view.kind} » dans ce Régie.`,
          ),
        );
      }
      await mkdir(tempDir, { recursive: true });
      // A cancel or a stop during the checks above: the handler would never hear of it.
      controller.signal.throwIfAborted();
      await handler({
        job: { ...view, payload: view.payload },
        signal: controller.signal,
        tempDir,
        progress: (update) => onProgress(entry, update),
        recordCommand: (cmd) => {
          view.commands.push(cmd);
          bestEffort(() => repo.saveOutput(view.id, view, stamp()));
        },
        recordStderr: (lines) => {
          appendStderr(view, lines);
          entry.persist.push(null);
        },
        discardUnlessSucceeded: (path) => entry.discard.add(path),
      });
      outcome = { status: 'succeeded', error: null };
    } catch (error) {
      // What any failed program left to reproduce it in a terminal (RegieError's fields).
      if (error instanceof RegieError && error.command !== undefined) {
        if (!view.commands.includes(error.command)) view.commands.push(error.command);
        if (error.stderrTail !== '' && view.stderrTail.length === 0) {
          const lines = error.stderrTail.split('\n').filter((line) => line.trim() !== '');
          appendStderr(view, lines.slice(-STDERR_LINES));
        }
      }
      if (controller.signal.aborted || isAbort(error)) {
        outcome =
          entry.stopReason === 'stop'
            ? {
                status: 'interrupted',
                error: quitReason,
              }
            : { status: 'cancelled', error: null };
      } else {
        outcome = { status: 'failed', error: describeFailure(error) };
      }
    }
    entry.push.flush();
    entry.persist.cancel();
    await rm(tempDir, { recursive: true, force: true });
    if (outcome.status !== 'succeeded') {
      for (const path of entry.discard) await rm(path, { recursive: true, force: true });
    }
    repo.finish(view.id, { ...view, ...outcome }, stamp());
    running.delete(view.id);
    emitChanged(view.id);
  };

  const checkFreeSpace = async () => {
    const needed = minFreeBytes();
    if (needed <= 0) return;
    const free = await freeBytes(workDir);
    if (free < needed) {
      throw new RegieError('unavailable', notEnoughSpace(workDir, free, needed));
    }
  };

  const onProgress = (entry: Running, update: ProgressUpdate) => {
    const { view } = entry;
    const isNewPhase = update.phase !== view.phase;
    view.phase = update.phase;
    view.percent = update.percent ?? null;
    view.speed = update.speed ?? null;
    view.etaS = update.etaS ?? null;
    entry.push.push(toView(view));
    entry.persist.push(null);
    // A new phase is worth a write of its own: it is what a restart reports.
    if (isNewPhase) entry.persist.flush();
  };

  const appendStderr = (view: JobRecord, lines: string[]) => {
    const kept = [...view.stderrTail, ...lines.filter((line) => line.trim() !== '')];
    view.stderrTail = kept.slice(-STDERR_LINES);
  };

  const requireJob = (id: number): JobRecord => {
    const job = current(id);
    if (!job) throw notFound(id);
    return job;
  };

  return {
    async enqueue(kind, subject, payload) {
      const job = repo.insert({ kind, subject, payload, at: stamp() });
      events.changed(toView(job));
      pump();
      return toView(current(job.id) ?? job);
    },

    async cancel(id) {
      const job = requireJob(id);
      const entry = running.get(id);
      if (entry) {
        entry.stopReason ??= 'cancel';
        entry.controller.abort(new DOMException('Cancelled by the operator', 'AbortError'));
        await entry.done;
        return toView(requireJob(id));
      }
      if (!repo.cancelQueued(id, stamp())) {
        throw new RegieError(
          'conflict',
          bi(
            `Job ${String(id)} is ${job.status}; only a queued or running job can be cancelled.`,
            `La tâche ${String(id)} est à l'état ${job.status} ; seule une tâche en attente ou en cours peut être annulée.`,
          ),
        );
      }
      emitChanged(id);
      return toView(requireJob(id));
    },

    async retry(id) {
      const job = requireJob(id);
      if (running.has(id) || !repo.requeue(id, stamp())) {
        throw new RegieError(
          'conflict',
          bi(
            `Job ${String(id)} is ${job.status}; only a failed, cancelled or interrupted job can be retried.`,
            `La tâche ${String(id)} est à l'état ${job.status} ; seule une tâche en échec, annulée ou interrompue peut être relancée.`,
          ),
        );
      }
      emitChanged(id);
      pump();
      return toView(requireJob(id));
    },

    list: () => Promise.resolve(repo.list().map((row) => toView(current(row.id) ?? row))),

    async get(id) {
      const job = current(id);
      return job ? toView(job) : undefined;
    },

    async start() {
      if (isStarted) return { recovered: [], text: null };
      const at = stamp();
      const crashed = repo.interruptRunning(
        bi(
          'Interrupted: Régie stopped without finishing this job (crash or power cut).',
          "Interrompue : Régie s'est arrêté sans finir cette tâche (plantage ou coupure).",
        ),
        at,
      );
      // Both a crash and a clean stop interrupt a job the operator did not give up on: run it
      // again rather than leave it for someone to notice (STYLE.md, "Data").
      const recovered: RecoveredJob[] = repo.withStatus('interrupted').map((job) => ({
        id: job.id,
        kind: job.kind,
        subject: job.subject,
        cause: crashed.includes(job.id) ? 'crash' : 'stop',
        phase: job.phase,
      }));
      for (const job of recovered) {
        emitChanged(job.id);
        repo.requeue(job.id, at);
        emitChanged(job.id);
      }
      isStarted = true;
      pump();
      return { recovered, text: recoveredText(recovered) };
    },

    async stop() {
      isStarted = false;
      const entries = [...running.values()];
      for (const entry of entries) {
        entry.stopReason ??= 'stop';
        entry.controller.abort(new DOMException('Régie is stopping', 'AbortError'));
      }
      await Promise.all(entries.map((entry) => entry.done));
    },

    wake: pump,
  };
}

function recoveredText(recovered: RecoveredJob[]): StartResult['text'] {
  if (recovered.length === 0) return null;
  const list = recovered.map((job) => `#${String(job.id)} ${job.kind} ${job.subject}`).join(', ');
  const crashes = recovered.filter((job) => job.cause === 'crash').length;
  const jobs = counted(recovered.length, {
    en: ['interrupted job', 'interrupted jobs'],
    fr: ['tâche interrompue remise', 'tâches interrompues remises'],
  });
  const crashed = counted(crashes, {
    en: ['left running by a crash', 'left running by a crash'],
    fr: ['laissée en cours par un plantage', 'laissées en cours par un plantage'],
  });
  return bi(
    `${jobs.en} queued again (${crashed.en}): ${list}.`,
    `${jobs.fr} en file (${crashed.fr}) : ${list}.`,
  );
}
