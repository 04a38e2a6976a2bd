import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export type ClipContainer = 'mp4' | 'mkv' | 'webm' | 'ts' | 'mp3' | 'm4a' | 'wav';

export interface ClipOptions {
  /** 0 makes a file with streams declared but no media in it. */
  seconds: number;
  width: number;
  height: number;
  audio: boolean;
  video: boolean;
  container: ClipContainer;
  /** An attached picture (mp3, m4a, mp4, mkv). */
  coverArt?: boolean;
  /** One subtitle track in French (mkv: SubRip, mp4: mov_text). */
  subtitles?: boolean;
  /** MP4/M4A with the index (moov) first. Default false: ffmpeg writes it last, like recorders. */
  faststart?: boolean;
  /** Language tag of the audio track. */
  audioLanguage?: string;
  /** A `rotate` tag on the video stream, written with a stream copy (mp4 only). */
  rotate?: 90 | 180 | 270;
  /** Extra output options, e.g. `['-g', '20']` (a key frame every 2 s) or `['-write_xing', '0']`. */
  outputArgs?: string[];
  /** Pixel format of the video, e.g. `yuv420p10le` for a 10-bit source. Default `yuv420p`. */
  pixFmt?: string;
  /** Audio tracks (different tones); the first carries `audioLanguage`. Default 1. */
  audioTracks?: number;
  /** The ffmpeg to use. Default: `ffmpeg` on the PATH. */
  ffmpeg?: string;
}

const VIDEO_CONTAINERS: readonly ClipContainer[] = ['mp4', 'mkv', 'webm', 'ts'];
const AUDIO_CODECS: Readonly<Record<ClipContainer, string>> = {
  mp4: 'aac',
  mkv: 'aac',
  webm: 'libopus',
  ts: 'aac',
  m4a: 'aac',
  mp3: 'libmp3lame',
  wav: 'pcm_s16le',
};

/**
 * A small real media file made by ffmpeg from its test sources (testsrc pattern, sine tone), with
 * the fastest settings, written as `<dir>/<name>` (the container's extension is added when `name`
 * has none). Returns the path.
 */
export async function makeClip(dir: string, name: string, options: ClipOptions): Promise<string> {
  const { seconds, width, height, container } = options;
  const ffmpeg = options.ffmpeg ?? 'ffmpeg';
  if (!options.audio && !options.video) throw new Error('makeClip: a clip needs audio or video');
  if (options.video && !VIDEO_CONTAINERS.includes(container)) {
    throw new Error(`makeClip: ${container} cannot carry video (use coverArt for a picture)`);
  }
  const path = join(dir, /\.[^./]+$/.test(name) ? name : `${name}.${container}`);

  const inputs: string[] = [];
  const maps: string[] = [];
  const codecs: string[] = [];
  let index = 0;
  const frames = seconds === 0 ? ['-frames:v', '0', '-frames:a', '0'] : [];
  if (options.video) {
    inputs.push('-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=${width}x${height}:rate=10`);
    maps.push('-map', `${index++}:v`);
    codecs.push(
      ...(container === 'webm'
        ? ['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k']
        : ['-c:v', 'libx264', '-preset', 'ultrafast']),
      '-pix_fmt',
      options.pixFmt ?? 'yuv420p',
    );
  }
  if (options.audio) {
    for (let track = 0; track < (options.audioTracks ?? 1); track++) {
      const tone = `sine=frequency=${440 + 220 * track}:sample_rate=44100:duration=${seconds}`;
      inputs.push('-f', 'lavfi', '-i', tone);
      maps.push('-map', `${index++}:a`);
    }
    codecs.push('-c:a', AUDIO_CODECS[container], '-ac', '1');
    if (options.audioLanguage) codecs.push('-metadata:s:a:0', `language=${options.audioLanguage}`);
  }
  if (options.subtitles) {
    const srt = join(dir, `${name}.srt`);
    await writeFile(srt, '1\n00:00:00,000 --> 00:00:00,800\nBonjour à tous\n');
    inputs.push('-i', srt);
    maps.push('-map', `${index++}:s`);
    codecs.push(
      '-c:s',
      container === 'mkv' ? 'srt' : 'mov_text',
      '-metadata:s:s:0',
      'language=fra',
    );
  }
  if (options.coverArt) {
    inputs.push('-f', 'lavfi', '-i', `color=c=red:size=32x32:duration=1`);
    maps.push('-map', `${index++}:v`);
    // The cover is the last video stream; `-c:v` above only named the first.
    const cover = options.video ? '1' : '0';
    codecs.push(`-frames:v:${cover}`, '1', `-c:v:${cover}`, 'mjpeg');
    codecs.push(`-disposition:v:${cover}`, 'attached_pic');
  }
  if (container === 'mp3') codecs.push('-id3v2_version', '3');
  if (options.faststart) codecs.push('-movflags', '+faststart');
  codecs.push(...(options.outputArgs ?? []));

  const common = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y'];
  const target = options.rotate ? join(dir, `unrotated-${name}.${container}`) : path;
  await execFileAsync(ffmpeg, [...common, ...inputs, ...maps, ...codecs, ...frames, target]);
  if (options.rotate) {
    // ffmpeg 5.1 honours the rotate tag only when remuxing.
    const rotate = ['-metadata:s:v:0', `rotate=${options.rotate}`];
    await execFileAsync(ffmpeg, [
      ...common,
      '-i',
      target,
      '-map',
      '0',
      '-c',
      'copy',
      ...rotate,
      path,
    ]);
  }
  return path;
}
