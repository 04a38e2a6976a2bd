import type { PlannedRendition } from './renditions';

/**
 * Pod's encoder parameters (reference/pod-behaviour.md §2.5): CRF 20, preset slow, profile high,
 * keyframe every second, AAC 48 kHz. Pod's `-level 3` is left out on purpose: it is wrong for 720p
 * and 1080p (§8.2.3) and x264 picks the right level itself.
 */
export const podEncoderDefaults = { crf: 20, preset: 'slow', keyframeEveryS: 1 } as const;

/**
 * Régie's default x264 preset (setting FFMPEG_PRESET). `medium` rather than Pod's `slow`: on the
 * encode benchmark (test/bench/encode-vs-pod.mjs) every rendition came out with an SSIM equal to
 * or above Pod's `slow` ones, in 0.44–0.49× Pod's time (npm run bench:encode, 2 runs on a 2-core
 * machine). `slow` gives Pod's exact parameters.
 */
export const regieDefaultPreset = 'medium';

/** One video output of the single encode: a planned rendition and where its MP4 goes. */
export interface VideoOutput {
  planned: PlannedRendition;
  mp4Path: string;
}

export interface EncodeCommandOptions {
  /** Source path; passed as `file:<path>` so no name is read as an option or a protocol. */
  input: string;
  /** Ascending heights; empty for an audio-only source. */
  videos: readonly VideoOutput[];
  hasAudio: boolean;
  /** `audio_192k.mp3` (VBR -q:a 2, §2.8) when there is audio. */
  mp3Path?: string;
  /** `audio_192k.m4a` (AAC 192k, §2.8), for audio-only sources. */
  m4aPath?: string;
  /** Absolute index of an attached picture to keep in the MP3. */
  coverArtStreamIndex?: number;
  /** x264 preset. Default Régie's `medium` (`regieDefaultPreset`). */
  preset?: string;
  crf?: number;
}

const fileArg = (path: string): string => `file:${path}`;

/**
 * The filter graph: the first real video stream (`V` skips cover art) decoded once, split, and each
 * copy scaled to its height. `scale=-2:<h>` keeps the displayed aspect with an even width; ffmpeg
 * has already turned a rotated source upright (autorotate), so `<h>` is the height of the picture
 * as it is displayed, as in Pod (a 720×1280 portrait source is "1280 high" and gets 360/720/1080,
 * each a narrow portrait picture). `format=yuv420p` turns 10-bit or 4:2:2 sources into what every
 * player decodes.
 */
export function encodeFilterGraph(heights: readonly number[]): string {
  const scaled = (label: string, height: number, index: number): string =>
    `${label}scale=-2:${String(height)},format=yuv420p[v${String(index)}]`;
  if (heights.length === 1) return scaled('[0:V:0]', heights[0] ?? 0, 0);
  const labels = heights.map((_, i) => `[s${String(i)}]`).join('');
  const chains = heights.map((h, i) => scaled(`[s${String(i)}]`, h, i));
  return [`[0:V:0]split=${String(heights.length)}${labels}`, ...chains].join(';');
}

