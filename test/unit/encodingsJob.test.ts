import { describe, expect, it } from 'vitest';
import type { Recording, Video } from '../../src-preload/contract';
import {
  jobDurationS,
  jobTitle,
  jobVideo,
  recordingIdOf,
} from '../../src-renderer/features/encodings/jobSubject';

const recordings = [{ id: 1, title: 'Thermodynamique, cours 1' }] as Recording[];
const videos = [{ id: 9, recordingId: 1 }] as Video[];

describe('what the Encodings panel says about a job', () => {
  it('names a job by its recording’s title, not `recording:1`', () => {
    expect(recordingIdOf('recording:1')).toBe(1);
    expect(jobTitle({ subject: 'recording:1' }, recordings)).toBe('Thermodynamique, cours 1');
  });
  it('keeps the subject when there is no title to show', () => {
    expect(jobTitle({ subject: 'bbb-recording:4' }, recordings)).toBe('bbb-recording:4');
    expect(jobTitle({ subject: 'recording:2' }, recordings)).toBe('recording:2');
  });
  it('finds the video a finished encode published', () => {
    expect(jobVideo({ subject: 'recording:1' }, videos)?.id).toBe(9);
    expect(jobVideo({ subject: 'recording:2' }, videos)).toBeUndefined();
  });
  it('measures how long it ran from its two ends', () => {
    const at = '2026-03-02T10:00:00.000Z';
    expect(jobDurationS({ startedAt: at, finishedAt: '2026-03-02T10:02:05.000Z' })).toBe(125);
    expect(jobDurationS({ startedAt: at, finishedAt: null })).toBeNull();
  });
});
