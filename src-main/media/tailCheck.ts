import { ffprobeInput } from './probe';
import { run } from './run';

/*
 * The second stage of the drop-folder completeness check: is the END of the media really there?
 *
 * ffprobe's header read (stage one) catches an MP4 whose index (moov) was never written, but an
 * MP4 written "faststart" (index first), a Matroska file or an MPEG-TS file keeps its header when
 * the upload stops half-way. So we demux (not decode) the last few seconds with ffprobe and look
 * at what comes out:
 *
 * - no packet at all, or the last packet ends well before the duration the header states: the
 *   data stops early (faststart MP4 cut anywhere before its last seconds, Matroska/WebM, MP3 with
 *   a Xing/Info header, FLAC, FLV);
 * - an error the header read did not print: ffmpeg met the cut (MP4 "partial file", Matroska
 *   "File ended prematurely", a parser refusing a half packet);
 * - an MPEG-TS file whose size is not a whole number of transport packets.
 *
 * Demuxing, not decoding: measured with ffmpeg 5.1 on a 1 GB, 14 min, 1080p 10 Mbit/s file with
 * a key frame every 10 s, reading the packets of the last 3 s takes about 0.1-0.2 s (as much as
 * the header read; it reads a few MB whatever the file size), where decoding them takes 0.4-1.3 s,
 * because the decoder starts at the previous key frame. Decoding also makes decoders complain
 * after a seek into valid files (frames referring to data before the seek point). And ffprobe is
 * the program the caller already gives us.
 *
 * What no content check can see; the quiet period before the check is then the only guard:
 * - MPEG-TS has no index and ffmpeg derives its duration from the last timestamps in the file, so
 *   a TS cut on a packet boundary is a valid shorter TS (a cut at any other byte is caught by the
 *   packet-size check); the same goes for MPEG-PS (.mpg), Ogg and raw AAC (ADTS);
 * - a fragmented MP4 cut between two fragments, and an AVI, read as shorter files (ffmpeg rebuilds
 *   their duration from what is there); a cut inside a fragment is caught ("partial file");
 * - an MP3 without a Xing/Info header (CBR streams written by some recorders) has its duration
 *   estimated from its size, so a cut one is a valid shorter MP3 (ffmpeg and LAME write the
 *   header, and then the cut is caught);
 * - WAV: ffmpeg takes the duration from the bytes present when the header promises more.
 * - a cut that loses less than MAX_SHORTFALL_S at the very end, unless the demuxer notices it.
 */

/** How far before the stated end the reading starts. */
export const TAIL_WINDOW_S = 3;

/**
 * How much earlier than the stated end the last packet may end. Valid files end within a frame or
 * two of their stated duration; an interrupted upload of a lecture is short by minutes.
 */
export const MAX_SHORTFALL_S = 2;

/** MPEG-TS packet sizes: 188 bytes, 192 in M2TS (AVCHD, Blu-ray), 204 with Reed-Solomon parity. */
const TS_PACKET_SIZES = [188, 192, 204] as const;

/**
 * Formats whose duration ffmpeg computes from the last timestamps it finds in the file (no
 * duration in a header): comparing them with the last packet proves nothing, and a timestamp
 * discontinuity (a recorder restarting its clock) could make a valid file look short.
 */
const DURATION_FROM_LAST_TIMESTAMPS = new Set(['mpegts', 'mpeg']);

/** Most stderr lines kept from the tail run; the reason shows the last few. */
const MAX_ERROR_LINES = 20;

/** What stage one learnt, which stage two needs. */
export interface TailFacts {
  /** ffprobe's format name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  /** The file's size on disk. */
  sizeBytes: number;
  /** The container's start time (MPEG-TS often starts at 1.4 s, or hours in), seconds. */
  startTimeS: number;
  /** The stated duration, seconds. */
  durationS: number;
}

/** What ffprobe read near the end. */
export interface TailReading {
  /** The latest end (timestamp + duration) of a packet, seconds; null when none was read. */
  lastEndS: number | null;
  /** Lines ffprobe printed that stage one did not (same message, any context address). */
  newErrors: string[];
}

export type TailFinding =
  | { kind: 'ts_not_whole_packets' }
  | { kind: 'no_packets'; expectedEndS: number; errors: string[] }
  | { kind: 'short'; lastEndS: number; expectedEndS: number; errors: string[] }
  | { kind: 'errors'; errors: string[] };

export interface TailRunOptions {
  ffprobe: string;
  /** Default 60 s: a few MB are read, but a network share can be slow. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Messages stage one printed (see logMessage): the tail run prints them again, harmlessly. */
  knownMessages?: ReadonlySet<string>;
}

/**
 * Where the tail run starts reading, seconds; null to read the whole file (a clip under 3 s, or
 * one ending before time 0).
 */
