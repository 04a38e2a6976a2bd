import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateProgram, resolveProgram, selfTest } from '../../src-main/media/programs';
import { rejectionOf } from '../helpers/errors';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// Debian's ffmpeg and ffprobe, installed in /usr/bin on our machines.
describe('the real ffmpeg and ffprobe', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  /** An executable shell script standing in for a broken program. */
  const script = (name: string, body: string): string => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it('finds /usr/bin/ffprobe and /usr/bin/ffmpeg through the PATH', () => {
    const env = { PATH: `${join(dir, 'nothing-here')}:/usr/bin` };
    expect(locateProgram('ffprobe', { env, bundledPath: null })).toEqual({
      path: '/usr/bin/ffprobe',
      source: 'path',
    });
    expect(resolveProgram('ffmpeg', { env })).toBe('/usr/bin/ffmpeg');
  });

  it('passes the self-test and reports both versions', async () => {
    const result = await selfTest('/usr/bin/ffmpeg', '/usr/bin/ffprobe');
    expect(result.ffmpegVersion).toMatch(/^\S*\d+\.\d+/);
    expect(result.ffprobeVersion).toBe(result.ffmpegVersion);
  });

  it('fails the self-test for a program that is not ffmpeg', async () => {
    const error = await rejectionOf(selfTest('/bin/true', '/usr/bin/ffprobe'));
    expect(error.code).toBe('unavailable');
    expect(error.text.en).toBe(
      '/bin/true does not look like ffmpeg: "ffmpeg -version" printed (nothing). ' +
        'Check FFMPEG_CMD or the ffmpeg installation.',
    );
    const swapped = await rejectionOf(selfTest('/usr/bin/ffmpeg', '/usr/bin/ffmpeg'));
    expect(swapped.text.en).toContain('/usr/bin/ffmpeg does not look like ffprobe');
  });

  it('fails the self-test with the end of stderr when the test encode breaks', async () => {
    const broken = script(
      'ffmpeg',
      [
        'if [ "$1" = "-version" ]; then echo "ffmpeg version 9.9-fake"; exit 0; fi',
        'echo "Unknown encoder libx264" >&2',
        'echo "Error while opening encoder for output stream #0:0" >&2',
        'exit 1',
      ].join('\n'),
    );
    const error = await rejectionOf(selfTest(broken, '/usr/bin/ffprobe'));
    expect(error.code).toBe('unavailable');
    expect(error.text.en).toContain(
      `${broken} failed (exit code 1) during a one-second test encode`,
    );
    expect(error.text.en).toContain('testsrc=duration=1:size=64x64:rate=10');
    expect(error.text.en).toContain(
      'Unknown encoder libx264\nError while opening encoder for output stream #0:0',
    );
    expect(error.text.fr).toContain('a échoué (code de sortie 1)');
    expect(error.text.fr).toContain('Error while opening encoder');
  });

  it('fails the self-test when a program cannot be started', async () => {
    const error = await rejectionOf(selfTest('/usr/bin/ffmpeg', join(dir, 'missing-ffprobe')));
    expect(error.text.en).toContain(`${join(dir, 'missing-ffprobe')} could not be started`);
  });

  it('fails the self-test when a program hangs', async () => {
    const hangs = script('ffprobe', 'exec sleep 30');
    const error = await rejectionOf(selfTest('/usr/bin/ffmpeg', hangs, { timeoutMs: 300 }));
    expect(error.text.en).toContain('did not finish in time');
  });
});
