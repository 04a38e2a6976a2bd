import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { probeMedia, type MediaInfo } from '../../media/probe';
import type { Warning } from '../model';

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
 * video is still made, silent or without that part.
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
  const shortfall = (file: string, info: MediaInfo): void => {
    if (info.durationS > 0 && info.durationS < options.durationS - 2) {
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
        shortfall(camFile, info);
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
        shortfall(audioFile, info);
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
