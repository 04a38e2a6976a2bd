import { resolve } from 'node:path';
import { ProgramError, run } from './run';

export interface VideoStreamInfo {
  codec: string;
  /** As stored, before rotation. */
  width: number;
  height: number;
  pixFmt: string | null;
  /** Average frames per second; null when the container does not say. */
  frameRate: number | null;
  /**
   * Degrees clockwise a player turns the stored picture to show it: 0, 90, 180 or 270 (the
   * meaning of the classic `rotate` tag; 90 or 270 swap the displayed width and height).
   */
  rotation: number;
  isAttachedPic: boolean;
}

export interface AudioStreamInfo {
  codec: string;
  channels: number;
  sampleRate: number | null;
  /** ISO 639 code from the stream's tags; null when absent or `und`. */
  language: string | null;
}

export interface SubtitleStreamInfo {
  codec: string;
  language: string | null;
}

export interface MediaInfo {
  /** Seconds, from the container, else the longest stream; 0 when nothing states one. */
  durationS: number;
  /** ffprobe's format name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  sizeBytes: number;
  /** Bits per second for the whole file, when known. */
  bitRate: number | null;
  /** The first real video stream (not cover art); null for audio-only media. */
  video: VideoStreamInfo | null;
  audioStreams: AudioStreamInfo[];
  subtitleStreams: SubtitleStreamInfo[];
  /** An embedded picture (album cover, thumbnail) was found. */
  hasCoverArt: boolean;
}

