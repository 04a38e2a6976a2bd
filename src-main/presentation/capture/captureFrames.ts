import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { RegieError, bi } from '../../ground/errors';
import type { SourceWarning } from '../source/result';
import { bounded } from './bounded';
import { DEFAULT_CHROMIUM_PATH, closeChromium, launchChromium } from './chromium';
import { guardPage } from './guard';
import { loadPlayer } from './loadPlayer';
import { cancelled, guardWarnings, pageFailure } from './messages';
import { stepAll } from './stepper';

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

const LAUNCH_TIMEOUT_MS = 60_000;

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

const slowLaunch = (chromiumPath: string) => () =>
  new RegieError(
    'program',
    bi(
      `Chromium (${chromiumPath}) took more than ${LAUNCH_TIMEOUT_MS / 1000} s to start.`,
      `Chromium (${chromiumPath}) a mis plus de ${LAUNCH_TIMEOUT_MS / 1000} s à démarrer.`,
    ),
  );

/**
 * Opens the BBB player page in headless Chromium and, rather than playing it in real time, steps
 * it to each time and screenshots `#presentation` (issue 10, part 4, method "capture"). One page
 * serves every frame; the browser is always closed, also on error and cancel.
 */
export async function captureFrames(options: CaptureOptions): Promise<CaptureResult> {
  const url = checkOptions(options);
  const { signal, playerUrl } = options;
  if (signal?.aborted) throw cancelled();
  const viewport = options.viewport ?? { width: 1280, height: 720 };
  const chromiumPath = options.chromiumPath?.trim() || DEFAULT_CHROMIUM_PATH;
  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'regie-chromium-'));
  let launching: Promise<Browser> | undefined;
  let browser: Browser | undefined;
  try {
    await mkdir(options.outDir, { recursive: true });
    launching = launchChromium({ chromiumPath, playerHost: url.hostname, workDir, viewport });
    browser = await bounded(launching, signal, LAUNCH_TIMEOUT_MS, slowLaunch(chromiumPath));
    const page = await browser.newPage();
    const guard = await guardPage(browser, page, url.origin);
    await loadPlayer({
      page,
      guard,
      playerUrl,
      timeoutMs: options.pageTimeoutMs ?? 60_000,
      bounded: (work, ms, onTimeout) => bounded(work, signal, ms, onTimeout),
    });
    const warnings: SourceWarning[] = [];
    try {
      const { frames, size } = await stepAll(
        { page, guard, playerUrl, signal, warnings },
        { times: options.times, outDir: options.outDir, onProgress: options.onProgress },
      );
      return { frames, size, warnings: [...warnings, ...guardWarnings(guard, playerUrl)] };
    } catch (error) {
      throw pageFailure(error, guard, playerUrl);
    }
  } finally {
    // Cancelled while starting: the browser still arrives (puppeteer gives up after 30 s), then goes.
    browser ??= await launching?.catch(() => undefined);
    if (browser) await closeChromium(browser);
    // The profile is ours alone and useless once the browser is gone.
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
