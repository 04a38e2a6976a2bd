import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bi, RegieError } from '../../ground/errors';
import { resolveProgram } from '../../media';
import { EncodeError, encodeRenditionSet } from '../../media/encode';
import type { VideoRendition } from '../../media/renditions';
import { checkRenditions } from '../../media/renditionsCheck';
import { verifyOutputs } from '../../media/verifyOutputs';
import { requireOption } from '../commandLine';
import { UsageError, type CliIo } from '../io';
import { leaf } from '../spec';

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
export const encodeCommand = leaf({
  name: 'encode',
  summary: "encode a file into Pod's rendition set, standalone (no data directory)",
  args: ['INPUT'],
  options: {
    out: { type: 'string', value: 'DIR', help: 'the output folder (required)' },
    preset: { type: 'string', value: 'P', help: "x264's preset (FFMPEG_PRESET)" },
    renditions: {
      type: 'string',
      value: 'FILE.json',
      help: "Pod's VideoRendition rows (VIDEO_RENDITIONS)",
    },
  },
  run: async ({ io, values, positionals }) => encode({ io, values, positionals }),
});

async function encode({
  io,
  values,
  positionals,
}: {
  io: CliIo;
  values: { out?: string; preset?: string; renditions?: string; json?: boolean | undefined };
  positionals: string[];
}): Promise<void> {
  const input = resolve(positionals[0] ?? '');
  const renditions =
    values.renditions === undefined ? undefined : readRenditions(values.renditions);
  const outDir = resolve(requireOption(values.out, 'out'));
  const ffmpeg = resolveProgram('ffmpeg', { env: io.env });
  const ffprobe = resolveProgram('ffprobe', { env: io.env });
  const controller = new AbortController();
  void io.untilStopped().then(() => controller.abort());
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
        io.err(`${phase}${percent}${speed ? ` ×${speed.toFixed(1)}` : ''}\n`);
      },
    });
    const verified = await verifyOutputs(result, result.durationS, { ffprobe });
    if (!verified.ok) {
      throw new RegieError(
        'program',
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
    io.out(
      values.json
        ? `${JSON.stringify(summary, null, 2)}\n`
        : `Encoded ${input} into ${result.outDir} (${String(result.mp4.length)} MP4, ${String(result.hls.length)} HLS)\n`,
    );
  } catch (error) {
    if (error instanceof EncodeError && error.failure === 'input')
      throw new UsageError(`INPUT: ${error.reason.en}`);
    // A RegieError (`program`, `disk`, `cancelled`): its command and stderr show with --debug.
    throw error;
  }
}
