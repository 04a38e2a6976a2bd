import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { RecordingFileError } from './files';

/**
 * cursor.xml, read as a stream: it holds one event per 0.1 s of pointer movement and can reach
 * hundreds of MB on long or damaged recordings (issue #10 §5). Events are kept at most one per
 * `resolutionS` (the last one wins, as the player shows the latest event at each of its ticks),
 * so memory depends on the duration, not the file size.
 */
export interface CursorTrack {
  /** `tldraw="true"`: coordinates are page units; otherwise 0..1 of the current view box. */
  isTldraw: boolean;
  times: Float64Array;
  xs: Float32Array;
  ys: Float32Array;
  /** Number of events. Hidden = x and y both -1 (BBB writes `-1 -1`). */
  length: number;
}

const EVENT = /<event\b[^>]*?\btimestamp\s*=\s*"([^"]*)"[^>]*>\s*<cursor>\s*([^<]*?)\s*<\/cursor>/g;
const ENTITY = /<!ENTITY|<!DOCTYPE[^>[]*\[/i;

export async function readCursor(
  dir: string,
  options: { durationS: number; resolutionS?: number; signal?: AbortSignal },
): Promise<CursorTrack> {
  const resolution = options.resolutionS ?? 0.05;
  const capacity = Math.ceil(options.durationS / resolution) + 2;
  const times = new Float64Array(capacity);
  const xs = new Float32Array(capacity);
  const ys = new Float32Array(capacity);
  let length = 0;
  let isTldraw = false;
  let sawRoot = false;
  let carry = '';
  let lastTime = -Infinity;
  const stream = createReadStream(join(dir, 'cursor.xml'), {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
  });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      options.signal?.throwIfAborted();
      let buffer = carry + chunk;
      if (!sawRoot) {
        if (ENTITY.test(buffer)) {
          throw new RecordingFileError(
            'cursor.xml',
            'declares XML entities, which BigBlueButton never writes; refused.',
            'déclare des entités XML, ce que BigBlueButton n’écrit jamais ; refusé.',
          );
        }
        const root = /<recording\b[^>]*>/.exec(buffer);
        if (root) {
          sawRoot = true;
          isTldraw = /\btldraw\s*=\s*"true"/.test(root[0]);
        }
      }
      EVENT.lastIndex = 0;
      let consumed = 0;
      let match: RegExpExecArray | null;
      while ((match = EVENT.exec(buffer)) !== null) {
        consumed = EVENT.lastIndex;
        const time = Number.parseFloat(match[1] ?? '');
        const [x = Number.NaN, y = Number.NaN] = (match[2] ?? '')
          .split(/\s+/)
          .map(Number.parseFloat);
        if (!Number.isFinite(time) || !Number.isFinite(x) || !Number.isFinite(y)) continue;
        if (time < 0 || time > options.durationS) continue;
        // Same bucket as the last kept event: the later one replaces it.
        if (
          length > 0 &&
          Math.floor(time / resolution) === Math.floor(lastTime / resolution) &&
          time >= lastTime
        ) {
          xs[length - 1] = x;
          ys[length - 1] = y;
          continue;
        }
        if (time < lastTime) continue; // out of order: BBB writes in time order; skip strays
        if (length >= capacity) break;
        times[length] = time;
        xs[length] = x;
        ys[length] = y;
        lastTime = time;
        length++;
      }
      buffer = buffer.slice(consumed);
      // An event never spans more than a few hundred bytes; a longer tail is not an event.
      carry = buffer.length > 4096 ? buffer.slice(-4096) : buffer;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { isTldraw, times, xs, ys, length: 0 };
    throw error;
  } finally {
    stream.destroy();
  }
  return { isTldraw, times, xs, ys, length };
}
