import { useEffect, useState } from 'react';
import { call } from '../../client/client';

/** How often the pictures are asked for while the presentation is drawn. */
const POLL_MS = 3000;

/**
 * The first pictures of a recording's conversion (`bbbRecordings.preview`): loaded once, then
 * every 3 s while `isDrawing` (the main side only adds pictures during the render phase, four at
 * most), and once more when the drawing ends so the last one is not missed.
 */
export function usePreviewFrames(id: number, isDrawing: boolean): string[] | undefined {
  const [frames, setFrames] = useState<string[] | undefined>();
  useEffect(() => {
    let isCurrent = true;
    const load = () => {
      call('bbbRecordings.preview', { id })
        .then(({ frames: loaded }) => {
          if (isCurrent) setFrames(loaded);
        })
        // A preview that cannot be read leaves the pictures already shown (or the empty text).
        .catch(() => undefined);
    };
    load();
    const timer = isDrawing ? setInterval(load, POLL_MS) : undefined;
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [id, isDrawing]);
  return frames;
}