export interface ProbeOptions {
  ffprobe: string;
  /** Default 60 s: a network mount can be slow, a healthy local file takes milliseconds. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * ffprobe's input argument. The `file:` protocol plus an absolute path means a name starting with
 * `-` is never read as an option and a name containing `:` is never read as another protocol.
 */
export const ffprobeInput = (path: string): string => `file:${resolve(path)}`;

// Pod: ffprobe -v quiet -show_format -show_streams -print_format json -i "<source>"
// (reference/pod-behaviour.md §2.2). `-v error` instead of `quiet`: the reason a file cannot be
// read goes to stderr, which we keep.
export const probeArgs = (path: string): string[] => [
  '-v',
  'error',
  '-show_format',
  '-show_streams',
  '-of',
  'json',
  ffprobeInput(path),
];

/** ffprobe's JSON output; anything else is a ProgramError with the command and its stderr. */
export function probeJson(
  stdout: string,
  ran: { program: string; args: readonly string[]; stderrTail: string },
): unknown {
  try {
    return JSON.parse(stdout) as unknown;
  } catch (error) {
    throw new ProgramError({
      ...ran,
      failure: 'output',
      detail: 'printed something that is not JSON',
      cause: error,
    });
  }
}

/** Reads a media file's container and streams. Rejects with a ProgramError when ffprobe cannot. */
export async function probeMedia(path: string, options: ProbeOptions): Promise<MediaInfo> {
  const args = probeArgs(path);
  const { stdout, stderrTail } = await run(options.ffprobe, args, {
    timeoutMs: options.timeoutMs ?? 60_000,
    signal: options.signal,
  });
  return parseProbeOutput(probeJson(stdout, { program: options.ffprobe, args, stderrTail }));
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const record = (value: unknown): Json => (isRecord(value) ? value : {});

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

/** ffprobe prints most numbers as strings, and `N/A` when unknown. */
function numberOf(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** `30000/1001` → 29.97; `0/0` (unknown) → null. */
export function parseRate(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const [num, den] = value.split('/').map(Number);
  if (num === undefined || den === undefined || !Number.isFinite(num) || !Number.isFinite(den)) {
    return null;
  }
  if (num <= 0 || den <= 0) return null;
  return num / den;
}

/** Matroska stores stream lengths as a `DURATION` tag: `00:01:02.500000000` → 62.5. */
export function parseClockDuration(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (!match) return null;
  const [, h, m, s] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

const positive = (n: number | null): number | null => (n !== null && n > 0 ? n : null);

function streamDuration(stream: Json): number | null {
  const tags = record(stream.tags);
  return (
    positive(numberOf(stream.duration)) ??
    positive(parseClockDuration(tags.DURATION ?? tags.duration))
  );
}

function language(stream: Json): string | null {
  const value = text(record(stream.tags).language);
  // `und` is ISO 639-2 for "undetermined": the same as no tag for us.
  return value === null || value === 'und' ? null : value;
}

const normaliseDegrees = (degrees: number): number => ((Math.round(degrees) % 360) + 360) % 360;

/**
 * Clockwise rotation. The `rotate` tag (ffprobe before 5.0) is already clockwise; the display
 * matrix's `rotation` is counter-clockwise, as ffmpeg's own autorotate reads it
 * (fftools/cmdutils.c get_rotation: theta = -av_display_rotation_get(matrix)).
 */
export function streamRotation(stream: Json): number {
  const tag = numberOf(record(stream.tags).rotate);
  if (tag !== null) return normaliseDegrees(tag);
  const sideData = Array.isArray(stream.side_data_list) ? stream.side_data_list : [];
  for (const entry of sideData) {
    const data = record(entry);
    const rotation = numberOf(data.rotation);
    if (data.side_data_type === 'Display Matrix' && rotation !== null) {
      return normaliseDegrees(-rotation);
    }
  }
  return 0;
}

/** Codec names Pod treats as still images (§2.2); `mjpeg` is also a motion-video codec. */
const IMAGE_CODEC = /jpeg|jpg|png|gif|bmp/;

/**
 * Cover art: a picture attached to the file, not a video track. ffmpeg flags it with the
 * `attached_pic` disposition. Pod only looks at the codec name (§2.2); we keep that as a fallback
 * for a single-frame picture, but an MJPEG *movie* (some capture cards) stays a video, which Pod
 * would have published as audio only.
 */
function isCoverArt(stream: Json): boolean {
  if (record(stream.disposition).attached_pic === 1) return true;
  const codec = text(stream.codec_name) ?? '';
  if (!IMAGE_CODEC.test(codec)) return false;
  const frames = numberOf(stream.nb_frames);
  return codec !== 'mjpeg' || frames === 1;
}

function videoInfo(stream: Json): VideoStreamInfo {
  return {
    codec: text(stream.codec_name) ?? 'unknown',
    width: numberOf(stream.width) ?? 0,
    height: numberOf(stream.height) ?? 0,
    pixFmt: text(stream.pix_fmt),
    frameRate: parseRate(stream.avg_frame_rate) ?? parseRate(stream.r_frame_rate),
    rotation: streamRotation(stream),
    isAttachedPic: record(stream.disposition).attached_pic === 1,
  };
}

/** Turns `ffprobe -show_format -show_streams -of json` output into MediaInfo. Pure. */
export function parseProbeOutput(json: unknown): MediaInfo {
  const root = record(json);
  const format = record(root.format);
  const streams = (Array.isArray(root.streams) ? root.streams : []).filter(isRecord);

  let video: VideoStreamInfo | null = null;
  let hasCoverArt = false;
  const audioStreams: AudioStreamInfo[] = [];
  const subtitleStreams: SubtitleStreamInfo[] = [];
  for (const stream of streams) {
    const codec = text(stream.codec_name) ?? 'unknown';
    switch (stream.codec_type) {
      case 'video':
        if (isCoverArt(stream)) hasCoverArt = true;
        else video ??= videoInfo(stream);
        break;
      case 'audio':
        audioStreams.push({
          codec,
          channels: numberOf(stream.channels) ?? 0,
          sampleRate: positive(numberOf(stream.sample_rate)),
          language: language(stream),
        });
        break;
      case 'subtitle':
        subtitleStreams.push({ codec, language: language(stream) });
        break;
      default:
        // Data and attachment streams (timecodes, fonts): nothing to publish.
        break;
    }
  }

  const longestStream = Math.max(0, ...streams.map((s) => streamDuration(s) ?? 0));
  return {
    durationS: positive(numberOf(format.duration)) ?? longestStream,
    formatName: text(format.format_name) ?? 'unknown',
    sizeBytes: numberOf(format.size) ?? 0,
    bitRate: positive(numberOf(format.bit_rate)),
    video,
    audioStreams,
    subtitleStreams,
    hasCoverArt,
  };
}
