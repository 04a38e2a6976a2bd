import { describe, expect, it } from 'vitest';
import type { BbbRecordingView, Job } from '../../src-preload/contract';
import {
  isDrawing,
  isJobActive,
  isRetryable,
  isUnderway,
  publicationJob,
  publishWay,
} from '../../src-renderer/features/bbb/publication';

const format = (type: string) => ({
  type,
  url: `https://bbb.example/playback/${type}/x`,
  lengthMinutes: 1,
  sizeBytes: null,
  previews: [],
});
const job = (id: number, subject: string, extra: Partial<Job> = {}) =>
  ({ id, subject, status: 'running', phase: null, ...extra }) as Job;

describe('the BBB panel’s publication of a recording (issue #10 §8)', () => {
  it('downloads a video format, converts a presentation alone, has nothing to publish otherwise', () => {
    expect(publishWay({ formats: [format('presentation'), format('video')] })).toBe('video');
    expect(publishWay({ formats: [format('presentation'), format('podcast')] })).toBe('convert');
    expect(publishWay({ formats: [format('podcast')] })).toBe('none');
    expect(publishWay({ formats: [] })).toBe('none');
    // Publishing again is only offered before a publication or after a failure.
    expect(isUnderway('downloading')).toBe(true);
    expect(isUnderway('published')).toBe(true);
    expect(isUnderway('failed')).toBe(false);
    expect(isUnderway('awaiting_conversion')).toBe(false);
  });

  it('follows the newest job: the conversion, then the encode of the recording it made', () => {
    const r = { id: 3, recordingId: null } as Pick<BbbRecordingView, 'id' | 'recordingId'>;
    // Newest first, as the jobs store keeps them; bbb-recording:30 must not match id 3.
    const jobs = [
      job(9, 'recording:7'),
      job(8, 'bbb-recording:30'),
      job(5, 'bbb-recording:3', { status: 'failed' }),
      job(4, 'bbb-recording:3', { status: 'failed' }),
    ];
    expect(publicationJob(r, jobs)?.id).toBe(5);
    expect(publicationJob({ ...r, recordingId: 7 }, jobs)?.id).toBe(9);
    expect(publicationJob({ id: 4, recordingId: null }, jobs)).toBeUndefined();
  });

  it('polls the preview only while the presentation is drawn, and retries only an ended job', () => {
    expect(isDrawing(job(1, 's', { phase: 'render' }))).toBe(true);
    expect(isDrawing(job(1, 's', { phase: 'compose' }))).toBe(true);
    expect(isDrawing(job(1, 's', { phase: 'fetch' }))).toBe(false);
    expect(isDrawing(job(1, 's', { phase: 'render', status: 'failed' }))).toBe(false);
    expect(isDrawing(undefined)).toBe(false);
    expect(isJobActive(job(1, 's', { status: 'queued' }))).toBe(true);
    expect(isJobActive(job(1, 's', { status: 'succeeded' }))).toBe(false);
    expect(isRetryable(job(1, 's', { status: 'interrupted' }))).toBe(true);
    expect(isRetryable(job(1, 's'))).toBe(false);
    expect(isRetryable(undefined)).toBe(false);
  });
});
