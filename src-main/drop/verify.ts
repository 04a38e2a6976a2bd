import type { MediaSummary } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import { checkMediaIntegrity, type MediaInfo } from '../media';
import { readZipDirectory } from '../audiovideocast';
import type { StoredFile } from './recorderFilesRepository';
import type { VerifyResult } from './tracker';

export const summarize = (info: MediaInfo): MediaSummary => ({
  durationS: info.durationS,
  width: info.video?.width ?? null,
  height: info.video?.height ?? null,
  videoCodec: info.video?.codec ?? null,
  audioCodec: info.audioStreams[0]?.codec ?? null,
});

/**
 * The integrity half of completeness: a file is offered only if it opens as what it claims to
 * be (issue #3 §2). Empty files are reported, never processed (Pod counts them complete, §8.1.1).
 */
export async function verifyDropFile(
  file: StoredFile,
  ffprobe: () => string,
  signal?: AbortSignal,
): Promise<VerifyResult> {
  if (file.size === 0) {
    return { ok: false, reason: bi('Empty file (0 bytes)', 'Fichier vide (0 octet)') };
  }
  if (file.fileName.toLowerCase().endsWith('.zip')) {
    try {
      await readZipDirectory(file.localPath);
      return { ok: true, media: null };
    } catch (error) {
      if (error instanceof RegieError) return { ok: false, reason: error.text };
      throw error;
    }
  }
  const checked = await checkMediaIntegrity(file.localPath, {
    ffprobe: ffprobe(),
    ...(signal ? { signal } : {}),
  });
  return checked.ok
    ? { ok: true, media: summarize(checked.info) }
    : { ok: false, reason: checked.reason };
}
