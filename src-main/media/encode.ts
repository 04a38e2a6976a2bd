import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Bilingual, ErrorCode } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { encodeCommand, progressReader, type VideoOutput } from './encodeArgs';
import {
  avcCodecString,
  hlsPackageCommand,
  masterPlaylist,
  parseMediaPlaylist,
  playlistBandwidth,
  type MasterVariant,
} from './hls';
import {
  coverArtCommand,
  overviewCommand,
  overviewPlan,
  overviewVtt,
  thumbnailCommand,
  thumbnailTimes,
} from './images';
import { infoVideoJson, type EncodingLogEntry } from './infoVideo';
import { checkMediaIntegrity } from './integrity';
import type { MediaInfo } from './probe';
import { podDefaultRenditions, selectRenditions, type VideoRendition } from './renditions';
import { ProgramError, formatCommandLine, run } from './run';
import { parseStreamList, streamListArgs, type StreamEntry } from './streams';
import { isTextSubtitle, subtitleCommand, subtitleFileNames, subtitleLanguage } from './subtitles';

export type EncodePhase = 'probe' | 'encode' | 'package' | 'images' | 'subtitles' | 'finish';

export interface EncodeProgress {
  phase: EncodePhase;
  /** 0…1 within the encode phase; null in the other (short) phases. */
  fraction: number | null;
  /** Times real time during the encode. */
  speed: number | null;
  /** The source's duration as probed before the encode (seconds); null before the probe. */
  durationS: number | null;
}

export interface EncodeOptions {
  input: string;
  /** Created if needed; outputs appear in it only once complete. */
  outDir: string;
  /** Default Pod's (§2.4). */
  renditions?: readonly VideoRendition[];
  ffmpeg: string;
  ffprobe: string;
  signal?: AbortSignal;
  onProgress?: (progress: EncodeProgress) => void;
  /** x264 preset; default Régie's `medium` (encodeArgs.ts). Tests use `ultrafast`. */
  preset?: string;
  /** Pod's video id, written to `info_video.json`. Default 0. */
  videoId?: number;
}

/** One command run, for the log and the "copy" button (STYLE.md, "Running ffmpeg"). */
export interface CommandRecord {
  step: string;
  command: string;
  stderrTail: string;
}

export interface Mp4Output {
  nominalHeight: number;
  width: number;
  height: number;
  path: string;
}

export interface HlsOutput extends Omit<Mp4Output, 'path'> {
  m3u8Path: string;
  tsPath: string;
}

export interface EncodeResult {
  source: string;
  outDir: string;
  info: MediaInfo;
  durationS: number;
  mp4: Mp4Output[];
  hls: HlsOutput[];
  masterPath: string | null;
  mp3Path: string | null;
  m4aPath: string | null;
  thumbnails: string[];
  overview: { png: string; vtt: string } | null;
  subtitles: { language: string; path: string; streamIndex: number }[];
  infoPath: string;
  /** Subtitle streams that could not become WebVTT (bitmap subtitles), with why. */
  skipped: string[];
  commands: CommandRecord[];
}

export type EncodeFailure = 'input' | 'ffmpeg' | 'cancelled';

/**
 * Why an encode did not produce its outputs. `input`: the source was refused before encoding
 * (`reason` says why, in both languages); `ffmpeg`: a command failed (`command`, `stderrTail`);
 * `cancelled`: the caller's signal, a status rather than a fault.
 */
export class EncodeError extends RegieError {
  readonly failure: EncodeFailure;
  readonly reason: Bilingual;