// Pod, one output per MP4 rendition (§2.6):
//   ffmpeg -hide_banner -threads 0 -i "<in>" -map 0:v:0 -map 0:a:0 -c:v libx264 \
//     -vf "scale=-2:360" -preset slow -profile:v high -pix_fmt yuv420p -level 3 -crf 20 \
//     -maxrate 1000k -bufsize 1000k -sc_threshold 0 -force_key_frames "expr:gte(t,n_forced*1)" \
//     -max_muxing_queue_size 4000 -c:a aac -ar 48000 -b:a 96k -movflags faststart -y -vsync 0 360p.mp4
// Ours, every height and the MP3 from one decode:
//   ffmpeg -hide_banner -nostdin -y -threads 0 -progress pipe:1 -nostats -i file:<in> \
//     -filter_complex "[0:V:0]split=3[s0][s1][s2];[s0]scale=-2:360,format=yuv420p[v0];…" \
//     -map "[v0]" -map 0:a:0 -c:v libx264 -preset slow -profile:v high -crf 20 \
//     -maxrate 1000k -bufsize 1000k -sc_threshold 0 -force_key_frames "expr:gte(t,n_forced*1)" \
//     -fps_mode passthrough -max_muxing_queue_size 4000 -c:a aac -ar 48000 -b:a 96k \
//     -movflags +faststart file:360p.mp4  … (720p, 1080p likewise) \
//     -map 0:a:0 -vn -c:a libmp3lame -q:a 2 file:audio_192k.mp3
/** The one ffmpeg command of an encode. Pure. */
export function encodeCommand(options: EncodeCommandOptions): string[] {
  const preset = options.preset ?? regieDefaultPreset;
  const crf = String(options.crf ?? podEncoderDefaults.crf);
  const args = ['-hide_banner', '-nostdin', '-y', '-threads', '0', '-progress', 'pipe:1'];
  args.push('-nostats', '-i', fileArg(options.input));
  if (options.videos.length > 0) {
    args.push('-filter_complex', encodeFilterGraph(options.videos.map((v) => v.planned.height)));
  }
  options.videos.forEach((video, index) => {
    const { maxrate, audio_bitrate: audioBitrate } = video.planned.rendition;
    args.push('-map', `[v${String(index)}]`);
    if (options.hasAudio) args.push('-map', '0:a:0');
    args.push('-c:v', 'libx264', '-preset', preset, '-profile:v', 'high', '-crf', crf);
    args.push('-maxrate', maxrate, '-bufsize', maxrate, '-sc_threshold', '0');
    args.push(
      '-force_key_frames',
      `expr:gte(t,n_forced*${String(podEncoderDefaults.keyframeEveryS)})`,
    );
    // Pod's `-vsync 0`: keep the source's timestamps, so VFR stays VFR instead of gaining
    // duplicated frames.
    args.push('-fps_mode', 'passthrough', '-max_muxing_queue_size', '4000');
    if (options.hasAudio) args.push('-c:a', 'aac', '-ar', '48000', '-b:a', audioBitrate);
    args.push('-movflags', '+faststart', fileArg(video.mp4Path));
  });
  if (options.hasAudio && options.mp3Path !== undefined) {
    args.push('-map', '0:a:0');
    if (options.coverArtStreamIndex === undefined) args.push('-vn');
    else {
      args.push('-map', `0:${String(options.coverArtStreamIndex)}`, '-c:v', 'copy');
      args.push('-disposition:v:0', 'attached_pic', '-id3v2_version', '3');
    }
    args.push('-c:a', 'libmp3lame', '-q:a', '2', fileArg(options.mp3Path));
  }
  if (options.hasAudio && options.m4aPath !== undefined) {
    args.push('-map', '0:a:0', '-vn', '-c:a', 'aac', '-b:a', '192k');
    args.push('-movflags', '+faststart', fileArg(options.m4aPath));
  }
  return args;
}

export interface Progress {
  /** Seconds of output written so far; null while ffmpeg does not know yet (`N/A`). */
  outTimeS: number | null;
  /** Times real time, e.g. 2.5; null when unknown. */
  speed: number | null;
  /** ffmpeg printed `progress=end`: the last block. */
  isEnd: boolean;
}

/**
 * One block of `-progress pipe:1` output (`key=value` lines ending with `progress=continue|end`)
 * → where the encode is. The last value of each key wins. Pure.
 */
export function parseProgress(lines: readonly string[]): Progress {
  const values = new Map<string, string>();
  for (const line of lines) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  // `out_time_ms` is in microseconds too (an old ffmpeg naming mistake); prefer `out_time_us`.
  const micros = Number(values.get('out_time_us') ?? values.get('out_time_ms') ?? NaN);
  const speed = Number.parseFloat((values.get('speed') ?? '').replace(/x$/, ''));
  return {
    outTimeS: Number.isFinite(micros) && micros >= 0 ? micros / 1e6 : null,
    speed: Number.isFinite(speed) ? speed : null,
    isEnd: values.get('progress') === 'end',
  };
}

/** Feeds `-progress` lines one by one and calls `onBlock` at the end of each block. */
export function progressReader(onBlock: (progress: Progress) => void): (line: string) => void {
  let block: string[] = [];
  return (line: string) => {
    block.push(line);
    if (line.startsWith('progress=')) {
      onBlock(parseProgress(block));
      block = [];
    }
  };
}
