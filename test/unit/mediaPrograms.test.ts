import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateProgram, parseVersionLine, resolveProgram } from '../../src-main/media/programs';
import { thrownBy } from '../helpers/errors';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

describe('resolveProgram', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  /** A file at `dir/<relative>`, executable unless told otherwise. */
  const fakeProgram = (relative: string, mode = 0o755): string => {
    const path = join(dir, relative);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\nexit 0\n');
    chmodSync(path, mode);
    return path;
  };
  const noBundle = { bundledPath: null };

  it('uses the setting first', () => {
    const set = fakeProgram('custom/ffmpeg');
    fakeProgram('bin/ffmpeg');
    const env = { PATH: join(dir, 'bin') };
    expect(locateProgram('ffmpeg', { setting: set, env })).toEqual({
      path: set,
      source: 'setting',
    });
  });

  it('names the setting when its path does not exist, is a directory or is not executable', () => {
    const env = { PATH: '/usr/bin' };
    const missing = thrownBy(() =>
      resolveProgram('ffmpeg', { setting: join(dir, 'nope/ffmpeg'), env }),
    );
    expect(missing.code).toBe('unavailable');
    expect(missing.text.en).toContain('FFMPEG_CMD');
    expect(missing.text.en).toContain('does not exist');
    expect(missing.text.fr).toContain('FFMPEG_CMD');
    expect(missing.text.fr).toContain("n'existe pas");

    const directory = thrownBy(() => resolveProgram('ffprobe', { setting: dir, env }));
    expect(directory.text.en).toContain('FFPROBE_CMD');
    expect(directory.text.en).toContain('is not a file');

    const plain = fakeProgram('plain/ffprobe', 0o644);
    const notExecutable = thrownBy(() =>
      resolveProgram('ffprobe', { setting: plain, settingKey: 'REGIE_FFPROBE', env }),
    );
    expect(notExecutable.text.en).toContain('REGIE_FFPROBE');
    expect(notExecutable.text.en).toContain('is not executable');
  });

  it("accepts Pod's bare-name form of the setting, looked up on the PATH", () => {
    const onPath = fakeProgram('bin/ffmpeg-6');
    const env = { PATH: join(dir, 'bin') };
    expect(locateProgram('ffmpeg', { setting: 'ffmpeg-6', env, ...noBundle })).toEqual({
      path: onPath,
      source: 'setting',
    });
    const error = thrownBy(() => resolveProgram('ffmpeg', { setting: 'ffmpeg-7', env }));
    expect(error.text.en).toContain('FFMPEG_CMD is "ffmpeg-7"');
  });

  it('treats an empty setting as unset', () => {
    const onPath = fakeProgram('bin/ffprobe');
    const env = { PATH: join(dir, 'bin') };
    expect(locateProgram('ffprobe', { setting: '  ', env, ...noBundle })).toEqual({
      path: onPath,
      source: 'path',
    });
  });

  it('uses a bundled copy before the PATH, when the file is there', () => {
    const bundled = fakeProgram('resources/ffmpeg');
    fakeProgram('bin/ffmpeg');
    const env = { PATH: join(dir, 'bin') };
    expect(locateProgram('ffmpeg', { bundledPath: bundled, env })).toEqual({
      path: bundled,
      source: 'bundled',
    });
    expect(locateProgram('ffmpeg', { bundledPath: join(dir, 'gone/ffmpeg'), env }).source).toBe(
      'path',
    );
  });

  it('without ffmpeg-static installed, falls through to the PATH', () => {
    const onPath = fakeProgram('bin/ffmpeg');
    expect(locateProgram('ffmpeg', { env: { PATH: join(dir, 'bin') } })).toEqual({
      path: onPath,
      source: 'path',
    });
  });

  it('searches the PATH in order, skipping non-executables and relative entries', () => {
    fakeProgram('a/ffprobe', 0o644);
    const second = fakeProgram('b/ffprobe');
    fakeProgram('c/ffprobe');
    mkdirSync(join(dir, 'empty'));
    const env = {
      PATH: [
        '',
        'relative/bin',
        join(dir, 'empty'),
        join(dir, 'a'),
        join(dir, 'b'),
        join(dir, 'c'),
      ].join(':'),
    };
    expect(resolveProgram('ffprobe', { env, ...noBundle })).toBe(second);
  });

  it('says how to install it and which setting to set when it is nowhere', () => {
    const error = thrownBy(() =>
      resolveProgram('ffprobe', { env: { PATH: join(dir, 'none') }, ...noBundle }),
    );
    expect(error.code).toBe('unavailable');
    expect(error.text.en).toContain('apt-get install ffmpeg');
    expect(error.text.en).toContain('FFPROBE_CMD');
    expect(error.text.en).toContain(join(dir, 'none'));
    expect(error.text.fr).toContain('apt-get install ffmpeg');
    expect(error.text.fr).toContain('FFPROBE_CMD');
  });

  it('copes with no PATH at all', () => {
    const error = thrownBy(() => resolveProgram('ffmpeg', { env: {}, ...noBundle }));
    expect(error.text.en).toContain('(empty)');
  });
});

describe('parseVersionLine', () => {
  it('reads the version word after "<name> version"', () => {
    const debian = 'ffmpeg version 5.1.6-0+deb12u1 Copyright (c) 2000-2024 the FFmpeg developers';
    expect(parseVersionLine('ffmpeg', debian)).toBe('5.1.6-0+deb12u1');
    expect(parseVersionLine('ffprobe', 'ffprobe version N-109876-gabc static')).toBe(
      'N-109876-gabc',
    );
    expect(parseVersionLine('ffprobe', debian)).toBeNull();
    expect(parseVersionLine('ffmpeg', '')).toBeNull();
  });
});
