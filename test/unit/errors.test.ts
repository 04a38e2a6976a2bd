import { describe, expect, it } from 'vitest';
import { BbbError } from '../../src-main/bbb/api/errors';
import { DownloadError } from '../../src-main/net/download';
import { asRegieError, bi, RegieError, toWireError } from '../../src-main/ground/errors';
import { EncodeError } from '../../src-main/media/encode';
import { ProgramError } from '../../src-main/media/run';
import { TimeoutError } from '../../src-main/sftp/connection';

const errno = (code: string, extra: Record<string, string> = {}) =>
  Object.assign(new Error(`${code}: something`), { code, ...extra });

// issue #9 §2 and "Layering": one base with a stable code, a bilingual message, a detail.
describe('RegieError, the one base of expected failures', () => {
  it('is the base of every capability error, each with its own code', () => {
    const ffmpeg = new ProgramError({
      program: '/usr/bin/ffmpeg',
      args: ['-i', 'in put.mp4'],
      failure: 'exit',
      exitCode: 1,
      stderrTail: 'frame=1\nin put.mp4: Invalid data found when processing input',
    });
    const errors = [
      [
        new BbbError({ failure: 'network', call: 'getMeetings', message: 'ECONNREFUSED: x' }),
        'remote',
      ],
      [ffmpeg, 'program'],
      [new ProgramError({ program: 'ffmpeg', args: [], failure: 'aborted' }), 'cancelled'],
      [new EncodeError({ failure: 'ffmpeg', reason: bi('a', 'b') }), 'program'],
      [new EncodeError({ failure: 'input', reason: bi('a', 'b') }), 'validation'],
      [
        new DownloadError({ url: 'https://h/v.mp4?token=secret', what: bi('x', 'y'), detail: 'd' }),
        'remote',
      ],
      [new TimeoutError(bi('no answer', 'pas de réponse')), 'remote'],
    ] as const;
    for (const [error, code] of errors) {
      expect(error).toBeInstanceOf(RegieError);
      expect(error.code).toBe(code);
    }
    expect(ffmpeg.text).toEqual({
      en: 'ffmpeg exited with code 1: in put.mp4: Invalid data found when processing input',
      fr: "ffmpeg s'est terminé avec le code 1 : in put.mp4: Invalid data found when processing input",
    });
    expect(ffmpeg.command).toBe("/usr/bin/ffmpeg -i 'in put.mp4'");
  });

  it('crosses the boundary with its message and detail, never a stack or a checksum', () => {
    const error = new BbbError({
      failure: 'http',
      call: 'getRecordings',
      status: 502,
      message: 'HTTP 502',
    }).at({
      server: 'Campus',
      url: 'https://bbb.fr/bigbluebutton/api/getRecordings?state=any&checksum=abc123',
    });
    const wire = toWireError(error);
    expect(wire).toEqual({
      code: 'remote',
      message: error.text,
      detail: 'getRecordings: HTTP 502',
    });
    expect(wire.message.en).toContain('https://bbb.fr/bigbluebutton/api/getRecordings?state=any');
    expect(JSON.stringify(wire)).not.toMatch(/checksum|abc123|\n\s+at /);
    expect(
      JSON.stringify(
        toWireError(
          new DownloadError({
            url: 'https://h/v.mp4?token=secret',
            what: bi('x', 'y'),
            detail: 'd',
          }),
        ),
      ),
    ).not.toContain('secret');
  });

  it('says a timeout in seconds with the setting to raise', () => {
    const error = new BbbError({
      failure: 'timeout',
      call: 'getMeetings',
      message: 'no complete answer within 2000 ms',
    });
    expect(error.reason.en).toBe(
      'no complete answer within 2 s. The server is overloaded or the way to it is slow; check it, or raise BBB_TIMEOUT_SECONDS.',
    );
    expect(error.reason.fr).toMatch(/^pas de réponse complète en 2 s\. /);
  });

  it('says a full disk, a refused write and a missing program as such, not "internal"', () => {
    expect(toWireError(errno('ENOSPC', { path: '/srv/regie/work/a.mp4' }))).toMatchObject({
      code: 'disk',
      message: { en: expect.stringContaining('The disk is full (writing /srv/regie/work/a.mp4)') },
    });
    expect(toWireError(errno('EACCES', { path: '/srv/pod' })).code).toBe('disk');
    expect(toWireError(errno('ENOENT', { syscall: 'spawn ffprobe', path: 'ffprobe' })).code).toBe(
      'program',
    );
    expect(asRegieError(errno('ENOENT', { syscall: 'open' }))).not.toBeInstanceOf(RegieError);
    expect(toWireError(new TypeError('x is undefined')).code).toBe('internal');
  });
});
