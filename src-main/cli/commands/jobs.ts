import type { Job } from '../../../src-preload/contract';
import { print, withApp } from '../context';
import { table, UsageError } from '../io';
import { group, leaf } from '../spec';

const rows = (jobs: Job[]) =>
  jobs.map((j) => ({
    id: String(j.id),
    kind: j.kind,
    subject: j.subject,
    status: j.status,
    phase: j.phase ?? '',
    progress: j.percent === null ? '' : `${j.percent.toFixed(0)} %`,
    error: j.error?.en ?? '',
  }));

const idOf = (text: string | undefined) => {
  if (text === undefined || !/^\d+$/.test(text))
    throw new UsageError(`ID must be a job id from "regie jobs list", not "${text ?? ''}"`);
  return Number(text);
};

const list = leaf({
  name: 'list',
  summary: 'list the jobs (encodings, downloads) and their state',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const jobs = await app.api.invoke('jobs.list', {});
      print(io, values, jobs, () => table(rows(jobs), 'No jobs.'));
    });
  },
});

const act = (verb: 'cancel' | 'retry', summary: string) =>
  leaf({
    name: verb,
    summary,
    args: ['ID'],
    run: async ({ io, values, positionals }) => {
      const id = idOf(positionals[0]);
      await withApp(io, values, async (app) => {
        const job = await app.api.invoke(verb === 'cancel' ? 'jobs.cancel' : 'jobs.retry', { id });
        print(io, values, job, () => `Job ${String(job.id)} is ${job.status}\n`);
      });
    },
  });

/** `regie jobs list|cancel ID|retry ID`. */
export const jobsCommand = group('jobs', 'the job queue: list, cancel, retry', [
  list,
  act('cancel', 'cancel a queued or running job'),
  act('retry', 'queue a failed, cancelled or interrupted job again'),
]);

/** `regie videos list`. */
export const videosCommand = group('videos', 'the Library', [
  leaf({
    name: 'list',
    summary: 'list the videos in the Library',
    options: {
      'not-in-pod': { type: 'boolean', help: 'only the videos Pod does not have yet' },
    },
    run: async ({ io, values }) => {
      await withApp(io, values, async (app) => {
        const all = await app.api.invoke('videos.list', {});
        const videos = values['not-in-pod']
          ? all.filter((v) => ['none', 'refused', 'failed'].includes(v.pod.state))
          : all;
        print(io, values, videos, () =>
          table(
            videos.map((v) => ({
              id: String(v.id),
              title: v.title,
              duration: `${String(Math.round(v.durationS))} s`,
              files: String(v.renditions.length),
              pod: v.pod.state === 'none' ? '' : v.pod.state,
              'pod page': v.pod.pageUrl ?? '',
            })),
            values['not-in-pod'] ? 'Every video is in Pod.' : 'No videos.',
          ),
        );
      });
    },
  }),
]);
