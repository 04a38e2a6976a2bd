import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Rendition } from '../../src-preload/contract';
import { bi, RegieError } from '../ground/errors';
import type { Services } from '../kit/services';
import type { JobContext } from '../jobs';
import { resolveProgram } from '../media';
import { EncodeError, encodeRenditionSet, type EncodeResult } from '../media/encode';
import { verifyOutputs } from '../media/verifyOutputs';

/** What the encode job needs from the rest of the core. */
export interface EncodeTarget {
  /** The file to encode (an audiovideocast recording's extracted media). */
  input: string;
  /** `<library>/<video id>/`, reserved for this job. */
  outDir: string;
}

/**
 * The encode job's work (issue #4 §5): probe, one encode, packaging, verification. Publishing is
 * the caller's, once this resolves: a job succeeds only after every output opened with the
 * right duration and streams. A cancel kills ffmpeg and leaves no partial output.
 */
export async function runEncode(
  s: Services,
  ctx: JobContext,
  target: EncodeTarget,
): Promise<EncodeResult> {
  const ffmpeg = resolveProgram('ffmpeg', { setting: s.settings.getString('FFMPEG_CMD') });
  const ffprobe = resolveProgram('ffprobe', { setting: s.settings.getString('FFPROBE_CMD') });
  ctx.discardUnlessSucceeded(target.outDir);
  let result: EncodeResult;
  try {
    result = await encodeRenditionSet({
      input: target.input,
      outDir: target.outDir,
      ffmpeg,
      ffprobe,
      signal: ctx.signal,
      preset: s.settings.getString('FFMPEG_PRESET'),
      renditions: s.settings.get('VIDEO_RENDITIONS'),
      onProgress: ({ phase, fraction, speed, durationS }) => {
        if (phase === 'probe') return ctx.progress({ phase: 'probe' });
        if (phase !== 'encode') return ctx.progress({ phase: 'package' });
        const percent = (fraction ?? 0) * 100;
        // The source's probed duration: what is left of it, at the speed ffmpeg reports.
        const etaS = speed && durationS ? (durationS * (1 - (fraction ?? 0))) / speed : undefined;
        ctx.progress({
          phase: 'encode',
          percent,
          ...(speed ? { speed } : {}),
          ...(etaS !== undefined ? { etaS } : {}),
        });
      },
    });
  } catch (error) {
    if (error instanceof EncodeError) {
      if (error.command) ctx.recordCommand(error.command);
      if (error.stderrTail) ctx.recordStderr(error.stderrTail.split('\n'));
    }
    // An EncodeError is a RegieError: `validation` (the source), `program` (ffmpeg), `disk`, or
    // `cancelled`; never reported as `internal`.
    throw error;
  }
  for (const command of result.commands) ctx.recordCommand(command.command);
  const last = result.commands.at(-1);
  if (last) ctx.recordStderr(last.stderrTail.split('\n'));

  ctx.progress({ phase: 'verify' });
  const verified = await verifyOutputs(result, result.durationS, { ffprobe, signal: ctx.signal });
  if (!verified.ok) {
    const problems = verified.problems.join('; ');
    throw new RegieError(
      'program',
      bi(
        `The outputs did not pass verification: ${problems}`,
        `Les fichiers produits n'ont pas passé la vérification : ${problems}`,
      ),
    );
  }
  return result;
}

/** The renditions as the library lists them, with Pod's names (§2.11). */
export function renditionsOf(result: EncodeResult): Rendition[] {
  const size = (path: string) => statSync(path).size;
  const file = (path: string) => basename(path);
  return [
    ...result.mp4.map((m) => ({
      name: `${String(m.nominalHeight)}p`,
      kind: 'mp4' as const,
      file: file(m.path),
      height: m.height,
      sizeBytes: size(m.path),
    })),
    ...result.hls.map((h) => ({
      name: `${String(h.nominalHeight)}p`,
      kind: 'hls' as const,
      file: file(h.m3u8Path),
      height: h.height,
      sizeBytes: size(h.tsPath),
    })),
    ...(result.masterPath
      ? [
          {
            name: 'playlist',
            kind: 'master' as const,
            file: file(result.masterPath),
            height: null,
            sizeBytes: size(result.masterPath),
          },
        ]
      : []),
    ...(result.mp3Path
      ? [
          {
            name: 'audio',
            kind: 'mp3' as const,
            file: file(result.mp3Path),
            height: null,
            sizeBytes: size(result.mp3Path),
          },
        ]
      : []),
    ...(result.m4aPath
      ? [
          {
            name: 'audio',
            kind: 'm4a' as const,
            file: file(result.m4aPath),
            height: null,
            sizeBytes: size(result.m4aPath),
          },
        ]
      : []),
  ];
}

export const libraryDir = (s: Services, videoId: number) =>
  join(s.dataDir, 'library', String(videoId));
