// The jobs capability: a queue persisted in SQLite behind the `JobQueue` interface (issue #4).
export * from './types';
export { createJobQueue, PUSH_INTERVAL_MS, PERSIST_INTERVAL_MS, STDERR_LINES } from './queue';
export type { JobQueueEvents, JobQueueOptions } from './queue';
export { createJobsRepository, type JobsRepository } from './repository';
export { isAbort, describeFailure } from './failure';
export { freeBytesAt, notEnoughSpace } from './disk';
