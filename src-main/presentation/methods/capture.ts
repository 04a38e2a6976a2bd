import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCommandLine, run } from '../../media/run';
import { captureFrames } from '../capture';
import { audioArgs } from '../compose/args';
import { findMedia } from '../compose/media';
import { verifyOutput } from '../compose/verify';
import type { Warning } from '../model';
import { readMetadata } from '../parse/metadata';
import { readRecording } from '../parse/recording';
import { buildTimeline } from '../render/timeline';
import type { ConvertResult, RenderOptions } from './types';

/**
 * Method `capture` (issue #10 §4): the server's own player, stepped to each change time and
 * screenshot, for recordings the renderer cannot read. Change times come from the recording's
 * files when they parse (slides, drawings, zooms: no cursor-only frames), else one picture per
 * second. The pictures become the video exactly as the render method's do, with the audio.
 */
export async function captureVideo(
  options: RenderOptions & { playerUrl: string; chromiumPath?: string },
): Promise<ConvertResult> {
  const { signal, fps } = options;
  const report = options.onProgress ?? (() => undefined);
  const warnings: Warning[] = [];
  const durationS = (await readMetadata(options.dir)).durationS;
  let times: number[];
  try {
    const recording = await readRecording(options.dir, signal);
    const timeline = buildTimeline(recording, { fps, withChat: false });
    times = timeline.runs.map((r) => r.from / fps);
  } catch {
    // The renderer could not read it (that is why capture runs): one picture per second.
    times = Array.from({ length: Math.ceil(durationS) }, (_, i) => i);
  }
  const framesDir = join(options.workDir, 'captured');
  await mkdir(framesDir, { recursive: true });
  const captured = await captureFrames({
    playerUrl: options.playerUrl,
    times,
    outDir: framesDir,
    ...(options.chromiumPath ? { chromiumPath: options.chromiumPath } : {}),
    viewport: { width: options.width, height: options.height },
    workDir: options.workDir,
    ...(signal ? { signal } : {}),
    onProgress: (done, total) =>
      report({
        phase: 'render',
        percent: (100 * done) / total,
        previewPng: join(framesDir, `frame-${String(done).padStart(6, '0')}.png`),
      }),
  });
  warnings.push(...captured.warnings);
  const media = await findMedia({
    dir: options.dir,
    ffprobe: options.ffprobe,
    durationS,
    needsDeskshare: false,
    warnings,
    signal,
  });
  const audioPath = join(options.workDir, 'audio.m4a');
  await run(
    options.ffmpeg,
    audioArgs({ audioPath: media.audio?.path ?? null, durationS, out: audioPath }),
    { signal, keepStdout: false },
  );
  const lines = ['ffconcat version 1.0'];
  captured.frames.forEach((frame, i) => {
    const end = captured.frames[i + 1]?.time ?? durationS;
    lines.push(
      `file '${frame.file.replace(/'/g, "'\\''")}'`,
      `duration ${Math.max(1 / fps, end - frame.time).toFixed(6)}`,
    );
  });
  const last = captured.frames.at(-1);
  if (last) lines.push(`file '${last.file.replace(/'/g, "'\\''")}'`);
  const list = join(options.workDir, 'captured.ffconcat');
  await writeFile(list, `${lines.join('\n')}\n`);
  const temporary = `${options.out}.part.mp4`;
  const { width, height } = options;
  const args = [
    '-hide_banner',
    '-nostdin',
    '-y',
    '-nostats',
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    list,
    '-i',
    audioPath,
    '-vf',
    `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=0xf3f6f9,fps=${fps},format=yuv420p`,
    '-map',
    '0:v:0',
    '-map',
    '1:a:0',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-crf',
    '20',
    '-c:a',
    'copy',
    '-t',
    durationS.toFixed(3),
    '-movflags',
    '+faststart',
    temporary,
  ];
  options.onCommand?.(formatCommandLine(options.ffmpeg, args));
  report({ phase: 'compose', percent: 0 });
  try {
    await run(options.ffmpeg, args, { signal, keepStdout: false });
    const verified = await verifyOutput({
      path: temporary,
      ffprobe: options.ffprobe,
      durationS,
      signal,
    });
    await rename(temporary, options.out);
    report({ phase: 'compose', percent: 100 });
    return { method: 'capture', ...verified, warnings, pictures: captured.frames.length };
  } finally {
    await rm(temporary, { force: true });
  }
}
