import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EncodeError, encodeRenditionSet, type EncodeResult } from '../../src-main/media/encode';
import { probeMedia } from '../../src-main/media/probe';
import { run } from '../../src-main/media/run';
import { verifyOutputs } from '../../src-main/media/verifyOutputs';
import { makeClip, type ClipOptions } from '../helpers/clips';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

// Real ffmpeg and ffprobe (Debian's) on small generated clips; preset ultrafast keeps it quick.
const ffmpeg = '/usr/bin/ffmpeg';
const ffprobe = '/usr/bin/ffprobe';
const video: ClipOptions = {
  seconds: 3,
  width: 320,
  height: 180,
  audio: true,
  video: true,
  container: 'mp4',
};

let dir: string;
beforeAll(() => {
  dir = makeTempDir();
});
afterAll(() => removeTempDir(dir));

let count = 0;
async function encode(source: string): Promise<EncodeResult> {
  const outDir = join(dir, `out-${String(++count)}`);
  const result = await encodeRenditionSet({
    input: source,
    outDir,
    ffmpeg,
    ffprobe,
    preset: 'ultrafast',
  });
  const verified = await verifyOutputs(result, result.durationS, { ffprobe });
  expect(verified.problems).toEqual([]);
  // Nothing temporary is left behind.
  expect(readdirSync(outDir).filter((n) => n.startsWith('.'))).toEqual([]);
  return result;
}

const videoSize = async (path: string) => {
  const info = await probeMedia(path, { ffprobe });
  return { width: info.video?.width, height: info.video?.height, pixFmt: info.video?.pixFmt };
};

const master = (result: EncodeResult): string => readFileSync(result.masterPath ?? '', 'utf8');
const variantCount = (text: string): number => text.split('#EXT-X-STREAM-INF').length - 1;

