import type {
  BbbPublication,
  BbbRecordingView,
  Job,
  JobPhase,
} from '../../../src-preload/contract';

/**
 * How a BBB recording can be published (issue #10 §8): its `video` format is downloaded as is;
 * a `presentation` alone is first drawn into a video; with neither there is nothing to publish.
 */
export type PublishWay = 'video' | 'convert' | 'none';

export function publishWay(r: Pick<BbbRecordingView, 'formats'>): PublishWay {
  if (r.formats.some((f) => f.type === 'video')) return 'video';
  if (r.formats.some((f) => f.type === 'presentation')) return 'convert';
  return 'none';
}

const underway: readonly BbbPublication[] = ['queued', 'downloading', 'encoding', 'published'];

/** Queued, running or published: publishing again is refused (src-main/bbb/publication). */
export const isUnderway = (publication: BbbPublication): boolean => underway.includes(publication);

/**
 * The newest job working on a recording's publication: the `bbbPublish` job
 * (`bbb-recording:<id>`, fetch → render → compose → verify), then the encode of the Régie
 * recording it made (`recording:<id>`). `jobs` is newest first, as the jobs store keeps it.
 */
export function publicationJob(
  r: Pick<BbbRecordingView, 'id' | 'recordingId'>,
  jobs: readonly Job[],
): Job | undefined {
  const subjects = [`bbb-recording:${String(r.id)}`];
  if (r.recordingId !== null) subjects.push(`recording:${String(r.recordingId)}`);
  return jobs.find((j) => subjects.includes(j.subject));
}

export const isJobActive = (job: Pick<Job, 'status'> | undefined): boolean =>
  job?.status === 'running' || job?.status === 'queued';

const drawing: readonly (JobPhase | null)[] = ['render', 'compose'];

/** New preview pictures only appear while the presentation is drawn: poll then, not after. */
export const isDrawing = (job: Pick<Job, 'status' | 'phase'> | undefined): boolean =>
  job?.status === 'running' && drawing.includes(job.phase);

/** A failed, cancelled or interrupted job can be run again (`jobs.retry`, src-main/jobs/queue.ts). */
export const isRetryable = (job: Pick<Job, 'status'> | undefined): boolean =>
  job?.status === 'failed' || job?.status === 'cancelled' || job?.status === 'interrupted';
