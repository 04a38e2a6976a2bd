import type { Bilingual } from '../../src-preload/contract';
import type { Db } from '../db/open';
import type { JobPhase, JobRecord, JobStatus } from './types';

interface Row {
  id: number;
  kind: string;
  subject: string;
  payload_json: string;
  status: JobStatus;
  phase: JobPhase | null;
  percent: number | null;
  speed: number | null;
  eta_s: number | null;
  attempts: number;
  error_en: string | null;
  error_fr: string | null;
  commands_json: string;
  stderr_tail: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface JobProgressFields {
  phase: JobPhase | null;
  percent: number | null;
  speed: number | null;
  etaS: number | null;
}

export interface JobOutputFields {
  commands: string[];
  stderrTail: string[];
}

export interface JobEnd extends JobProgressFields, JobOutputFields {
  status: Extract<JobStatus, 'succeeded' | 'failed' | 'cancelled' | 'interrupted'>;
  error: Bilingual | null;
}

export interface JobsRepository {
  insert(input: { kind: string; subject: string; payload: unknown; at: string }): JobRecord;
  byId(id: number): JobRecord | undefined;
  /** Oldest first. */
  list(): JobRecord[];
  withStatus(status: JobStatus): JobRecord[];
  /** The oldest queued job: the queue is FIFO. */
  nextQueued(): JobRecord | undefined;
  /** queued → running, progress and output cleared for the new attempt; false if not queued. */
  markRunning(id: number, at: string): boolean;
  saveProgress(id: number, fields: JobProgressFields, at: string): void;
  saveOutput(id: number, fields: JobOutputFields, at: string): void;
  finish(id: number, end: JobEnd, at: string): void;
  /** queued → cancelled; false if the job was not queued. */
  cancelQueued(id: number, at: string): boolean;
  /** failed / cancelled / interrupted → queued, attempts + 1; false if in another status. */
  requeue(id: number, at: string): boolean;
  /** Every `running` row becomes `interrupted` (start-up after a crash); returns their ids. */
  interruptRunning(error: Bilingual, at: string): number[];
}

const toJob = (row: Row): JobRecord => ({
  id: row.id,
  kind: row.kind,
  subject: row.subject,
  payload: JSON.parse(row.payload_json) as unknown,
  status: row.status,
  phase: row.phase,
  percent: row.percent,
  speed: row.speed,
  etaS: row.eta_s,
  attempts: row.attempts,
  error: row.error_en === null ? null : { en: row.error_en, fr: row.error_fr ?? row.error_en },
  commands: JSON.parse(row.commands_json) as string[],
  stderrTail: row.stderr_tail === '' ? [] : row.stderr_tail.split('\n'),
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

export function createJobsRepository(db: Db): JobsRepository {
  const insert = db.prepare<{ kind: string; subject: string; payload: string; at: string }>(
    `INSERT INTO jobs (kind, subject, payload_json, status, created_at, updated_at)
     VALUES (@kind, @subject, @payload, 'queued', @at, @at)`,
  );
  const one = db.prepare<[number], Row>('SELECT * FROM jobs WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM jobs ORDER BY id');
  const withStatus = db.prepare<[JobStatus], Row>(
    'SELECT * FROM jobs WHERE status = ? ORDER BY id',
  );
  const next = db.prepare<[], Row>(
    "SELECT * FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1",
  );
  const markRunning = db.prepare<{ id: number; at: string }>(
    `UPDATE jobs SET status = 'running', phase = NULL, percent = NULL, speed = NULL, eta_s = NULL,
       error_en = NULL, error_fr = NULL, commands_json = '[]', stderr_tail = '',
       started_at = @at, finished_at = NULL, updated_at = @at
     WHERE id = @id AND status = 'queued'`,
  );
  const saveProgress = db.prepare<JobProgressFields & { id: number; at: string }>(
    `UPDATE jobs SET phase = @phase, percent = @percent, speed = @speed, eta_s = @etaS,
       updated_at = @at
     WHERE id = @id`,
  );
  const saveOutput = db.prepare<{ id: number; commands: string; stderr: string; at: string }>(
    'UPDATE jobs SET commands_json = @commands, stderr_tail = @stderr, updated_at = @at WHERE id = @id',
  );
  const finish = db.prepare<
    JobProgressFields & {
      id: number;
      status: string;
      errorEn: string | null;
      errorFr: string | null;
      commands: string;
      stderr: string;
      at: string;
    }
  >(
    `UPDATE jobs SET status = @status, phase = @phase, percent = @percent, speed = @speed,
       eta_s = @etaS, error_en = @errorEn, error_fr = @errorFr, commands_json = @commands,
       stderr_tail = @stderr, finished_at = @at, updated_at = @at
     WHERE id = @id`,
  );
  const cancelQueued = db.prepare<{ id: number; at: string }>(
    `UPDATE jobs SET status = 'cancelled', finished_at = @at, updated_at = @at
     WHERE id = @id AND status = 'queued'`,
  );
  const requeue = db.prepare<{ id: number; at: string }>(
    `UPDATE jobs SET status = 'queued', attempts = attempts + 1, phase = NULL, percent = NULL,
       speed = NULL, eta_s = NULL, error_en = NULL, error_fr = NULL, started_at = NULL,
       finished_at = NULL, updated_at = @at
     WHERE id = @id AND status IN ('failed', 'cancelled', 'interrupted')`,
  );
  const interruptRunning = db.prepare<{ en: string; fr: string; at: string }, { id: number }>(
    `UPDATE jobs SET status = 'interrupted', error_en = @en, error_fr = @fr, finished_at = @at,
       updated_at = @at
     WHERE status = 'running'
     RETURNING id`,
  );

  return {
    insert({ kind, subject, payload, at }) {
      const { lastInsertRowid } = insert.run({
        kind,
        subject,
        payload: JSON.stringify(payload ?? null),
        at,
      });
      const row = one.get(Number(lastInsertRowid));
      if (!row) throw new Error(`job ${String(lastInsertRowid)} vanished after its insert`);
      return toJob(row);
    },
    byId(id) {
      const row = one.get(id);
      return row ? toJob(row) : undefined;
    },
    list: () => all.all().map(toJob),
    withStatus: (status) => withStatus.all(status).map(toJob),
    nextQueued() {
      const row = next.get();
      return row ? toJob(row) : undefined;
    },
    markRunning: (id, at) => markRunning.run({ id, at }).changes === 1,
    saveProgress(id, fields, at) {
      saveProgress.run({ id, at, ...fields });
    },
    saveOutput(id, fields, at) {
      saveOutput.run({
        id,
        at,
        commands: JSON.stringify(fields.commands),
        stderr: fields.stderrTail.join('\n'),
      });
    },
    finish(id, end, at) {
      finish.run({
        id,
        at,
        status: end.status,
        phase: end.phase,
        percent: end.percent,
        speed: end.speed,
        etaS: end.etaS,
        errorEn: end.error?.en ?? null,
        errorFr: end.error?.fr ?? null,
        commands: JSON.stringify(end.commands),
        stderr: end.stderrTail.join('\n'),
      });
    },
    cancelQueued: (id, at) => cancelQueued.run({ id, at }).changes === 1,
    requeue: (id, at) => requeue.run({ id, at }).changes === 1,
    interruptRunning: (error, at) =>
      interruptRunning.all({ en: error.en, fr: error.fr, at }).map((r) => r.id),
  };
}