describe('encodeRenditionSet on real ffmpeg', () => {
  it('encodes a 1080p source to 360p/720p MP4, 360/720/1080 HLS and a master listing all three', async () => {
    const source = await makeClip(dir, 'hd', { ...video, width: 1920, height: 1080, seconds: 2.5 });
    const before = statSync(source).mtimeMs;
    const result = await encode(source);
    const names = readdirSync(result.outDir).sort();
    expect(names).toEqual(
      [
        '1080p.m3u8',
        '1080p.ts',
        '360p.m3u8',
        '360p.mp4',
        '360p.ts',
        '720p.m3u8',
        '720p.mp4',
        '720p.ts',
        'audio_192k.mp3',
        'info_video.json',
        'livestream.m3u8',
        'thumbnail_0001.png',
        'thumbnail_0002.png',
        'thumbnail_0003.png',
      ].sort(),
    );
    expect(await videoSize(join(result.outDir, '360p.mp4'))).toEqual({
      width: 640,
      height: 360,
      pixFmt: 'yuv420p',
    });
    expect(await videoSize(join(result.outDir, '720p.mp4'))).toMatchObject({
      width: 1280,
      height: 720,
    });
    expect(await videoSize(join(result.outDir, '1080p.m3u8'))).toMatchObject({
      width: 1920,
      height: 1080,
    });
    const text = master(result);
    expect(variantCount(text)).toBe(3);
    expect(text).toMatch(/RESOLUTION=640x360,.*CODECS="avc1\.[0-9a-f]{6},mp4a\.40\.2"\n360p\.m3u8/);
    expect(text).toMatch(/RESOLUTION=1920x1080.*\n1080p\.m3u8/);
    const viaMaster = await probeMedia(result.masterPath ?? '', { ffprobe });
    expect(viaMaster.video?.codec).toBe('h264');
    expect(viaMaster.durationS).toBeCloseTo(2.5, 0);
    // The 360p playlist: single-file byte ranges, segments of ~2 s, keyframes every second.
    const playlist = readFileSync(join(result.outDir, '360p.m3u8'), 'utf8');
    expect(playlist).toContain('#EXT-X-BYTERANGE');
    expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    const info = JSON.parse(readFileSync(result.infoPath, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(info.list_mp4_files as object)).toEqual(['360', '720']);
    expect(Object.keys(info.list_hls_files as object)).toEqual(['360', '720', '1080']);
    expect(info.list_mp3_files).toEqual({ '192k': join(result.outDir, 'audio_192k.mp3') });
    expect(info.duration).toBe(2);
    expect(statSync(source).mtimeMs).toBe(before);
    expect(result.commands.map((c) => c.step)).toContain('encode');
  });

  it('does not upscale a 320×180 source: one 180p variant, a playable master', async () => {
    const result = await encode(await makeClip(dir, 'small', video));
    expect(result.mp4.map((m) => [m.nominalHeight, m.width, m.height])).toEqual([[360, 320, 180]]);
    expect(variantCount(master(result))).toBe(1);
    expect(master(result)).toContain('RESOLUTION=320x180');
    expect((await probeMedia(result.masterPath ?? '', { ffprobe })).video?.height).toBe(180);
  });

  it('encodes an audio-only source to MP3 and M4A, with no video outputs', async () => {
    const source = await makeClip(dir, 'voice', { ...video, video: false, container: 'm4a' });
    const result = await encode(source);
    expect(readdirSync(result.outDir).sort()).toEqual([
      'audio_192k.m4a',
      'audio_192k.mp3',
      'info_video.json',
    ]);
    expect(result.masterPath).toBeNull();
  });

  it('keeps the cover art of an MP3 in its MP3 and as the thumbnail', async () => {
    const source = await makeClip(dir, 'song', {
      ...video,
      video: false,
      container: 'mp3',
      coverArt: true,
    });
    const result = await encode(source);
    expect(result.thumbnails).toEqual([join(result.outDir, 'thumbnail_1.png')]);
    expect(
      readFileSync(result.thumbnails[0] ?? '')
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await probeMedia(result.mp3Path ?? '', { ffprobe })).hasCoverArt).toBe(true);
  });

  it('writes subtitle tracks as WebVTT named after their language', async () => {
    const source = await makeClip(dir, 'subs', { ...video, container: 'mkv', subtitles: true });
    const result = await encode(source);
    expect(result.subtitles.map((s) => s.language)).toEqual(['fr']);
    const vtt = readFileSync(join(result.outDir, 'subtitle_fr.vtt'), 'utf8');
    expect(vtt).toMatch(/^WEBVTT/);
    expect(vtt).toContain('Bonjour à tous');
  });

  it('encodes odd 1918×1078 to even widths (no 1080p: the source is below it)', async () => {
    const source = await makeClip(dir, 'odd', { ...video, width: 1918, height: 1078, seconds: 1 });
    const result = await encode(source);
    expect(result.hls.map((h) => [h.width, h.height])).toEqual([
      [640, 360],
      [1282, 720],
    ]);
  });

  it('scales a portrait 720×1280 source by its displayed height, as Pod does', async () => {
    const source = await makeClip(dir, 'portrait', {
      ...video,
      width: 720,
      height: 1280,
      seconds: 1,
    });
    const result = await encode(source);
    expect(result.hls.map((h) => [h.width, h.height])).toEqual([
      [202, 360],
      [406, 720],
      [608, 1080],
    ]);
  });

  it('turns a rotated source upright', async () => {
    const source = await makeClip(dir, 'rotated', {
      ...video,
      width: 640,
      height: 360,
      rotate: 90,
    });
    const result = await encode(source);
    expect(result.mp4.map((m) => [m.width, m.height])).toEqual([[202, 360]]);
  });

  it('turns a 10-bit source into 8-bit outputs', async () => {
    const source = await makeClip(dir, 'deep', { ...video, pixFmt: 'yuv420p10le' });
    expect((await probeMedia(source, { ffprobe })).video?.pixFmt).toBe('yuv420p10le');
    const result = await encode(source);
    expect((await videoSize(result.mp4[0]?.path ?? '')).pixFmt).toBe('yuv420p');
  });

  it('uses the first of two audio tracks', async () => {
    const source = await makeClip(dir, 'two', { ...video, audioTracks: 2, container: 'mkv' });
    const result = await encode(source);
    const info = await probeMedia(result.mp4[0]?.path ?? '', { ffprobe });
    expect(info.audioStreams).toHaveLength(1);
  });

  it('encodes a video-only source: no audio outputs, a master without an audio codec', async () => {
    const result = await encode(await makeClip(dir, 'mute', { ...video, audio: false }));
    expect(result.mp3Path).toBeNull();
    expect(master(result)).not.toContain('mp4a');
    expect((await probeMedia(result.mp4[0]?.path ?? '', { ffprobe })).audioStreams).toEqual([]);
  });

  it('keeps a variable frame rate source in sync (no frames added)', async () => {
    // Every third frame dropped unevenly: timestamps 0, 0.1, 0.3, 0.4, 0.6… (VFR).
    const source = await makeClip(dir, 'vfr', {
      ...video,
      container: 'mkv',
      outputArgs: ['-vf', 'select=not(eq(mod(n\\,3)\\,2))', '-fps_mode', 'vfr'],
    });
    const sourceInfo = await probeMedia(source, { ffprobe });
    const result = await encode(source);
    expect(result.durationS).toBeCloseTo(sourceInfo.durationS, 1);
    // 30 frames at 10 fps, every third dropped: 20 frames kept, none duplicated to fill the gaps.
    const { stdout } = await run(ffprobe, [
      ...['-v', 'error', '-count_packets', '-select_streams', 'v:0'],
      ...['-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', result.mp4[0]?.path ?? ''],
    ]);
    expect(stdout.trim()).toBe('20');
  });

  it('makes an overview grid for a clip of 10 s or more', async () => {
    const source = await makeClip(dir, 'long', { ...video, width: 160, height: 90, seconds: 10 });
    const result = await encode(source);
    expect(result.overview).not.toBeNull();
    // A PNG's IHDR holds its width and height at bytes 16 and 20.
    const png = readFileSync(result.overview?.png ?? '');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 90]);
    expect(readFileSync(result.overview?.vtt ?? '', 'utf8')).toContain(
      'overview.png#xywh=1440,0,160,90',
    );
  });

  it('refuses a truncated file with a clear reason and writes nothing', async () => {
    const whole = await makeClip(dir, 'cut', video);
    const bytes = readFileSync(whole);
    const truncated = join(dir, 'cut-short.mp4');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const outDir = join(dir, 'out-truncated');
    const error = await encodeRenditionSet({ input: truncated, outDir, ffmpeg, ffprobe }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EncodeError);
    expect((error as EncodeError).failure).toBe('input');
    expect((error as EncodeError).message).toContain(truncated);
    expect(existsSync(outDir)).toBe(false);
  });

  it('refuses a zero-length file', async () => {
    const empty = join(dir, 'empty.mp4');
    writeFileSync(empty, '');
    const error = await encodeRenditionSet({
      input: empty,
      outDir: join(dir, 'out-empty'),
      ffmpeg,
      ffprobe,
    }).catch((e: unknown) => e);
    expect((error as EncodeError).failure).toBe('input');
  });

  it('on abort, kills ffmpeg and leaves no partial file in outDir', async () => {
    const source = await makeClip(dir, 'abort', {
      ...video,
      width: 1920,
      height: 1080,
      seconds: 4,
    });
    const outDir = join(dir, 'out-abort');
    const controller = new AbortController();
    const error = await encodeRenditionSet({
      input: source,
      outDir,
      ffmpeg,
      ffprobe,
      preset: 'slow',
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'encode' && p.fraction !== null && p.fraction > 0) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect((error as EncodeError).failure).toBe('cancelled');
    expect(readdirSync(outDir)).toEqual([]);
  });
});
