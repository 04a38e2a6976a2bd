import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadResumable } from '../net/download';
import { RegieError, bi } from '../ground/errors';
import { verifyOutput } from './compose/verify';
import { captureVideo } from './methods/capture';
import { renderVideo } from './methods/render';
import type { ConvertResult, RenderOptions } from './methods/types';
import { RecordingFileError } from './parse/files';
import { fetchRecording, openLocalRecording, parsePlaybackUrl } from './source';

export type ConvertMethod = 'auto' | 'video' | 'render' | 'capture';

export interface ConvertRequest extends Omit<RenderOptions, 'dir' | 'workDir'> {
  /**
   * Where the recording is: its playback URL (2.0 or 2.3 form), with BBB's `video` format URL
   * when the server published one; or a local published folder.
   */
  source: { playbackUrl: string; videoUrl?: string | null } | { dir: string };
  method: ConvertMethod;
  /** `<data>/work`: the recording's files are cached under it while it converts. */
  workRoot: string;
  chromiumPath?: string;
}

/**
 * Converts one BBB recording to an MP4 (issue #10). `auto`: BBB's own `video` format when the
 * server has it (downloaded and verified, nothing drawn); else `render`; and when the renderer
 * cannot read the recording, `capture` through the server's player. The fetched files are
 * cached per recording (a retry resumes) and removed once the video is verified.
 */
export async function convertRecording(request: ConvertRequest): Promise<ConvertResult> {
  const { source, signal } = request;
  const report = request.onProgress ?? (() => undefined);
  const method = request.method;
  if ('playbackUrl' in source && source.videoUrl && (method === 'auto' || method === 'video')) {
    const recordId = /[a-z0-9]{40}-[0-9]{13}/.exec(source.videoUrl)?.[0] ?? 'video';
    return downloadVideoFormat({ ...request, videoUrl: source.videoUrl, recordId });
  }
  const location = 'playbackUrl' in source ? parsePlaybackUrl(source.playbackUrl) : null;
  if (method === 'video') {
    throw new RegieError(
      'not_found',
      bi(
        'This recording has no BigBlueButton "video" format; use --method render (or auto).',
        'Cet enregistrement n’a pas de format « video » BigBlueButton ; utilisez --method render (ou auto).',
      ),
    );
  }
  const id =
    location?.recordId ??
    ('dir' in source ? (source.dir.replace(/\/+$/, '').split('/').pop() ?? 'local') : 'local');
  const cache = join(request.workRoot, `presentation-${id}`);
  const workDir = join(request.workRoot, `convert-${id}-${process.pid}-${Date.now()}`);
  await mkdir(workDir, { recursive: true });
  try {
    let dir: string;
    let sourceWarnings: ConvertResult['warnings'];
    if (location) {
      report({ phase: 'fetch', percent: 0 });
      const fetched = await fetchRecording({
        baseUrl: location.baseUrl,
        dir: cache,
        ...(signal ? { signal } : {}),
        onProgress: (p) =>
          report({
            phase: 'fetch',
            percent: p.filesTotal > 0 ? (100 * p.filesDone) / p.filesTotal : 0,
          }),
      });
      dir = cache;
      sourceWarnings = fetched.warnings;
    } else {
      dir = (source as { dir: string }).dir;
      sourceWarnings = (await openLocalRecording(dir)).warnings;
    }
    const options = { ...request, dir, workDir };
    let result: ConvertResult;
    if (method === 'capture') {
      result = await captureVideo({ ...options, playerUrl: playerUrlOf(location) });
    } else {
      try {
        result = await renderVideo(options);
      } catch (error) {
        // The renderer could not read the recording: the server's player may (issue #10 §4).
        if (method !== 'auto' || !location || !(error instanceof RecordingFileError)) throw error;
        result = await captureVideo({ ...options, playerUrl: playerUrlOf(location) });
        result.warnings.unshift({
          file: error.file,
          en: `${error.text.en} Converted through the server's player instead.`,
          fr: `${error.text.fr} Converti par le lecteur du serveur à la place.`,
        });
      }
    }
    result.warnings.unshift(...sourceWarnings);
    // Verified: the cached files have served their purpose.
    if (location) await rm(cache, { recursive: true, force: true });
    return result;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function playerUrlOf(location: ReturnType<typeof parsePlaybackUrl> | null): string {
  if (!location) {
    throw new RegieError(
      'bad_request',
      bi(
        'The capture method needs the recording on its server (a playback URL), not a local folder.',
        'La méthode capture a besoin de l’enregistrement sur son serveur (une URL de lecture), pas d’un dossier local.',
      ),
    );
  }
  return `${location.origin}/playback/presentation/2.3/${location.recordId}`;
}

/** Method `video`: BBB's own rendering, downloaded (resumable) and verified. */
async function downloadVideoFormat(
  request: ConvertRequest & { videoUrl: string; recordId: string },
): Promise<ConvertResult> {
  const report = request.onProgress ?? (() => undefined);
  const url = /\.(m4v|mp4)$/.test(request.videoUrl)
    ? request.videoUrl
    : `${request.videoUrl.replace(/\/+$/, '')}/video-0.m4v`;
  const part = join(request.workRoot, `video-${request.recordId}.m4v`);
  await mkdir(request.workRoot, { recursive: true });
  report({ phase: 'fetch', percent: 0 });
  await downloadResumable({
    url,
    dest: part,
    ...(request.signal ? { signal: request.signal } : {}),
    onProgress: (received, total) =>
      total && report({ phase: 'fetch', percent: (100 * received) / total }),
  });
  const verified = await verifyOutput({
    path: part,
    ffprobe: request.ffprobe,
    ...(request.signal ? { signal: request.signal } : {}),
  });
  await rename(part, request.out);
  return { method: 'video', ...verified, warnings: [], pictures: 0 };
}
