import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { RegieError, bi } from '../../ground/errors';
import type { SourceWarning } from '../source/result';
import { DEFAULT_CHROMIUM_PATH, closeChromium, launchChromium } from './chromium';
import { guardPage, type PageGuard } from './guard';
import { loadPlayer } from './loadPlayer';
import { settleScript, stepScript } from './pageScripts';

export interface CaptureOptions {
  /** The server's own player page, `<origin>/playback/presentation/2.3/<recordId>`. */
  playerUrl: string;
  /** Seconds, ascending: the change times to capture. */
  times: number[];
  /** Receives frame-000001.png, frame-000002.png, … in the order of `times`. */
  outDir: string;
  /** Default: the caller's setting, else /usr/bin/chromium. */
  chromiumPath?: string;
  /** Default 1280×720, the size the reference frames were taken at. */
  viewport?: { width: number; height: number };
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Loading the player until `#presentation` exists; default 60 s. */
  pageTimeoutMs?: number;
  /** Where the browser's throw-away profile folder is made; default the system temp folder. */
  workDir?: string;
}

export interface CaptureResult {
  frames: { time: number; file: string }[];
  /** The size of every PNG: `#presentation`'s box as first laid out. */
  size: { width: number; height: number };
  warnings: SourceWarning[];
}

// Images a time update asks for (the next slide) are waited for this long, then captured as is.
const IDLE_TIMEOUT_MS = 10_000;
// One step that takes longer than this means the page is stuck (an endless script).
const STEP_TIMEOUT_MS = 30_000;

type Box = [number, number, number, number] | null;

const cancelled = () =>
  new RegieError('cancelled', bi('The capture was cancelled.', 'La capture a été annulée.'));

function checkOptions(options: CaptureOptions): URL {
  let url: URL | undefined;
  try {
    url = new URL(options.playerUrl);
  } catch {
    // Reported below with the other malformed cases.
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const text = bi(
      `The player URL must be an http(s) address; got "${options.playerUrl.slice(0, 200)}".`,
      `L'adresse du lecteur doit être en http(s) ; reçu « ${options.playerUrl.slice(0, 200)} ».`,
    );
    throw new RegieError('validation', text, { fieldErrors: { playerUrl: text } });
  }
  const times = options.times;
  const isAscending = times.every(
    (t, i) => Number.isFinite(t) && t >= 0 && (i === 0 || t >= (times[i - 1] ?? 0)),
  );
  if (times.length === 0 || !isAscending) {
    const text = bi(
      'The capture times must be a non-empty list of seconds ≥ 0, in ascending order.',
      'Les instants à capturer doivent former une liste non vide de secondes ≥ 0, croissantes.',
    );
    throw new RegieError('validation', text, { fieldErrors: { times: text } });
  }
  return url;
}

