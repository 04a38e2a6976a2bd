import { bi, RegieError } from '../../ground/errors';
import { probeMedia } from '../../media/probe';

/**
 * A converted video is kept only when ffprobe reads it back with a picture, a sound track and
 * the recording's duration (within 0.5 s, issue #10 "Tests"): STYLE.md "verify outputs".
 */
export async function verifyOutput(options: {
  path: string;
  ffprobe: string;
  /** The expected length; unknown (a downloaded `video` format) → only the streams are checked. */
  durationS?: number;
  signal?: AbortSignal;
}): Promise<{ durationS: number; width: number; height: number; sizeBytes: number }> {
  const info = await probeMedia(options.path, { ffprobe: options.ffprobe, signal: options.signal });
  const problems: string[] = [];
  if (!info.video) problems.push('no video stream');
  if (info.audioStreams.length === 0) problems.push('no audio stream');
  if (options.durationS !== undefined && Math.abs(info.durationS - options.durationS) > 0.5) {
    problems.push(
      `lasts ${info.durationS.toFixed(2)} s instead of ${(options.durationS ?? 0).toFixed(2)} s`,
    );
  }
  if (problems.length > 0) {
    throw new RegieError(
      'internal',
      bi(
        `The converted video failed its check (${problems.join(', ')}); it was not kept. Retry; if it fails again, report it with the job's log.`,
        `La vidéo convertie n’a pas passé la vérification (${problems.join(', ')}) ; elle n’a pas été gardée. Réessayez ; si l’échec se répète, signalez-le avec le journal de la tâche.`,
      ),
      { detail: problems.join('; ') },
    );
  }
  return {
    durationS: info.durationS,
    width: info.video?.width ?? 0,
    height: info.video?.height ?? 0,
    sizeBytes: info.sizeBytes,
  };
}