export function tailStart(facts: Pick<TailFacts, 'startTimeS' | 'durationS'>): number | null {
  const from = facts.startTimeS + facts.durationS - TAIL_WINDOW_S;
  return from > Math.max(facts.startTimeS, 0) ? from : null;
}

/**
 * `ffprobe -read_intervals <from>%` seeks to `from` (an absolute timestamp) and reads to the end;
 * only packet timestamps are printed, one compact line each.
 */
export function tailArgs(path: string, fromS: number | null): string[] {
  return [
    '-v',
    'error',
    ...(fromS === null ? [] : ['-read_intervals', `${fromS.toFixed(3)}%`]),
    '-show_entries',
    'packet=stream_index,pts_time,dts_time,duration_time',
    '-of',
    'compact=p=0',
    ffprobeInput(path),
  ];
}

const seconds = (value: string | undefined): number | null => {
  if (value === undefined || value === '' || value === 'N/A') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
};

/**
 * The end of one packet from a line like `stream_index=0|pts_time=29.96|dts_time=29.88|
 * duration_time=0.04`; null for a line that is not a packet or has no timestamp.
 */
export function packetEnd(line: string): number | null {
  const fields = new Map<string, string>();
  for (const part of line.split('|')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals), part.slice(equals + 1));
  }
  if (!fields.has('stream_index')) return null;
  const at = seconds(fields.get('pts_time')) ?? seconds(fields.get('dts_time'));
  if (at === null) return null;
  return at + Math.max(0, seconds(fields.get('duration_time')) ?? 0);
}

/**
 * A log line without its `[h264 @ 0x55d0c1a2b3c0] ` prefix (the address differs between runs, the
 * context name between a parser and a decoder), so the same message from two runs compares equal;
 * null for ffmpeg's "Last message repeated N times" and blank lines.
 */
export function logMessage(line: string): string | null {
  const message = line.replace(/^\s*\[[^\]]*\]\s*/, '').trim();
  if (message === '' || /^Last message repeated \d+ times?$/.test(message)) return null;
  return message;
}

/** `format.start_time` from `ffprobe -show_format -of json` output; 0 when absent or `N/A`. */
export function formatStartTime(json: unknown): number {
  const format: unknown =
    typeof json === 'object' && json !== null ? Reflect.get(json, 'format') : undefined;
  const start: unknown =
    typeof format === 'object' && format !== null ? Reflect.get(format, 'start_time') : undefined;
  const seconds = typeof start === 'string' || typeof start === 'number' ? Number(start) : NaN;
  return Number.isFinite(seconds) ? seconds : 0;
}

/** Whether the file's size rules it out as a whole MPEG-TS file. */
export function isCutTransportStream(facts: Pick<TailFacts, 'formatName' | 'sizeBytes'>): boolean {
  return (
    facts.formatName === 'mpegts' &&
    TS_PACKET_SIZES.every((packetSize) => facts.sizeBytes % packetSize !== 0)
  );
}

/** What is wrong with the end of the file, or null when it looks whole. Pure. */
export function judgeTail(facts: TailFacts, reading: TailReading): TailFinding | null {
  if (isCutTransportStream(facts)) return { kind: 'ts_not_whole_packets' };
  const errors = reading.newErrors;
  if (!DURATION_FROM_LAST_TIMESTAMPS.has(facts.formatName)) {
    const expectedEndS = facts.startTimeS + facts.durationS;
    if (reading.lastEndS === null) return { kind: 'no_packets', expectedEndS, errors };
    if (reading.lastEndS < expectedEndS - MAX_SHORTFALL_S) {
      return { kind: 'short', lastEndS: reading.lastEndS, expectedEndS, errors };
    }
  }
  return errors.length > 0 ? { kind: 'errors', errors } : null;
}

/**
 * Demuxes the last seconds of the file with ffprobe. Rejects with a ProgramError when ffprobe
 * cannot run, exits non-zero, times out or is cancelled.
 */
export async function readTail(
  path: string,
  facts: TailFacts,
  options: TailRunOptions,
): Promise<TailReading> {
  let lastEndS: number | null = null;
  const newErrors: string[] = [];
  const known = options.knownMessages ?? new Set<string>();
  await run(options.ffprobe, tailArgs(path, tailStart(facts)), {
    timeoutMs: options.timeoutMs ?? 60_000,
    signal: options.signal,
    keepStdout: false,
    onStdoutLine: (line) => {
      const end = packetEnd(line);
      if (end === null) return;
      lastEndS = lastEndS === null ? end : Math.max(lastEndS, end);
    },
    onStderrLine: (line) => {
      const message = logMessage(line);
      if (message === null || known.has(message)) return;
      newErrors.push(line.trim());
      if (newErrors.length > MAX_ERROR_LINES) newErrors.shift();
    },
  });
  return { lastEndS, newErrors };
}
