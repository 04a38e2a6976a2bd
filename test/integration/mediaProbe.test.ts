import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkMediaIntegrity, type IntegrityResult } from '../../src-main/media/integrity';
import { probeMedia } from '../../src-main/media/probe';
import { ProgramError } from '../../src-main/media/run';
import { makeClip } from '../helpers/clips';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// Real ffprobe on small clips made by real ffmpeg (Debian's, on the PATH).
const ffprobe = '/usr/bin/ffprobe';
const small = { width: 64, height: 48 };

/** Deterministic bytes that are no media format (a fixed-seed generator, not Math.random). */
function noiseBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

function failed(result: IntegrityResult) {
  if (result.ok) throw new Error(`expected the check to fail, got ${JSON.stringify(result.info)}`);
  return result;
}

describe('probeMedia and checkMediaIntegrity on real files', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeTempDir();
  });
  afterAll(() => removeTempDir(dir));

  it('reads an MP4 with video and audio', async () => {
    const path = await makeClip(dir, 'both', {
      seconds: 2,
      ...small,
      audio: true,
      video: true,
      container: 'mp4',
      audioLanguage: 'fra',
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info.formatName).toContain('mp4');
    expect(info.durationS).toBeGreaterThan(1.9);
    expect(info.durationS).toBeLessThan(2.2);
    expect(info.sizeBytes).toBe(statSync(path).size);
    expect(info.bitRate).toBeGreaterThan(0);
    expect(info.video).toEqual({
      codec: 'h264',
      width: 64,
      height: 48,
      pixFmt: 'yuv420p',
      frameRate: 10,
      rotation: 0,
      isAttachedPic: false,
    });
    expect(info.audioStreams).toEqual([
      { codec: 'aac', channels: 1, sampleRate: 44100, language: 'fra' },
    ]);
    expect(info.subtitleStreams).toEqual([]);
    expect(info.hasCoverArt).toBe(false);

    const check = await checkMediaIntegrity(path, { ffprobe });
    expect(check).toEqual({ ok: true, info });
  });

  it('reads an audio-only MP3', async () => {
    const path = await makeClip(dir, 'voice', {
      seconds: 1,
      ...small,
      audio: true,
      video: false,
      container: 'mp3',
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info).toMatchObject({ formatName: 'mp3', video: null, hasCoverArt: false });
    expect(info.audioStreams).toEqual([
      { codec: 'mp3', channels: 1, sampleRate: 44100, language: null },
    ]);
    expect((await checkMediaIntegrity(path, { ffprobe })).ok).toBe(true);
  });

  it('reads a video-only MP4', async () => {
    const path = await makeClip(dir, 'silent', {
      seconds: 1,
      width: 96,
      height: 64,
      audio: false,
      video: true,
      container: 'mp4',
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info.video).toMatchObject({ codec: 'h264', width: 96, height: 64 });
    expect(info.audioStreams).toEqual([]);
    expect((await checkMediaIntegrity(path, { ffprobe })).ok).toBe(true);
  });

  it('reads an MKV with a subtitle track, its duration from the stream tags', async () => {
    const path = await makeClip(dir, 'lecture', {
      seconds: 1,
      ...small,
      audio: true,
      video: true,
      container: 'mkv',
      subtitles: true,
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info.formatName).toBe('matroska,webm');
    expect(info.subtitleStreams).toEqual([{ codec: 'subrip', language: 'fra' }]);
    expect(info.video?.codec).toBe('h264');
    expect(info.audioStreams).toHaveLength(1);
    expect(info.durationS).toBeGreaterThan(0.9);
  });

  it('sees the cover picture of an MP3 as cover art, not video', async () => {
    const path = await makeClip(dir, 'podcast', {
      seconds: 1,
      ...small,
      audio: true,
      video: false,
      container: 'mp3',
      coverArt: true,
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info.hasCoverArt).toBe(true);
    expect(info.video).toBeNull();
    expect(info.audioStreams).toHaveLength(1);
    expect((await checkMediaIntegrity(path, { ffprobe })).ok).toBe(true);
  });

  it('sees the cover picture of an M4A as cover art', async () => {
    const path = await makeClip(dir, 'album', {
      seconds: 1,
      ...small,
      audio: true,
      video: false,
      container: 'm4a',
      coverArt: true,
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info).toMatchObject({ hasCoverArt: true, video: null });
  });

  it('reads the rotation of a video', async () => {
    const path = await makeClip(dir, 'upside-down', {
      seconds: 1,
      ...small,
      audio: false,
      video: true,
      container: 'mp4',
      rotate: 180,
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info.video).toMatchObject({ width: 64, height: 48, rotation: 180 });
  });

  it('probes a file whose name starts with "-" and has spaces and accents', async () => {
    const source = await makeClip(dir, 'plain', {
      seconds: 1,
      ...small,
      audio: true,
      video: true,
      container: 'mp4',
    });
    const awkward = join(dir, '-vf Cours été à l’amphi.mp4');
    copyFileSync(source, awkward);
    const info = await probeMedia(awkward, { ffprobe });
    expect(info.video?.width).toBe(64);
    expect((await checkMediaIntegrity(awkward, { ffprobe })).ok).toBe(true);
  });

  it('fails a truncated MP4 (the moov index was never written) with a reason', async () => {
    const whole = await makeClip(dir, 'whole', {
      seconds: 2,
      ...small,
      audio: true,
      video: true,
      container: 'mp4',
    });
    const bytes = readFileSync(whole);
    const half = join(dir, 'half.mp4');
    writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const error = await probeMedia(half, { ffprobe }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).stderrTail).toContain('moov atom not found');

    const result = failed(await checkMediaIntegrity(half, { ffprobe }));
    expect(result.problem).toBe('incomplete');
    expect(result.reason.en).toContain('"half.mp4"');
    expect(result.reason.en).toContain('moov atom');
    expect(result.reason.en).toContain('ffprobe: ');
    // ffprobe's `[mov,mp4 @ 0x…]` prefix is left out (issue #9, the Inbox's raw text).
    expect(result.reason.en).not.toMatch(/@ ?0x[0-9a-f]+/i);
    expect(result.reason.fr).toContain('« half.mp4 »');
    expect(result.reason.fr).toContain('atome moov');
  });

  it('fails a zero-length file without running ffprobe', async () => {
    const empty = join(dir, 'empty.mp4');
    writeFileSync(empty, '');
    // A broken ffprobe path proves the size check alone decides.
    const result = failed(await checkMediaIntegrity(empty, { ffprobe: '/nonexistent/ffprobe' }));
    expect(result.problem).toBe('empty');
    expect(result.reason.en).toContain('empty (0 bytes)');
    expect(result.reason.fr).toContain('vide (0 octet)');
  });

  it('fails random bytes as not a media file', async () => {
    const noise = join(dir, 'noise.dat');
    writeFileSync(noise, noiseBytes(64 * 1024, 42));
    const result = failed(await checkMediaIntegrity(noise, { ffprobe }));
    expect(result.problem).toBe('unreadable');
    expect(result.reason.en).toContain('not a recognised audio or video format');
    expect(result.reason.en).toContain('Invalid data found when processing input');
    expect(result.reason.fr).toContain("ce n'est pas un format audio ou vidéo reconnu");

    // The same bytes named .mp4 read as an MP4 without its index.
    const fake = join(dir, 'noise.mp4');
    copyFileSync(noise, fake);
    expect(failed(await checkMediaIntegrity(fake, { ffprobe })).problem).toBe('incomplete');
  });

  it('fails a file that ffprobe reads but whose duration is 0', async () => {
    const path = await makeClip(dir, 'nothing', {
      seconds: 0,
      ...small,
      audio: true,
      video: false,
      container: 'wav',
    });
    const info = await probeMedia(path, { ffprobe });
    expect(info.audioStreams).toHaveLength(1);
    expect(info.durationS).toBe(0);

    const result = failed(await checkMediaIntegrity(path, { ffprobe }));
    expect(result.problem).toBe('no_duration');
    expect(result.reason.en).toContain('duration is 0 or unknown');
    expect(result.reason.fr).toContain('durée est nulle ou inconnue');
  });

  it('fails a file with neither audio nor video', async () => {
    const subtitles = join(dir, 'only-text.srt');
    writeFileSync(subtitles, '1\n00:00:00,000 --> 00:00:02,000\nBonjour\n');
    const result = failed(await checkMediaIntegrity(subtitles, { ffprobe }));
    expect(result.problem).toBe('no_streams');
    expect(result.reason.en).toBe(
      '"only-text.srt": it has no audio or video stream (only subtitles).',
    );
    expect(result.reason.fr).toContain('aucun flux audio ou vidéo (seulement des sous-titres)');
  });

  it('fails a missing file and a directory with a reason', async () => {
    const missing = failed(await checkMediaIntegrity(join(dir, 'gone.mp4'), { ffprobe }));
    expect(missing.problem).toBe('missing');
    expect(missing.reason.en).toBe('"gone.mp4": the file does not exist.');
    expect(missing.reason.fr).toBe("« gone.mp4 » : le fichier n'existe pas.");

    const directory = failed(await checkMediaIntegrity(dir, { ffprobe }));
    expect(directory.problem).toBe('not_a_file');

    const error = await probeMedia(join(dir, 'gone.mp4'), { ffprobe }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramError);
    expect((error as ProgramError).stderrTail).toContain('No such file or directory');
  });

  it('throws, rather than blaming the file, when ffprobe itself cannot run', async () => {
    const path = join(dir, 'some.mp4');
    writeFileSync(path, 'x');
    await expect(
      checkMediaIntegrity(path, { ffprobe: join(dir, 'no-ffprobe') }),
    ).rejects.toMatchObject({ name: 'RegieError', code: 'unavailable' });
  });

  it('stops on cancel', async () => {
    const path = await makeClip(dir, 'cancelled', {
      seconds: 1,
      ...small,
      audio: true,
      video: false,
      container: 'mp3',
    });
    const controller = new AbortController();
    controller.abort();
    await expect(
      checkMediaIntegrity(path, { ffprobe, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'ProgramError', failure: 'aborted' });
  });
});
