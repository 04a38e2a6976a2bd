import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import type { SourceWarning } from '../source/result';
import { bounded } from './bounded';
import type { PageGuard } from './guard';
import { cancelled, movedWarning, noPresentation, stillLoadingWarning, stuckAt } from './messages';
import { settleScript, stepScript } from './pageScripts';

// Images a time update asks for (the next slide) are waited for this long, then captured as is.
const IDLE_TIMEOUT_MS = 10_000;
// One step that takes longer than this means the page is stuck (an endless script).
const STEP_TIMEOUT_MS = 30_000;

export interface Stepper {
  page: Page;
  guard: PageGuard;
  playerUrl: string;
  signal: AbortSignal | undefined;
  warnings: SourceWarning[];
}

type Box = [number, number, number, number] | null;
type Clip = { x: number; y: number; width: number; height: number };

const clipOf = (box: Box): Clip | null =>
  box === null
    ? null
    : {
        x: Math.round(box[0]),
        y: Math.round(box[1]),
        width: Math.round(box[2]),
        height: Math.round(box[3]),
      };

/** Moves the player to `time` and waits until what it shows for that time is drawn. */
async function step(s: Stepper, time: number): Promise<Clip | null> {
  let box = (await s.page.evaluate(stepScript(time))) as Box;
  // Let puppeteer hand over the requests the update started before counting them: one turn of
  // the event loop was not always enough under load (a slide image reported after the count).
  await new Promise((resolve) => setTimeout(resolve, 25));
  if (s.guard.inFlight() > 0) {
    const isIdle = await s.guard.idle(IDLE_TIMEOUT_MS);
    if (!isIdle && !s.warnings.some((w) => w.en.startsWith('The player was still loading')))
      s.warnings.push(stillLoadingWarning(s.playerUrl, time, IDLE_TIMEOUT_MS / 1000));
    box = (await s.page.evaluate(settleScript)) as Box;
  }
  return clipOf(box);
}

export interface StepAllOptions {
  times: number[];
  outDir: string;
  onProgress: ((done: number, total: number) => void) | undefined;
}

/** Steps through every time, one PNG each, all of the size `#presentation` had at the start. */
export async function stepAll(s: Stepper, options: StepAllOptions) {
  const { times } = options;
  const stepped = (time: number) =>
    bounded(step(s, time), s.signal, STEP_TIMEOUT_MS, stuckAt(s.playerUrl, time));

  // bbb-playback 3.0 only swaps in its whiteboard view on the first update (README of the
  // player frames, "Player quirks"): a warm-up update, not captured.
  const clip = await stepped(times[0] ?? 0);
  if (clip === null || clip.width < 1 || clip.height < 1) throw noPresentation(s.playerUrl);

  const frames: { time: number; file: string }[] = [];
  let hasMoved = false;
  for (const [index, time] of times.entries()) {
    if (s.signal?.aborted) throw cancelled();
    const box = await stepped(time);
    if (box === null) throw noPresentation(s.playerUrl);
    hasMoved ||= box.x !== clip.x || box.y !== clip.y || box.width !== clip.width;
    const file = join(options.outDir, `frame-${String(index + 1).padStart(6, '0')}.png`);
    // Every PNG keeps the first box, so the video has one size; a change is reported.
    await bounded(
      s.page.screenshot({
        path: file as `${string}.png`,
        clip,
        captureBeyondViewport: false,
        optimizeForSpeed: true,
      }),
      s.signal,
      STEP_TIMEOUT_MS,
      stuckAt(s.playerUrl, time),
    );
    frames.push({ time, file });
    options.onProgress?.(index + 1, times.length);
  }
  if (hasMoved) s.warnings.push(movedWarning(s.playerUrl));
  return { frames, size: { width: clip.width, height: clip.height } };
}