  constructor(init: {
    failure: EncodeFailure;
    reason: Bilingual;
    /** `disk` for a full disk; else from `failure` (a bad source is `validation`). */
    code?: ErrorCode;
    command?: string;
    stderrTail?: string;
    cause?: unknown;
  }) {
    const code =
      init.code ??
      (init.failure === 'input'
        ? 'validation'
        : init.failure === 'ffmpeg'
          ? 'program'
          : 'cancelled');
    super(code, init.reason, {
      ...(init.command !== undefined ? { command: init.command } : {}),
      ...(init.stderrTail !== undefined ? { stderrTail: init.stderrTail } : {}),
      cause: init.cause,
    });
    this.name = 'EncodeError';
    this.failure = init.failure;
    this.reason = init.reason;
  }
}

const displayed = (info: MediaInfo): { width: number; height: number } => {
  const v = info.video;
  if (!v) return { width: 0, height: 0 };
  return v.rotation === 90 || v.rotation === 270
    ? { width: v.height, height: v.width }
    : { width: v.width, height: v.height };
};

/**
 * Pod's rendition set (reference/pod-behaviour.md §2.6–2.10) into `outDir`: the source is decoded
 * once and each height encoded once; HLS is a repackaging of those MP4s; the master playlist is
 * written directly. Everything is written in a temporary folder inside `outDir` and moved into
 * place at the end, so a failure or a cancel leaves no partial file. The source is only read.
 */
