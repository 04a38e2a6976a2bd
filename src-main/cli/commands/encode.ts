import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bi, RegieError } from '../../ground/errors';
import { resolveProgram } from '../../media';
import { EncodeError, encodeRenditionSet } from '../../media/encode';
import type { VideoRendition } from '../../media/renditions';
import { checkRenditions } from '../../media/renditionsCheck';
import { verifyOutputs } from '../../media/verifyOutputs';
import { parseCommand, requireOption } from '../commandLine';
import type { CommandContext } from '../context';
import { UsageError } from '../io';

/** `--renditions FILE`: a JSON list of Pod `VideoRendition` rows, as `VIDEO_RENDITIONS` takes. */
function readRenditions(path: string): VideoRendition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`--renditions: cannot read ${path} as JSON (${(error as Error).message})`);
  }
  const checked = checkRenditions('--renditions', parsed);
  if (!checked.ok) throw new UsageError(checked.why.en);
  return checked.value;
}

/**
 * `regie encode INPUT --out DIR`: Pod's rendition set and info_video.json, standalone (no data
 * directory), progress on stderr. The same code as the encode jobs.
 */
export async function encodeCommand(ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseCommand(
    ctx.args,
    { out: { type: 'string' }, preset: { type: 'string' }, renditions: { type: 'string' } },
    ['INPUT'],
  );
  const input = resolve(positionals[0] ?? '');
  const renditions =
    values.renditions === undefined ? undefined : readRenditions(values.renditions);
  const outDir = resolve(requireOption(values.out, 'out'));
  const ffmpeg = resolveProgram('ffmpeg', { env: ctx.io.env });
  const ffprobe = resolveProgram('ffprobe', { env: ctx.io.env });
  const controller = new AbortController();
  void ctx.io.untilStopped().then(() => controller.abort());
  let lastLine = 0;
  try {
    const result = await encodeRenditionSet({
      input,
      outDir,
      ffmpeg,
      ffprobe,
      signal: controller.signal,
      ...(values.preset === undefined ? {} : { preset: values.preset }),
      ...(renditions ? { renditions } : {}),
      onProgress: ({ phase, fraction, speed }) => {
        const now = Date.now();
        if (now - lastLine < 1000 && phase === 'encode') return;
        lastLine = now;
        const percent = fraction === null ? '' : ` ${(fraction * 100).toFixed(0)} %`;
        ctx.io.err(`${phase}${percent}${speed ? ` ×${speed.toFixed(1)}` : ''}\n`);
      },
    });
    const verified = await verifyOutputs(result, result.durationS, { ffprobe });
    if (!verified.ok) {
      throw new RegieError(
        'internal',
        bi(
          `Verification failed: ${verified.problems.join('; ')}`,
          `Vérification échouée : ${verified.problems.join(' ; ')}`,
        ),
      );
    }
    const summary = {
      outDir: result.outDir,
      durationS: result.durationS,
      mp4: result.mp4.map((m) => m.path),
      hls: result.hls.map((h) => h.m3u8Path),
      master: result.masterPath,
      mp3: result.mp3Path,
      m4a: result.m4aPath,
      thumbnails: result.thumbnails,
      overview: result.overview,
      subtitles: result.subtitles.map((s) => s.path),
      info: result.infoPath,
      commands: result.commands.map((c) => c.command),
    };
    ctx.io.out(
      values.json
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `Encoded ${input} into ${result.outDir} (${String(result.mp4.length)} MP4, ${String(result.hls.length)} HLS)\n`,
    );
  } catch (error) {
    if (error instanceof EncodeError) {
      if (error.failure === 'input') throw new UsageError(`INPUT: ${error.reason.en}`);
      if (error.command) ctx.io.err(`command: ${error.command}\n${error.stderrTail}\n`);
      throw new RegieError('internal', error.reason);
    }
    throw error;
  }
}
