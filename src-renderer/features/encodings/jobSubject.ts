import type { Job, Recording, Video } from '../../../src-preload/contract';

/** `recording:12` → 12; null for other subjects (`bbb-recording:3`…). */
export function recordingIdOf(subject: string): number | null {
  const match = /^recording:(\d+)$/.exec(subject);
  return match ? Number(match[1]) : null;
}

/** `video:12` (a Pod publication) → 12; null for other subjects. */
export function videoIdOf(subject: string): number | null {
  const match = /^video:(\d+)$/.exec(subject);
  return match ? Number(match[1]) : null;
}

/** What a job works on, for people: the recording's or the video's title when there is one. */
export function jobTitle(
  job: Pick<Job, 'subject'>,
  recordings: readonly Recording[],
  videos: readonly Video[] = [],
): string {
  const id = recordingIdOf(job.subject);
  const videoId = videoIdOf(job.subject);
  return (
    (id !== null ? recordings.find((r) => r.id === id)?.title : undefined) ??
    (videoId !== null ? videos.find((v) => v.id === videoId)?.title : undefined) ??
    job.subject
  );
}

/** The video a finished encode published (or a Pod publication sent), if any. */
export function jobVideo(job: Pick<Job, 'subject'>, videos: readonly Video[]): Video | undefined {
  const videoId = videoIdOf(job.subject);
  if (videoId !== null) return videos.find((v) => v.id === videoId);
  const id = recordingIdOf(job.subject);
  return id === null ? undefined : videos.find((v) => v.recordingId === id);
}

/** How long a job ran, in seconds; null until it has both ends. */
export function jobDurationS(job: Pick<Job, 'startedAt' | 'finishedAt'>): number | null {
  if (job.startedAt === null || job.finishedAt === null) return null;
  return Math.max(0, (Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000);
}
