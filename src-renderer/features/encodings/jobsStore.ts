import type { Job } from '../../../src-preload/contract';
import { createLiveStore } from '../../client/liveStore';

const upsert = (jobs: Job[] | undefined, changed: Job[]): Job[] => {
  const latest = new Map(changed.map((j) => [j.id, j]));
  const kept = (jobs ?? []).map((j) => {
    const next = latest.get(j.id);
    latest.delete(j.id);
    return next ?? j;
  });
  return [...latest.values(), ...kept].sort((a, b) => b.id - a.id);
};

/** Progress arrives at most 4 times a second per job; batches keep rendering to one per tick. */
export const jobsStore = createLiveStore({
  load: 'jobs.list',
  event: 'jobs.changed',
  apply: (jobs, { job }) => upsert(jobs, [job]),
  applyMany: (jobs, payloads) =>
    upsert(
      jobs,
      payloads.map((p) => p.job),
    ),
  batchMs: 100,
});
