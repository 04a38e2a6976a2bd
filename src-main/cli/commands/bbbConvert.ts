import { resolve } from 'node:path';
import { resolveProgram } from '../../media';
import { convertRecording, type ConvertMethod } from '../../presentation/convert';
import type { LayoutName } from '../../presentation/render/geometry';
import { RECORD_ID } from '../../presentation/source';
import { requireOption } from '../commandLine';
import { withApp } from '../context';
import { UsageError, type CliIo } from '../io';
import { leaf } from '../spec';

const METHODS = ['auto', 'video', 'render', 'capture'] as const;
const LAYOUTS = ['slides', 'slides+webcams'] as const;

/**
 * `regie bbb convert (RECORD_ID [--server NAME] | PLAYBACK_URL) --out FILE.mp4` (issue #10 §7):
 * one BBB recording to an MP4, in this process, progress on stderr; `--json` prints the method
 * used, duration, size and warnings. A RECORD_ID is looked up among the mirrored recordings.
 */
export const bbbConvert = leaf({
  name: 'convert',
  summary: 'convert a BBB recording (presentation) to an MP4 video',
  args: ['RECORD_ID|PLAYBACK_URL'],
  options: {
    out: { type: 'string', value: 'FILE.mp4', help: 'the video to write (required)' },
    server: { type: 'string', value: 'NAME', help: 'the server, when the id is on several' },
    method: { type: 'string', value: 'M', help: 'auto (default), video, render or capture' },
    layout: { type: 'string', value: 'L', help: 'slides or slides+webcams (BBB_CONVERT_LAYOUT)' },
    chat: { type: 'boolean', help: 'show the public chat in a side panel' },
    size: { type: 'string', value: 'WxH', help: 'picture size, default 1280x720' },
  },
  notes:
    'PLAYBACK_URL: https://host/playback/presentation/2.3/<id> or the 2.0 form …/playback.html?meetingId=<id>.',
  run: async ({ io, values, positionals }) => {
    const target = positionals[0] ?? '';
    const out = resolve(requireOption(values.out, 'out'));
    const method = choice(values.method ?? 'auto', METHODS, '--method');
    const size = parseSize(values.size ?? '1280x720');
    await withApp(io, values, async (app) => {
      const settings = new Map(
        (await app.api.invoke('settings.list', {})).map((s) => [s.key, s.value]),
      );
      const layout = choice(
        values.layout ?? String(settings.get('BBB_CONVERT_LAYOUT') ?? 'slides+webcams'),
        LAYOUTS,
        '--layout',
      );
      const source = await sourceOf(target, values.server, async (recordId) =>
        (await app.api.invoke('bbbRecordings.list', {})).filter((r) => r.recordId === recordId),
      );
      const controller = new AbortController();
      void io.untilStopped().then(() => controller.abort());
      const result = await convertRecording({
        source,
        method: method as ConvertMethod,
        out,
        workRoot: resolve(app.dataDir, 'work'),
        ffmpeg: resolveProgram('ffmpeg', { env: io.env }),
        ffprobe: resolveProgram('ffprobe', { env: io.env }),
        chromiumPath: String(settings.get('CHROMIUM_CMD') ?? '/usr/bin/chromium'),
        width: size.width,
        height: size.height,
        layout: layout as LayoutName,
        withChat: values.chat === true,
        locale: 'fr',
        fps: 10,
        signal: controller.signal,
        onProgress: progressPrinter(io),
      });
      if (values.json) {
        io.out(`${JSON.stringify({ out, ...result }, null, 2)}\n`);
        return;
      }
      io.out(
        `${out}: ${result.durationS.toFixed(1)} s, ${String(result.width)}×${String(result.height)}, ${(result.sizeBytes / 1e6).toFixed(1)} MB (method ${result.method})\n`,
      );
      for (const w of result.warnings) io.err(`warning: ${w.file}: ${w.en}\n`);
    });
  },
});

function choice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag}: "${value}" is not one of ${allowed.join(', ')}`);
}

function parseSize(value: string): { width: number; height: number } {
  const match = /^(\d{2,4})x(\d{2,4})$/.exec(value);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || width % 2 !== 0 || height % 2 !== 0 || width < 160 || height < 90) {
    throw new UsageError(`--size: "${value}" is not an even WIDTHxHEIGHT such as 1280x720`);
  }
  return { width, height };
}

async function sourceOf(
  target: string,
  server: string | undefined,
  mirrored: (
    recordId: string,
  ) => Promise<{ serverName: string; formats: { type: string; url: string }[] }[]>,
): Promise<{ playbackUrl: string; videoUrl?: string | null }> {
  if (/^https?:\/\//i.test(target)) return { playbackUrl: target };
  if (!RECORD_ID.test(target)) {
    throw new UsageError(
      `RECORD_ID|PLAYBACK_URL: "${target}" is neither a record id (40 hex-2-13 digits) nor a playback URL`,
    );
  }
  const found = (await mirrored(target)).filter(
    (r) => server === undefined || r.serverName === server,
  );
  if (found.length === 0)
    throw new UsageError(
      `RECORD_ID: "${target}" is not mirrored${server ? ` on ${server}` : ''} (see "regie bbb recordings --mirror"), or give its playback URL`,
    );
  if (found.length > 1)
    throw new UsageError(`RECORD_ID: "${target}" is on several servers; add --server NAME`);
  const formats = found[0]?.formats ?? [];
  const presentation = formats.find((f) => f.type === 'presentation');
  const video = formats.find((f) => f.type === 'video');
  if (!presentation && !video)
    throw new UsageError(
      `RECORD_ID: "${target}" has neither a presentation nor a video format to convert`,
    );
  return { playbackUrl: presentation?.url ?? video?.url ?? '', videoUrl: video?.url ?? null };
}

function progressPrinter(io: CliIo): (p: { phase: string; percent: number }) => void {
  let last = 0;
  let lastPhase = '';
  return ({ phase, percent }) => {
    const now = Date.now();
    if (phase === lastPhase && now - last < 1000 && percent < 100) return;
    last = now;
    lastPhase = phase;
    io.err(`${phase} ${percent.toFixed(0)} %\n`);
  };
}
