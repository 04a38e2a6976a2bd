import type { Page } from 'puppeteer-core';
import { RegieError, bi } from '../../ground/errors';
import type { PageGuard } from './guard';

export interface LoadPlayerOptions {
  page: Page;
  guard: PageGuard;
  playerUrl: string;
  /** From the start of the navigation until `#presentation` exists. */
  timeoutMs: number;
  /** The caller's race against its cancel and a time limit. */
  bounded: <T>(work: Promise<T>, timeoutMs: number, onTimeout: () => RegieError) => Promise<T>;
}

const unreachable = (playerUrl: string, why: { en: string; fr: string }, detail?: string) =>
  new RegieError(
    'remote',
    bi(
      `The player page ${playerUrl} ${why.en}. Open it in a browser to check it, or convert with another method.`,
      `La page du lecteur ${playerUrl} ${why.fr}. Ouvrez-la dans un navigateur pour vérifier, ou convertissez avec une autre méthode.`,
    ),
    detail === undefined ? undefined : { detail },
  );

/**
 * Opens the player and waits for its slide area. bbb-playback draws `#presentation` only once it
 * has read the recording's files, so its presence means the player is ready to be stepped.
 */
export async function loadPlayer(options: LoadPlayerOptions): Promise<void> {
  const { page, guard, playerUrl, timeoutMs } = options;
  const deadline = Date.now() + timeoutMs;
  const late = () =>
    unreachable(playerUrl, {
      en: `did not show its slide area (#presentation) within ${Math.round(timeoutMs / 1000)} s`,
      fr: `n'a pas affiché sa zone de diapositives (#presentation) en ${Math.round(timeoutMs / 1000)} s`,
    });

  let status: number | undefined;
  try {
    const response = await options.bounded(
      page.goto(playerUrl, { waitUntil: 'domcontentloaded', timeout: 0 }),
      timeoutMs,
      late,
    );
    status = response?.status();
  } catch (error) {
    if (error instanceof RegieError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    if (guard.blockedNavigation !== undefined)
      throw unreachable(
        playerUrl,
        {
          en: `sends to another server (${guard.blockedNavigation}), where the capture does not follow; give that address instead`,
          fr: `renvoie vers un autre serveur (${guard.blockedNavigation}), où la capture ne suit pas ; donnez plutôt cette adresse`,
        },
        detail,
      );
    throw unreachable(
      playerUrl,
      { en: 'could not be opened', fr: "n'a pas pu être ouverte" },
      detail,
    );
  }
  if (status !== undefined && status >= 400)
    throw unreachable(playerUrl, {
      en: `answered HTTP ${status}`,
      fr: `a répondu HTTP ${status}`,
    });

  await options.bounded(
    page.waitForSelector('#presentation', { timeout: 0 }),
    Math.max(1, deadline - Date.now()),
    late,
  );
}
