import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottle } from '../../src-main/jobs/throttle';
import { describeFailure, isAbort } from '../../src-main/jobs/failure';
import { formatBytes, notEnoughSpace } from '../../src-main/jobs/disk';
import { bi, RegieError } from '../../src-main/ground/errors';
import { ProgramError } from '../../src-main/media/run';

describe('createThrottle', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('delivers a burst of 100 updates over 1 s as 4 per second plus the last one', () => {
    const delivered: { value: number; at: number }[] = [];
    const throttle = createThrottle<number>({
      intervalMs: 250,
      deliver: (value) => delivered.push({ value, at: Date.now() }),
    });
    for (let i = 0; i < 100; i += 1) {
      throttle.push(i);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(1000);

    expect(delivered.map((d) => d.at)).toEqual([0, 250, 500, 750, 1000]);
    // The first at once, then the newest when each interval ends (pushed at 240 ms, …), and the last.
    expect(delivered.map((d) => d.value)).toEqual([0, 24, 49, 74, 99]);
  });

  it('flush delivers what is waiting at once, and only once', () => {
    const delivered: number[] = [];
    const throttle = createThrottle<number>({ intervalMs: 250, deliver: (v) => delivered.push(v) });
    throttle.push(1);
    throttle.push(2);
    throttle.push(3);
    expect(delivered).toEqual([1]);
    throttle.flush();
    expect(delivered).toEqual([1, 3]);
    vi.advanceTimersByTime(1000);
    throttle.flush();
    expect(delivered).toEqual([1, 3]);
  });

  it('cancel drops what is waiting', () => {
    const delivered: number[] = [];
    const throttle = createThrottle<number>({ intervalMs: 250, deliver: (v) => delivered.push(v) });
    throttle.push(1);
    throttle.push(2);
    throttle.cancel();
    vi.advanceTimersByTime(1000);
    expect(delivered).toEqual([1]);
  });
});

describe('job failures', () => {
  const exited = new ProgramError({
    program: 'ffmpeg',
    args: ['-i', 'in put.mp4', 'out.mp4'],
    failure: 'exit',
    exitCode: 1,
    stderrTail: 'in put.mp4: No such file or directory',
  });

  it('tells a cancel from a failure', () => {
    expect(isAbort(new ProgramError({ program: 'ffmpeg', args: [], failure: 'aborted' }))).toBe(
      true,
    );
    expect(isAbort(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(isAbort(exited)).toBe(false);
    expect(isAbort(new Error('disk full'))).toBe(false);
  });

  it('keeps a RegieError text and says a ProgramError in one line in both languages', () => {
    expect(describeFailure(new RegieError('validation', bi('Bad', 'Mauvais')))).toEqual({
      en: 'Bad',
      fr: 'Mauvais',
    });
    // The program, how it ended, its last words; the command line is on the job row.
    expect(describeFailure(exited)).toEqual({
      en: 'ffmpeg exited with code 1: in put.mp4: No such file or directory',
      fr: "ffmpeg s'est terminé avec le code 1 : in put.mp4: No such file or directory",
    });
    expect(describeFailure(new Error('boom')).fr).toBe('Erreur interne : boom');
  });
});

describe('free space message', () => {
  it('names the folder and both numbers', () => {
    expect(formatBytes(999)).toEqual({ en: '999 B', fr: '999 o' });
    expect(formatBytes(1_500_000_000)).toEqual({ en: '1.5 GB', fr: '1,5 Go' });
    const text = notEnoughSpace('/srv/regie/work', 5_000_000, 1_000_000_000);
    expect(text.en).toContain('/srv/regie/work: 5.0 MB free (5000000 bytes)');
    expect(text.en).toContain('at least 1.0 GB (1000000000 bytes) needed');
    expect(text.fr).toContain('/srv/regie/work : 5,0 Mo libres');
    expect(text.fr).toContain('au moins 1,0 Go');
  });
});
