import type { StreamEntry } from './streams';

/** A step of Pod's `encoding_log` (§2.3). */
export interface EncodingLogEntry {
  command: string;
  result: string;
  msg: string;
}

export interface InfoVideoInput {
  videoId: number;
  source: string;
  outputDir: string;
  /** Probed duration; Pod stores whole seconds (§2.2). */
  durationS: number;
  streams: readonly StreamEntry[];
  mp4: readonly { nominalHeight: number; path: string }[];
  hls: readonly { nominalHeight: number; m3u8Path: string }[];
  mp3Path: string | null;
  m4aPath: string | null;
  /** Key: Pod's index (`"1"`… for frames, the stream index for cover art). */
  thumbnails: readonly { key: string; path: string }[];
  overview: { png: string; vtt: string } | null;
  subtitles: readonly { streamIndex: number; language: string; path: string }[];
  log: Readonly<Record<string, EncodingLogEntry>>;
  start: string;
  stop: string;
}

const byIndex = <T>(
  streams: readonly StreamEntry[],
  kind: StreamEntry['kind'],
  f: (s: StreamEntry) => T,
) => Object.fromEntries(streams.filter((s) => s.kind === kind).map((s) => [String(s.index), f(s)]));

/**
 * `info_video.json` with the keys of Pod's Encoding_video object (reference/pod-behaviour.md §2.3),
 * so Pod's remote-encoding import (`store_remote_encoded_video`, §2.1.7) can read our output. Pure.
 */
export function infoVideoJson(input: InfoVideoInput): Record<string, unknown> {
  // Pod finds `livestream.m3u8` by its name in output_dir, not in this list (§2.11).
  const hls = Object.fromEntries(input.hls.map((h) => [String(h.nominalHeight), h.m3u8Path]));
  return {
    id: input.videoId,
    video_file: input.source,
    duration: Math.trunc(input.durationS),
    list_video_track: byIndex(input.streams, 'video', (s) => ({
      width: s.width,
      height: s.height,
    })),
    list_audio_track: byIndex(input.streams, 'audio', (s) => ({
      sample_rate: s.sampleRate,
      channels: s.channels,
    })),
    list_subtitle_track: byIndex(input.streams, 'subtitle', (s) => ({ language: s.language })),
    list_image_track: byIndex(input.streams, 'image', (s) => ({
      width: s.width,
      height: s.height,
    })),
    list_mp4_files: Object.fromEntries(input.mp4.map((m) => [String(m.nominalHeight), m.path])),
    list_hls_files: hls,
    list_mp3_files: input.mp3Path === null ? {} : { '192k': input.mp3Path },
    list_m4a_files: input.m4aPath === null ? {} : { '192k': input.m4aPath },
    list_thumbnail_files: Object.fromEntries(input.thumbnails.map((t) => [t.key, t.path])),
    list_overview_files:
      input.overview === null ? {} : { '0': input.overview.png, '1': input.overview.vtt },
    list_subtitle_files: Object.fromEntries(
      input.subtitles.map((s) => [String(s.streamIndex), [s.language, s.path]]),
    ),
    encoding_log: input.log,
    output_dir: input.outputDir,
    start: input.start,
    stop: input.stop,
    error_encoding: false,
    cutting_start: 0,
    cutting_stop: 0,
    json_dressing: null,
    dressing_input: '',
  };
}
