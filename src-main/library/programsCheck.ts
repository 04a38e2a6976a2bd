import { bi, RegieError } from '../ground/errors';
import type { Services } from '../kit/services';
import { resolveProgram } from '../media';
import { selfTest } from '../media/programs';

/**
 * At start (STYLE.md, "Running ffmpeg"): ffmpeg and ffprobe are found and pass a one-second
 * null encode, so a broken install is reported in the journal before the first job, not during it.
 */
export async function checkPrograms(
  s: Services,
  isOpen: () => boolean,
  signal?: AbortSignal,
): Promise<void> {
  try {
    const ffmpeg = resolveProgram('ffmpeg', { setting: s.settings.getString('FFMPEG_CMD') });
    const ffprobe = resolveProgram('ffprobe', { setting: s.settings.getString('FFPROBE_CMD') });
    const versions = await selfTest(ffmpeg, ffprobe, signal ? { signal } : {});
    if (!isOpen()) return;
    s.record({
      kind: 'media.ready',
      by: 'system',
      text: bi(
        `ffmpeg ready: ${versions.ffmpegVersion} (${ffmpeg})`,
        `ffmpeg prêt : ${versions.ffmpegVersion} (${ffmpeg})`,
      ),
    });
  } catch (error) {
    const text = error instanceof RegieError ? error.text : bi(String(error), String(error));
    if (!isOpen()) return;
    s.record({
      level: 'error',
      kind: 'media.unavailable',
      by: 'system',
      text: bi(`ffmpeg cannot encode: ${text.en}`, `ffmpeg ne peut pas encoder : ${text.fr}`),
    });
  }
}
