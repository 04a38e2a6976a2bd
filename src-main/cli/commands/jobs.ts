import type { Job } from '../../../src-preload/contract';
import { parseCommand } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { table, UsageError } from '../io';

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

/** `regie jobs list|cancel ID|retry ID` and `regie videos list`. */
export async function jobsCommand(verb: string | undefined, ctx: CommandContext): Promise<void> {
  switch (verb) {
    case 'list': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const jobs = await app.api.invoke('jobs.list', {});
        print(ctx.io, values, jobs, () => table(rows(jobs), 'No jobs.'));
      });
      return;
    }
    case 'cancel':
    case 'retry': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['ID']);
      const id = idOf(positionals[0]);
      await withApp(ctx.io, values, async (app) => {
        const job = await app.api.invoke(verb === 'cancel' ? 'jobs.cancel' : 'jobs.retry', { id });
        print(ctx.io, values, job, () => `Job ${String(job.id)} is ${job.status}\n`);
      });
      return;
    }
    default:
      throw new UsageError(`jobs: expected list, cancel or retry${verb ? `, not "${verb}"` : ''}`);
  }
}

export async function videosCommand(verb: string | undefined, ctx: CommandContext): Promise<void> {
  if (verb !== 'list')
    throw new UsageError(`videos: expected list${verb ? `, not "${verb}"` : ''}`);
  const { values } = parseCommand(ctx.args, {}, []);
  await withApp(ctx.io, values, async (app) => {
    const videos = await app.api.invoke('videos.list', {});
    print(ctx.io, values, videos, () =>
      table(
        videos.map((v) => ({
          id: String(v.id),
          title: v.title,
          duration: `${Math.round(v.durationS)} s`,
          files: String(v.renditions.length),
        })),
        'No videos.',
      ),
    );
  });
}
