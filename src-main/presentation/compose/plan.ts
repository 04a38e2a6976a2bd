import type { DeskshareInterval } from '../model';
import type { CursorFrames } from '../render/cursor';
import type { Timeline } from '../render/timeline';

/** One independently encoded piece of the video: frames [from, to). */
export interface Segment {
  index: number;
  from: number;
  to: number;
}

/**
 * The video is encoded in segments of about a minute, concatenated without re-encoding: two run
 * at once on two cores, a cancel loses at most one, and the cursor commands of one segment stay
 * few (ffmpeg's sendcmd keeps every command it is given in memory).
 */
export function planSegments(frames: number, fps: number, segmentS = 60): Segment[] {
  const size = Math.max(1, Math.round(segmentS * fps));
  const segments: Segment[] = [];
  for (let from = 0, index = 0; from < frames; from += size, index++) {
    segments.push({ index, from, to: Math.min(frames, from + size) });
  }
  return segments;
}

/**
 * The concat-demuxer script of a segment: each picture state's PNG for as long as it shows,
 * with the image demuxer at the output rate, so every change lands on its exact frame.
 */
export function concatScript(options: {
  timeline: Timeline;
  segment: Segment;
  fileOf: (state: number) => string;
}): string {
  const { timeline, segment, fileOf } = options;
  const { runs, fps } = timeline;
  const lines = ['ffconcat version 1.0'];
  let last = '';
  for (const [i, run] of runs.entries()) {
    const end = runs[i + 1]?.from ?? timeline.frames;
    const from = Math.max(run.from, segment.from);
    const to = Math.min(end, segment.to);
    if (to <= from) continue;
    last = quote(fileOf(run.state));
    lines.push(
      `file ${last}`,
      `option framerate ${fps}`,
      `duration ${((to - from) / fps).toFixed(6)}`,
    );
  }
  // The concat demuxer ignores the last entry's duration unless the file is listed once more.
  lines.push(`file ${last}`, `option framerate ${fps}`);
  return `${lines.join('\n')}\n`;
}

const quote = (path: string): string => `'${path.replace(/'/g, "'\\''")}'`;

/**
 * ffmpeg sendcmd commands moving the cursor sprites in a segment: a sprite is parked off-frame
 * when unused; commands are sent only when something changes, a millisecond before the frame.
 */
export function cursorCommands(cursor: CursorFrames, segment: Segment, fps: number): string {
  const out: string[] = [];
  let previous = { sprite: 255, x: 0, y: 0 };
  for (let k = segment.from; k < segment.to; k++) {
    const current = { sprite: cursor.sprite[k] ?? 255, x: cursor.x[k] ?? 0, y: cursor.y[k] ?? 0 };
    const isSame =
      current.sprite === previous.sprite &&
      (current.sprite === 255 || (current.x === previous.x && current.y === previous.y));
    if (isSame && k !== segment.from) continue;
    const time = Math.max(0, (k - segment.from) / fps - 0.001).toFixed(3);
    const commands: string[] = [];
    if (previous.sprite !== 255 && previous.sprite !== current.sprite) {
      commands.push(`overlay@c${previous.sprite} x -4000`, `overlay@c${previous.sprite} y -4000`);
    }
    if (current.sprite !== 255) {
      commands.push(
        `overlay@c${current.sprite} x ${current.x}`,
        `overlay@c${current.sprite} y ${current.y}`,
      );
    }
    if (commands.length > 0) out.push(`${time} ${commands.join(', ')};`);
    previous = current;
  }
  return out.join('\n') + '\n';
}

/** The deskshare intervals overlapping a segment, in the segment's own time. */
export function deskshareInSegment(
  intervals: DeskshareInterval[],
  segment: Segment,
  fps: number,
): { sourceStart: number; start: number; end: number }[] {
  const t0 = segment.from / fps;
  const t1 = segment.to / fps;
  return intervals
    .filter((d) => d.end > t0 && d.start < t1)
    .map((d) => {
      const start = Math.max(d.start, t0);
      return { sourceStart: start, start: start - t0, end: Math.min(d.end, t1) - t0 };
    });
}