export async function encodeRenditionSet(options: EncodeOptions): Promise<EncodeResult> {
  const { ffmpeg, ffprobe, signal } = options;
  const input = resolve(options.input);
  const outDir = resolve(options.outDir);
  const started = new Date().toISOString();
  let probedS: number | null = null;
  const report = (
    phase: EncodePhase,
    fraction: number | null = null,
    speed: number | null = null,
  ) => options.onProgress?.({ phase, fraction, speed, durationS: probedS });
  const commands: CommandRecord[] = [];
  const log: Record<string, EncodingLogEntry> = {};

  report('probe');
  const checked = await checkMediaIntegrity(input, { ffprobe, signal }).catch((error: unknown) => {
    throw asEncodeError(error, ffprobe, []);
  });
  if (!checked.ok) {
    throw new EncodeError({
      failure: 'input',
      reason: bi(
        `Cannot encode ${input}: ${checked.reason.en}`,
        `Impossible d'encoder ${input} : ${checked.reason.fr}`,
      ),
    });
  }
  const info = checked.info;
  probedS = info.durationS;
  const streams = await runStep('probe streams', ffprobe, streamListArgs(input), {}).then((out) =>
    parseStreamList(JSON.parse(out) as unknown),
  );
  const hasAudio = info.audioStreams.length > 0;
  const hasVideo = info.video !== null;
  const pictures = streams.filter((s) => s.kind === 'image');

  await mkdir(outDir, { recursive: true });
  const tmp = await mkdtemp(join(outDir, '.encoding-'));
  try {
    const durationS = info.durationS;
    const plan = hasVideo
      ? selectRenditions(options.renditions ?? podDefaultRenditions, displayed(info).height)
      : { mp4: [], hls: [], encodes: [] };
    const videos: VideoOutput[] = plan.encodes.map((planned) => ({
      planned,
      mp4Path: join(tmp, `${String(planned.nominalHeight)}p.mp4`),
    }));
    const mp3Path = hasAudio ? join(tmp, 'audio_192k.mp3') : null;
    const m4aPath = hasAudio && !hasVideo ? join(tmp, 'audio_192k.m4a') : null;

    const onLine = progressReader((p) => {
      const fraction =
        p.outTimeS !== null && durationS > 0 ? Math.min(1, p.outTimeS / durationS) : null;
      report('encode', p.isEnd ? 1 : fraction, p.speed);
    });
    report('encode', 0);
    await runStep(
      'encode',
      ffmpeg,
      encodeCommand({
        input,
        videos,
        hasAudio,
        ...(mp3Path === null ? {} : { mp3Path }),
        ...(m4aPath === null ? {} : { m4aPath }),
        ...(pictures[0] === undefined ? {} : { coverArtStreamIndex: pictures[0].index }),
        ...(options.preset === undefined ? {} : { preset: options.preset }),
      }),
      { onStdoutLine: onLine, keepStdout: false },
    );

    report('package');
    const probed = new Map<number, StreamEntry>();
    for (const video of videos) {
      const out = await runStep(
        `probe ${basename(video.mp4Path)}`,
        ffprobe,
        streamListArgs(video.mp4Path),
        {},
      );
      const stream = parseStreamList(JSON.parse(out) as unknown).find((s) => s.kind === 'video');
      if (stream) probed.set(video.planned.nominalHeight, stream);
    }
    const sizeOf = (h: number) => ({
      width: probed.get(h)?.width ?? 0,
      height: probed.get(h)?.height ?? 0,
    });
    const hls: HlsOutput[] = [];
    const variants: MasterVariant[] = [];
    for (const planned of plan.hls) {
      const name = `${String(planned.nominalHeight)}p`;
      const m3u8Path = join(tmp, `${name}.m3u8`);
      const tsPath = join(tmp, `${name}.ts`);
      const mp4Path = join(tmp, `${name}.mp4`);
      await runStep(`hls ${name}`, ffmpeg, hlsPackageCommand({ mp4Path, m3u8Path, tsPath }), {});
      const segments = parseMediaPlaylist(await readFile(m3u8Path, 'utf8'));
      const { peak, average } = playlistBandwidth(segments, (await stat(tsPath)).size);
      const stream = probed.get(planned.nominalHeight);
      const size = sizeOf(planned.nominalHeight);
      variants.push({
        uri: `${name}.m3u8`,
        bandwidth: peak,
        averageBandwidth: average,
        ...size,
        codecs: [avcCodecString(stream?.profile ?? null, stream?.level ?? null)]
          .concat(hasAudio ? ['mp4a.40.2'] : [])
          .join(','),
        frameRate: stream?.frameRate ?? null,
      });
      hls.push({ nominalHeight: planned.nominalHeight, ...size, m3u8Path, tsPath });
    }
    const masterPath = variants.length > 0 ? join(tmp, 'livestream.m3u8') : null;
    if (masterPath !== null) await writeFile(masterPath, masterPlaylist(variants));

    report('images');
    const thumbnails: { key: string; path: string }[] = [];
    const lowest = videos[0];
    if (pictures.length > 0) {
      // Pod copies embedded cover art as the thumbnail whenever there is some (§2.9).
      for (const picture of pictures) {
        const path = join(tmp, `thumbnail_${String(picture.index)}.png`);
        await runStep(
          'thumbnail',
          ffmpeg,
          coverArtCommand({ input, streamIndex: picture.index, output: path }),
          {},
        );
        thumbnails.push({ key: String(picture.index), path });
      }
    } else if (lowest) {
      const times = thumbnailTimes(durationS);
      for (const [i, timeS] of times.entries()) {
        const key = String(i + 1).padStart(4, '0');
        const path = join(tmp, `thumbnail_${key}.png`);
        await runStep(
          'thumbnail',
          ffmpeg,
          thumbnailCommand({ input: lowest.mp4Path, timeS, output: path }),
          {},
        );
        thumbnails.push({ key: String(i + 1), path });
      }
    }
    let overview: EncodeResult['overview'] = null;
    const sprite = hasVideo
      ? overviewPlan(durationS, displayed(info).width, displayed(info).height)
      : null;
    if (sprite && lowest) {
      const png = join(tmp, 'overview.png');
      const vtt = join(tmp, 'overview.vtt');
      await runStep(
        'overview',
        ffmpeg,
        overviewCommand({ input: lowest.mp4Path, plan: sprite, durationS, output: png }),
        {},
      );
      await writeFile(vtt, overviewVtt(sprite, durationS));
      overview = { png, vtt };
    }

    report('subtitles');
    const subtitleStreams = streams.filter((s) => s.kind === 'subtitle');
    const skipped: string[] = [];
    const convertible = subtitleStreams.filter((s) => {
      if (isTextSubtitle(s.codec)) return true;
      skipped.push(`subtitle stream ${String(s.index)} (${s.codec}) is a picture format, not text`);
      return false;
    });
    const languages = convertible.map((s) => subtitleLanguage(s.language));
    const names = subtitleFileNames(languages);
    const subtitles: EncodeResult['subtitles'] = [];
    for (const [i, s] of convertible.entries()) {
      const path = join(tmp, names[i] ?? `subtitle_${String(s.index)}.vtt`);
      await runStep(
        'subtitle',
        ffmpeg,
        subtitleCommand({ input, streamIndex: s.index, output: path }),
        {},
      );
      subtitles.push({ language: languages[i] ?? 'fr', path, streamIndex: s.index });
    }

    report('finish');
    // HLS-only heights (1080p by default) were encoded to an MP4 only to be packaged.
    const keptMp4 = new Set(plan.mp4.map((p) => p.nominalHeight));
    for (const video of videos) {
      if (!keptMp4.has(video.planned.nominalHeight)) await rm(video.mp4Path, { force: true });
    }
    const final = (path: string): string => join(outDir, basename(path));
    const result: EncodeResult = {
      source: input,
      outDir,
      info,
      durationS,
      mp4: plan.mp4.map((p) => ({
        nominalHeight: p.nominalHeight,
        ...sizeOf(p.nominalHeight),
        path: final(join(tmp, `${String(p.nominalHeight)}p.mp4`)),
      })),
      hls: hls.map((h) => ({ ...h, m3u8Path: final(h.m3u8Path), tsPath: final(h.tsPath) })),
      masterPath: masterPath === null ? null : final(masterPath),
      mp3Path: mp3Path === null ? null : final(mp3Path),
      m4aPath: m4aPath === null ? null : final(m4aPath),
      thumbnails: thumbnails.map((t) => final(t.path)),
      overview: overview === null ? null : { png: final(overview.png), vtt: final(overview.vtt) },
      subtitles: subtitles.map((s) => ({ ...s, path: final(s.path) })),
      infoPath: join(outDir, 'info_video.json'),
      skipped,
      commands,
    };
    const info_video = infoVideoJson({
      videoId: options.videoId ?? 0,
      source: input,
      outputDir: outDir,
      durationS,
      streams,
      mp4: result.mp4,
      hls: result.hls,
      mp3Path: result.mp3Path,
      m4aPath: result.m4aPath,
      thumbnails: thumbnails.map((t) => ({ key: t.key, path: final(t.path) })),
      overview: result.overview,
      subtitles: result.subtitles,
      log,
      start: started,
      stop: new Date().toISOString(),
    });
    await writeFile(join(tmp, 'info_video.json'), `${JSON.stringify(info_video, null, 2)}\n`);
    // Everything is complete: move it into place, the master and the JSON last.
    const names2 = (await readdir(tmp)).sort(
      (a, b) => lastRank(a) - lastRank(b) || a.localeCompare(b),
    );
    for (const name of names2) await rename(join(tmp, name), join(outDir, name));
    await rm(tmp, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (!(error instanceof EncodeError && error.failure === 'cancelled') && !existsSync(input)) {
      // Deleted or moved while queued or while ffmpeg started: say so, not "exited with code 1".
      throw new EncodeError({
        failure: 'input',
        reason: bi(
          `The source ${input} disappeared during the encode (moved or deleted outside Régie). Nothing partial was kept.`,
          `La source ${input} a disparu pendant l'encodage (déplacée ou supprimée hors de Régie). Rien de partiel n'a été gardé.`,
        ),
        ...outputOf(error),
        cause: error,
      });
    }
    throw diskFull(asEncodeError(error, ffmpeg, []), outDir);
  }

  async function runStep(
    step: string,
    program: string,
    args: string[],
    extra: { onStdoutLine?: (line: string) => void; keepStdout?: boolean },
  ): Promise<string> {
    const command = formatCommandLine(program, args);
    try {
      const { stdout, stderrTail } = await run(program, args, { signal, ...extra });
      commands.push({ step, command, stderrTail });
      log[step] = { command, result: stderrTail.split('\n').slice(-20).join('\n'), msg: 'ok' };
      const writeError = writeErrorPattern.exec(stderrTail);
      if (writeError) {
        // ffmpeg 5 may exit 0 after a muxer could not write: its output is not whole.
        throw new EncodeError({
          failure: 'ffmpeg',
          reason: bi(
            `${step}: ffmpeg could not write its output (${writeError[0]})`,
            `${step} : ffmpeg n'a pas pu écrire sa sortie (${writeError[0]})`,
          ),
          command,
          stderrTail,
        });
      }
      return stdout;
    } catch (error) {
      if (error instanceof ProgramError) {
        commands.push({ step, command, stderrTail: error.stderrTail });
      }
      throw asEncodeError(error, program, args);
    }
  }
}

/** `info_video.json` and the master go in last, so a reader never sees them before the files. */
const lastRank = (name: string): number =>
  name === 'info_video.json' ? 2 : name === 'livestream.m3u8' ? 1 : 0;

/** The command and stderr an EncodeError carries, for a new reason given to the same failure. */
const outputOf = (error: unknown): { command?: string; stderrTail?: string } =>
  error instanceof EncodeError
    ? {
        ...(error.command !== undefined ? { command: error.command } : {}),
        stderrTail: error.stderrTail,
      }
    : {};

/** What ffmpeg prints when a write failed, even when it exits 0. */
const writeErrorPattern =
  /No space left on device|Disk quota exceeded|Error writing trailer[^\n]*|Error submitting a packet to the muxer[^\n]*/i;

/**
 * A write that failed for lack of space, from ffmpeg (`No space left on device`) or from Node
 * (`ENOSPC`), said as such: the partial outputs are already gone and the source was only read.
 */
function diskFull(error: unknown, outDir: string): unknown {
  const text =
    error instanceof EncodeError
      ? `${error.reason.en}\n${error.stderrTail}`
      : error instanceof Error
        ? `${(error as NodeJS.ErrnoException).code ?? ''} ${error.message}`
        : '';
  if (!/No space left on device|ENOSPC|Disk quota exceeded|EDQUOT/i.test(text)) return error;
  const reason = bi(
    `The disk holding ${outDir} is full: the encode could not write its outputs. Nothing partial was kept and the source is untouched. Free some space, then retry the job.`,
    `Le disque qui contient ${outDir} est plein : l'encodage n'a pas pu écrire ses fichiers. Rien de partiel n'a été gardé et la source est intacte. Libérez de la place, puis relancez la tâche.`,
  );
  return new EncodeError({
    failure: 'ffmpeg',
    code: 'disk',
    reason,
    ...outputOf(error),
    cause: error,
  });
}

function asEncodeError(error: unknown, program: string, args: readonly string[]): unknown {
  if (error instanceof EncodeError) return error;
  if (error instanceof ProgramError) {
    if (error.failure === 'aborted') {
      return new EncodeError({
        failure: 'cancelled',
        reason: bi('The encode was cancelled.', "L'encodage a été annulé."),
        command: error.commandLine,
        cause: error,
      });
    }
    // One line: the program, how it ended, its last words; the rest is on the job row.
    return new EncodeError({
      failure: 'ffmpeg',
      reason: error.text,
      command: error.commandLine,
      stderrTail: error.stderrTail,
      cause: error,
    });
  }
  if (args.length > 0 && error instanceof SyntaxError) {
    return new EncodeError({
      failure: 'ffmpeg',
      reason: bi(
        `${program} printed output that is not JSON`,
        `${program} a affiché autre chose que du JSON`,
      ),
      command: formatCommandLine(program, args),
      cause: error,
    });
  }
  return error;
}