/** Races `work` against the caller's cancel and a time limit, so no step can hang the job. */
async function bounded<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  onTimeout: () => RegieError,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    onAbort = () => reject(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

interface Stepper {
  page: Page;
  guard: PageGuard;
  warnings: SourceWarning[];
  playerUrl: string;
}

/** Moves the player to `time` and waits until what it shows for that time is drawn. */
async function step(s: Stepper, time: number): Promise<Box> {
  let box = (await s.page.evaluate(stepScript(time))) as Box;
  // Let puppeteer hand over the requests the update started before counting them.
  await new Promise((resolve) => setImmediate(resolve));
  if (s.guard.inFlight() > 0) {
    const isIdle = await s.guard.idle(IDLE_TIMEOUT_MS);
    if (!isIdle && !s.warnings.some((w) => w.en.includes('still loading')))
      s.warnings.push({
        file: s.playerUrl,
        en: `The player was still loading after ${IDLE_TIMEOUT_MS / 1000} s at ${time} s: that frame may lack an image.`,
        fr: `Le lecteur chargeait encore après ${IDLE_TIMEOUT_MS / 1000} s à ${time} s : une image peut manquer sur cette vue.`,
      });
    box = (await s.page.evaluate(settleScript)) as Box;
  }
  return box;
}

const clipOf = (box: Box) =>
  box === null
    ? null
    : {
        x: Math.round(box[0]),
        y: Math.round(box[1]),
        width: Math.round(box[2]),
        height: Math.round(box[3]),
      };

/**
 * Opens the BBB player page in headless Chromium and, rather than playing it in real time, steps
 * it to each time and screenshots `#presentation` (issue 10, part 4, method "capture"). One page
 * serves every frame; the browser is always closed, also on error and cancel.
 */
export async function captureFrames(options: CaptureOptions): Promise<CaptureResult> {
  const url = checkOptions(options);
  const { signal, times } = options;
  if (signal?.aborted) throw cancelled();
  const viewport = options.viewport ?? { width: 1280, height: 720 };
  const chromiumPath = options.chromiumPath?.trim() || DEFAULT_CHROMIUM_PATH;
  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'regie-chromium-'));
  await mkdir(options.outDir, { recursive: true });
  const warnings: SourceWarning[] = [];
  let browser: Browser | undefined;
  try {
    browser = await bounded(
      launchChromium({ chromiumPath, playerHost: url.hostname, workDir, viewport }),
      signal,
      60_000,
      () =>
        new RegieError(
          'program',
          bi(
            `Chromium (${chromiumPath}) took more than 60 s to start.`,
            `Chromium (${chromiumPath}) a mis plus de 60 s à démarrer.`,
          ),
        ),
    );
    const page = await browser.newPage();
    const guard = await guardPage(browser, page, url.origin);
    await loadPlayer({
      page,
      guard,
      playerUrl: options.playerUrl,
      timeoutMs: options.pageTimeoutMs ?? 60_000,
      bounded: (work, ms, onTimeout) => bounded(work, signal, ms, onTimeout),
    });

    const stuck = (time: number) => () =>
      new RegieError(
        'remote',
        bi(
          `The player ${options.playerUrl} stopped answering at ${time} s.`,
          `Le lecteur ${options.playerUrl} ne répond plus à ${time} s.`,
        ),
      );
    const stepper: Stepper = { page, guard, warnings, playerUrl: options.playerUrl };
    const first = times[0] ?? 0;
    // bbb-playback 3.0 only swaps in its whiteboard view on the first update (README of the
    // player frames, "Player quirks"): a warm-up update, not captured.
    const clip = clipOf(await bounded(step(stepper, first), signal, STEP_TIMEOUT_MS, stuck(first)));
    if (clip === null || clip.width < 1 || clip.height < 1) throw noPresentation(options.playerUrl);

    const frames: CaptureResult['frames'] = [];
    let hasMoved = false;
    for (const [index, time] of times.entries()) {
      if (signal?.aborted) throw cancelled();
      const box = clipOf(await bounded(step(stepper, time), signal, STEP_TIMEOUT_MS, stuck(time)));
      if (box === null) throw noPresentation(options.playerUrl);
      hasMoved ||= box.x !== clip.x || box.y !== clip.y || box.width !== clip.width;
      const file = join(options.outDir, `frame-${String(index + 1).padStart(6, '0')}.png`);
      // Every PNG keeps the first box, so the video has one size; a change is reported below.
      await bounded(
        page.screenshot({ path: file as `${string}.png`, clip, captureBeyondViewport: false }),
        signal,
        STEP_TIMEOUT_MS,
        stuck(time),
      );
      frames.push({ time, file });
      options.onProgress?.(index + 1, times.length);
    }
    if (hasMoved)
      warnings.push({
        file: options.playerUrl,
        en: "The player's slide area moved or changed size during the capture: the frames keep its first place and size.",
        fr: 'La zone des diapositives du lecteur a bougé ou changé de taille pendant la capture : les images gardent sa première place et sa première taille.',
      });
    warnings.push(...guardWarnings(guard, options.playerUrl));
    return { frames, size: { width: clip.width, height: clip.height }, warnings };
  } finally {
    if (browser) await closeChromium(browser);
    // The profile is ours alone and useless once the browser is gone.
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

export const noPresentation = (playerUrl: string) =>
  new RegieError(
    'remote',
    bi(
      `The page ${playerUrl} has no slide area (#presentation): is it a BigBlueButton presentation player?`,
      `La page ${playerUrl} n'a pas de zone de diapositives (#presentation) : est-ce bien le lecteur de présentation de BigBlueButton ?`,
    ),
  );

function guardWarnings(guard: PageGuard, playerUrl: string): SourceWarning[] {
  const warnings: SourceWarning[] = [];
  const { count, examples } = guard.blocked;
  if (count > 0)
    warnings.push({
      file: playerUrl,
      en: `The player asked for ${count} address(es) outside its server (${examples.join(', ')}): refused. Fonts or images from there are missing.`,
      fr: `Le lecteur a demandé ${count} adresse(s) hors de son serveur (${examples.join(', ')}) : refusées. Les polices ou images qui en viennent manquent.`,
    });
  if (guard.popupsClosed > 0)
    warnings.push({
      file: playerUrl,
      en: `The player opened ${guard.popupsClosed} window(s): closed.`,
      fr: `Le lecteur a ouvert ${guard.popupsClosed} fenêtre(s) : fermée(s).`,
    });
  return warnings;
}
