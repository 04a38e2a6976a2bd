import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { probeMedia, type MediaInfo } from '../../media/probe';
import { judgeTail, readTail } from '../../media/tailCheck';
import type { Warning } from '../model';
import { RecordingFileError } from '../parse/files';

export interface RecordingMedia {
  /** The meeting audio (webcams file, or the audio-only file of older recordings). */
  audio: { file: string; path: string } | null;
  /** The webcams video, when the file has a picture. */
  webcams: { file: string; path: string; info: MediaInfo } | null;
  deskshare: { file: string; path: string } | null;
}

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

async function first(dir: string, files: string[]): Promise<string | null> {
  for (const file of files) if (await exists(join(dir, file))) return file;
  return null;
}

/**
 * The recording's media files (bbb.md §2): `video/webcams.{webm,mp4}` holds the whole meeting
 * audio (2.0-era recordings: `audio/audio.{webm,ogg}`); `deskshare/deskshare.{webm,mp4}` the
 * screen share. A file that ffprobe cannot read is left out with a warning naming it: the
 * video is still made, silent or without that part; a sound file cut short is used as far as it
 * goes, with a warning. Sound far shorter than metadata.xml says refuses the recording
 * (FAR_SHORTER: issue #10 §5, hostile `long-duration`).
 */
export async function findMedia(options: {
  dir: string;
  ffprobe: string;
  durationS: number;
  needsDeskshare: boolean;
  warnings: Warning[];
  signal?: AbortSignal;
}): Promise<RecordingMedia> {
  const { dir, warnings } = options;
  const probe = async (file: string): Promise<MediaInfo | null> => {
    try {
      return await probeMedia(join(dir, file), {
        ffprobe: options.ffprobe,
        timeoutMs: 60_000,
        signal: options.signal,
      });
    } catch (error) {
      options.signal?.throwIfAborted();
      warnings.push({
        file,
        en: 'cannot be read (damaged or truncated); the video is made without it.',
        fr: 'est illisible (abîmé ou tronqué) ; la vidéo est faite sans lui.',
      });
      void error;
      return null;
    }
  };
  const shortfall = async (file: string, info: MediaInfo): Promise<void> => {
    const playsS = await playableS(join(dir, file), info, options);
    const lastsS = playsS ?? info.durationS;
    // A meeting BBB recorded for hours whose sound holds seconds is damaged (or metadata.xml
    // is): hours of frozen slides would be drawn, encoded and published for nothing.
    if (
      lastsS < options.durationS * FAR_SHORTER.ratio &&
      options.durationS - lastsS > FAR_SHORTER.gapS
    ) {
      throw new RecordingFileError(
        'metadata.xml',
        `says the recording lasts ${clock(options.durationS)} but ${file} holds only ${clock(lastsS)}; the recording looks damaged. Rebuild it on the BigBlueButton server (bbb-record --rebuild).`,
        `indique une durée de ${clock(options.durationS)} mais ${file} n’en contient que ${clock(lastsS)} ; l’enregistrement semble abîmé. Reconstruisez-le sur le serveur BigBlueButton (bbb-record --rebuild).`,
      );
    }
    if (playsS !== null) {
      warnings.push({
        file,
        en: `is cut short: its data stops at ${clock(playsS)} of the ${clock(info.durationS)} its header announces; the rest of the video is silent.`,
        fr: `est tronqué : ses données s’arrêtent à ${clock(playsS)} sur les ${clock(info.durationS)} annoncées par son en-tête ; la suite de la vidéo est muette.`,
      });
    } else if (info.durationS > 0 && info.durationS < options.durationS - 2) {
      warnings.push({
        file,
        en: `lasts ${info.durationS.toFixed(1)} s but the recording ${options.durationS.toFixed(1)} s (metadata.xml); the rest is silent.`,
        fr: `dure ${info.durationS.toFixed(1).replace('.', ',')} s mais l’enregistrement ${options.durationS.toFixed(1).replace('.', ',')} s (metadata.xml) ; la suite est muette.`,
      });
    }
  };
  let audio: RecordingMedia['audio'] = null;
  let webcams: RecordingMedia['webcams'] = null;
  const camFile = await first(dir, ['video/webcams.webm', 'video/webcams.mp4']);
  if (camFile) {
    const info = await probe(camFile);
    if (info) {
      if (info.audioStreams.length > 0) {
        audio = { file: camFile, path: join(dir, camFile) };
        await shortfall(camFile, info);
      }
      if (info.video) webcams = { file: camFile, path: join(dir, camFile), info };
    }
  }
  if (!audio) {
    const audioFile = await first(dir, ['audio/audio.webm', 'audio/audio.ogg', 'audio/audio.opus']);
    if (audioFile) {
      const info = await probe(audioFile);
      if (info && info.audioStreams.length > 0) {
        audio = { file: audioFile, path: join(dir, audioFile) };
        await shortfall(audioFile, info);
      }
    }
  }
  if (!audio) {
    warnings.push({
      file: 'video/webcams.webm',
      en: 'no meeting audio found (video/webcams or audio/audio); the video is silent.',
      fr: 'aucun son de la réunion trouvé (video/webcams ou audio/audio) ; la vidéo est muette.',
    });
  }
  let deskshare: RecordingMedia['deskshare'] = null;
  if (options.needsDeskshare) {
    const file = await first(dir, ['deskshare/deskshare.webm', 'deskshare/deskshare.mp4']);
    if (file && (await probe(file))?.video) deskshare = { file, path: join(dir, file) };
    else if (!file) {
      warnings.push({
        file: 'deskshare.xml',
        en: 'lists screen shares but deskshare/deskshare.webm is missing; the slides stay visible instead.',
        fr: 'liste des partages d’écran mais deskshare/deskshare.webm manque ; les diapositives restent visibles à la place.',
      });
    }
  }
  return { audio, webcams, deskshare };
}

/** Media this much shorter than metadata.xml (both conditions) make the recording refused. */
export const FAR_SHORTER = { ratio: 0.5, gapS: 600 } as const;

/**
 * Where `path`'s data really stops when it stops before the duration its header announces (a
 * copy cut short keeps a WebM's header: src-main/media/tailCheck.ts), else null.
 */
async function playableS(
  path: string,
  info: MediaInfo,
  options: { ffprobe: string; signal?: AbortSignal },
): Promise<number | null> {
  const facts = {
    formatName: info.formatName,
    sizeBytes: info.sizeBytes,
    startTimeS: 0,
    durationS: info.durationS,
  };
  const run = { ffprobe: options.ffprobe, timeoutMs: 60_000, signal: options.signal };
  try {
    const finding = judgeTail(facts, await readTail(path, facts, run));
    if (finding?.kind === 'short') return finding.lastEndS;
    if (finding?.kind !== 'no_packets') return null;
    // Nothing in the last seconds: read every packet (durationS 0 = from the start).
    return (await readTail(path, { ...facts, durationS: 0 }, run)).lastEndS ?? 0;
  } catch (error) {
    options.signal?.throwIfAborted();
    // ffprobe failing on the end of a file it could open: its data stops somewhere unknown.
    void error;
    return null;
  }
}

/** `0:20`, `12:00:00`. */
function clock(totalS: number): string {
  const s = Math.round(totalS);
  const mm = String(Math.floor((s % 3600) / 60));
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}
