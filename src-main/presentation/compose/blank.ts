import { run } from '../../media/run';

/**
 * Whether a webcams video shows nothing (BBB writes one even when no camera was on: a uniform
 * picture, bbb.md §2, as bbb-video-download detects). Only keyframes are decoded, shrunk to
 * 8×6 grey: a few hundred tiny pictures for an hour, well under a second.
 */
export async function isBlankVideo(options: {
  ffmpeg: string;
  path: string;
  signal?: AbortSignal;
}): Promise<boolean> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-v',
    'error',
    '-skip_frame',
    'nokey',
    '-i',
    options.path,
    '-map',
    '0:v:0',
    '-frames:v',
    '4000',
    '-vf',
    'scale=32:24,signalstats,metadata=mode=print:file=-',
    '-f',
    'null',
    '-',
  ];
  let min = 255;
  let max = 0;
  try {
    await run(options.ffmpeg, args, {
      ...(options.signal ? { signal: options.signal } : {}),
      timeoutMs: 120_000,
      keepStdout: false,
      onStdoutLine: (line) => {
        const match = /lavfi\.signalstats\.Y(MIN|MAX)=(\d+)/.exec(line);
        if (!match) return;
        const value = Number(match[2]);
        if (match[1] === 'MIN') min = Math.min(min, value);
        else max = Math.max(max, value);
      },
    });
  } catch {
    options.signal?.throwIfAborted();
    return false; // unreadable: findMedia has said so; keep the layout asked for
  }
  return max < min || max - min < 12;
}
