import { byId, createListStore, newestIdFirst } from '../../client/stores';

/**
 * Status changes and progress (at most 4 times a second per job) are gathered for 100 ms:
 * one render per batch however many jobs run.
 */
export const jobsStore = createListStore({
  load: 'jobs.list',
  events: ['jobs.changed', 'jobs.progressed'],
  keyOf: byId,
  order: newestIdFirst,
  batchMs: 100,
});
