import type { Bilingual, Job, JobPhase } from '../../src-preload/contract';

// The job's view is part of the UI contract; defined there once.
export type { Job, JobPhase, JobStatus } from '../../src-preload/contract';

/** A job as its handler gets it: the view plus what it was asked to do. */
export interface JobRecord extends Job {
  payload: unknown;
}

export interface ProgressUpdate {
  phase: JobPhase;
  percent?: number;
  speed?: number;
  etaS?: number;
}

export interface JobContext {
  job: JobRecord;
  /** Aborted on cancel and on stop; pass it to `run()` so the processes are killed. */
  signal: AbortSignal;
  /**
   * A folder of its own under the queue's work folder, for outputs under a temporary name. It is
   * removed when the job ends, whatever the outcome: rename finished outputs out of it.
   */
  tempDir: string;
  progress(update: ProgressUpdate): void;
  recordCommand(cmd: string): void;
  recordStderr(lines: string[]): void;
  /** A partial output outside `tempDir`, removed if the job does not succeed. */
  discardUnlessSucceeded(path: string): void;
}

/**
 * Runs one job. Resolves once the output is verified (a job succeeds only then); rejects with a
 * RegieError otherwise (its `command` and `stderrTail` go on the job row). After an abort, any
 * rejection counts as the cancel.
 */
export type JobHandler = (ctx: JobContext) => Promise<void>;

/** A job found `running` or `interrupted` at start-up and queued again. */
export interface RecoveredJob {
  id: number;
  kind: string;
  subject: string;
  /** `crash`: left running (Régie did not stop cleanly); `stop`: interrupted by a clean quit. */
  cause: 'crash' | 'stop';
  phase: JobPhase | null;
}

export interface StartResult {
  recovered: RecoveredJob[];
  /** For the journal: which jobs were queued again and why; null when there were none. */
  text: Bilingual | null;
}

/**
 * The queue as the rest of Régie sees it. The SQLite implementation runs jobs in this process;
 * a BullMQ (Redis) one can run the same handlers on workers (DESIGN.md).
 */
export interface JobQueue {
  enqueue(kind: string, subject: string, payload: unknown): Promise<Job>;
  /** A queued job is cancelled at once; a running one is aborted and ends `cancelled`. */
  cancel(id: number): Promise<Job>;
  /** failed / cancelled / interrupted → queued, attempts + 1. */
  retry(id: number): Promise<Job>;
  list(): Promise<Job[]>;
  get(id: number): Promise<Job | undefined>;
  /** Re-queues what a crash or a stop left behind, then starts running jobs. */
  start(): Promise<StartResult>;
  /** Aborts running jobs, marks them interrupted, and resolves once they have all ended. */
  stop(): Promise<void>;
  /** Looks for work again, e.g. after the concurrency setting changed. */
  wake(): void;
}
