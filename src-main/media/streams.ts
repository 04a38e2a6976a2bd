import { ffprobeInput } from './probe';

/** One stream with its absolute index, which `-map 0:<idx>` and Pod's track lists use (§2.2). */
export interface StreamEntry {
  index: number;
  kind: 'video' | 'audio' | 'subtitle' | 'image' | 'other';
  codec: string;
  width: number;
  height: number;
  channels: number;
  sampleRate: number;
  /** The raw language tag, `""` when absent (Pod's `tags.language or ""`). */
  language: string;
  /** Only for video streams: the H.264 profile and level of an output, for CODECS. */
  profile: string | null;
  level: number | null;
  frameRate: number | null;
}

//   ffprobe -v error -show_streams -of json file:<path>
export const streamListArgs = (path: string): string[] => [
  ...['-v', 'error', '-show_streams', '-of', 'json', ffprobeInput(path)],
];

type Json = Record<string, unknown>;
const record = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const num = (v: unknown): number => {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : 0;
};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const IMAGE_CODEC = /jpeg|jpg|png|gif|bmp/;

function rate(value: unknown): number | null {
  const [a, b] = str(value).split('/').map(Number);
  return a !== undefined && b !== undefined && a > 0 && b > 0 ? a / b : null;
}

/** `ffprobe -show_streams -of json` → streams classified as Pod does (§2.2). Pure. */
export function parseStreamList(json: unknown): StreamEntry[] {
  const streams = record(json).streams;
  return (Array.isArray(streams) ? streams : []).map((raw): StreamEntry => {
    const s = record(raw);
    const codec = str(s.codec_name) || 'unknown';
    const isPicture =
      record(s.disposition).attached_pic === 1 ||
      (IMAGE_CODEC.test(codec) && (codec !== 'mjpeg' || num(s.nb_frames) === 1));
    const type = str(s.codec_type);
    const kind =
      type === 'video'
        ? isPicture
          ? 'image'
          : 'video'
        : type === 'audio' || type === 'subtitle'
          ? type
          : 'other';
    const level = num(s.level);
    return {
      index: num(s.index),
      kind,
      codec,
      width: num(s.width),
      height: num(s.height),
      channels: num(s.channels),
      sampleRate: num(s.sample_rate),
      language: str(record(s.tags).language),
      profile: str(s.profile) || null,
      level: level > 0 ? level : null,
      frameRate: rate(s.avg_frame_rate) ?? rate(s.r_frame_rate),
    };
  });
}
