import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { progressReader } from '../../media/encodeArgs';
import { formatCommandLine, run } from '../../media/run';
import type { DeskshareInterval } from '../model';
import type { CursorFrames } from '../render/cursor';
import type { FrameLayout } from '../render/geometry';
import type { Timeline } from '../render/timeline';
import { runPool } from '../../ground/pool';
import { segmentArgs } from './args';
import type { RecordingMedia } from './media';
import { concatScript, cursorCommands, deskshareInSegment, planSegments } from './plan';

/**
 * Encodes the video in one-minute segments, `concurrency` at once (each ffmpeg on one thread:
 * two single-threaded x264 beat one two-threaded on mostly still pictures), and returns their
 * names in order (`<segDir>/<name>.mp4`).
 */
export async function encodeSegments(options: {
  segDir: string;
  ffmpeg: string;
  fps: number;
  timeline: Timeline;
  cursor: CursorFrames;
  spritePaths: string[];
  fileOf: (state: number) => string;
  layout: FrameLayout;
  media: RecordingMedia;
  deskshare: DeskshareInterval[];
  concurrency: number;
  signal?: AbortSignal;
  onCommand?: (commandLine: string) => void;
  onFraction: (fraction: number) => void;
}): Promise<string[]> {
  const { segDir, fps, timeline, cursor, media, layout, signal } = options;
  await mkdir(segDir, { recursive: true });
  const segments = planSegments(timeline.frames, fps);
  const names = segments.map((_, i) => `s${String(i).padStart(5, '0')}`);
  const framesDone = new Array<number>(segments.length).fill(0);
  const threads = options.concurrency >= 2 ? 1 : 2;
  // A failed segment stops the other one under way (its ffmpeg killed) rather than letting it run.
  await runPool([...segments.keys()], options.concurrency, signal, async (i, inner) => {
    const segment = segments[i];
    const name = names[i];
    if (!segment || !name) return;
    await writeFile(
      join(segDir, `${name}.ffconcat`),
      concatScript({ timeline, segment, fileOf: options.fileOf }),
    );
    const commands = cursorCommands(cursor, segment, fps);
    const hasCursor = commands.trim() !== '';
    if (hasCursor) await writeFile(join(segDir, `${name}.cmd`), commands);
    const parts = media.deskshare ? deskshareInSegment(options.deskshare, segment, fps) : [];
    const args = segmentArgs({
      concatPath: `${name}.ffconcat`,
      spritePaths: hasCursor ? options.spritePaths : [],
      commandsPath: hasCursor ? `${name}.cmd` : null,
      deskshare:
        media.deskshare && parts.length > 0
          ? { path: media.deskshare.path, box: layout.slideBox, parts }
          : null,
      webcams:
        layout.webcamBox && media.webcams
          ? { path: media.webcams.path, box: layout.webcamBox }
          : null,
      startS: segment.from / fps,
      frames: segment.to - segment.from,
      fps,
      out: `${name}.mp4`,
      threads,
    });
    options.onCommand?.(`cd ${segDir} && ${formatCommandLine(options.ffmpeg, args)}`);
    await run(options.ffmpeg, args, {
      cwd: segDir,
      signal: inner,
      keepStdout: false,
      onStdoutLine: progressReader((p) => {
        if (p.outTimeS === null) return;
        framesDone[i] = Math.min(segment.to - segment.from, Math.round(p.outTimeS * fps));
        options.onFraction(framesDone.reduce((s, v) => s + v, 0) / timeline.frames);
      }),
    });
  });
  return names;
}
