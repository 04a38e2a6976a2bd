import { accessSync, constants, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { RegieError, bi } from '../../ground/errors';
import { trackChild } from '../../media/children';

/** Debian's and Ubuntu's package put it here; the settings may name another. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Every host name resolves to nothing except the player's and loopback: without this rule Chromium
 * asks DNS for accounts.google.com, update.googleapis.com and clients2.google.com even with the
 * networking flags off (recipes/test-servers.md §7, seen with strace). The rule also applies to
 * IP literals, hence the loopback exclusions.
 */
export function hostResolverRules(playerHost: string): string {
  // An IPv6 literal comes from URL.hostname in brackets; the resolver matches the bare address.
  const bare = playerHost.replace(/^\[(.*)\]$/, '$1');
  const excluded = ['localhost', '127.0.0.1', ...(bare === '' ? [] : [bare])];
  const unique = [...new Set(excluded)];
  return ['MAP * ~NOTFOUND', ...unique.map((host) => `EXCLUDE ${host}`)].join(' , ');
}

/**
 * The flags that worked with Debian's Chromium 156 (recipes/test-servers.md §7):
 *   chromium --headless --disable-gpu --disable-dev-shm-usage --no-first-run --disable-sync
 *     --disable-quic --disable-background-networking --disable-component-update
 *     --host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1"
 * plus --no-sandbox as root (puppeteer refuses to start without it). No autoplay flag: the player
 * must not play, we step it.
 */
export function chromiumArgs(options: { playerHost: string; isRoot: boolean }): string[] {
  return [
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--hide-scrollbars',
    '--mute-audio',
    `--host-resolver-rules=${hostResolverRules(options.playerHost)}`,
    ...(options.isRoot ? ['--no-sandbox'] : []),
  ];
}

const missingChromium = (path: string, why: { en: string; fr: string }) =>
  new RegieError(
    'program',
    bi(
      `Chromium ${why.en} at ${path}. Install it (Debian/Ubuntu: sudo apt install chromium), or set its path in the settings.`,
      `Chromium ${why.fr} à l'emplacement ${path}. Installez-le (Debian/Ubuntu : sudo apt install chromium), ou indiquez son chemin dans les réglages.`,
    ),
  );

function checkExecutable(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw missingChromium(path, { en: 'was not found', fr: 'est introuvable' });
  }
  if (!isFile) throw missingChromium(path, { en: 'is not a file', fr: "n'est pas un fichier" });
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw missingChromium(path, { en: 'is not executable', fr: "n'est pas exécutable" });
  }
}

export interface LaunchOptions {
  chromiumPath: string;
  playerHost: string;
  /** A fresh folder of ours: the profile, HOME and caches go inside, so nothing lands in ~. */
  workDir: string;
  viewport: { width: number; height: number };
}

/** Starts headless Chromium, registered so that quitting Régie stops it. */
export async function launchChromium(options: LaunchOptions): Promise<Browser> {
  checkExecutable(options.chromiumPath);
  const home = join(options.workDir, 'home');
  await mkdir(home, { recursive: true });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: options.chromiumPath,
      headless: true,
      // A pipe rather than a debugging port: no other local user or page can attach to it.
      pipe: true,
      userDataDir: join(options.workDir, 'profile'),
      args: chromiumArgs({
        playerHost: options.playerHost,
        isRoot: process.getuid?.() === 0,
      }),
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
      defaultViewport: { ...options.viewport, deviceScaleFactor: 1 },
      // Régie's own quit stops its children (media/children.ts); puppeteer's handlers would exit.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 30_000,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RegieError(
      'program',
      bi(
        `Chromium (${options.chromiumPath}) did not start. Reinstall it (Debian/Ubuntu: sudo apt install chromium), or set the path of a working Chromium in the settings.`,
        `Chromium (${options.chromiumPath}) n'a pas démarré. Réinstallez-le (Debian/Ubuntu : sudo apt install chromium), ou indiquez dans les réglages le chemin d'un Chromium qui fonctionne.`,
      ),
      { detail: detail.slice(0, 2000), cause: error },
    );
  }
  const child = browser.process();
  if (child) trackChild(child);
  return browser;
}

/**
 * Closes the browser and waits for its process to end; if closing hangs (a wedged renderer), the
 * process is killed so nothing is left behind.
 */
export async function closeChromium(browser: Browser, graceMs = 5000): Promise<void> {
  const child = browser.process();
  const exited =
    child === null || child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  try {
    const outcome = await Promise.race([browser.close().then(() => exited), timedOut]).catch(
      () => 'failed' as const,
    );
    if (outcome === 'timeout' || outcome === 'failed') {
      child?.kill('SIGKILL');
      await exited;
    }
    // Chromium's helpers (zygote, GPU, renderers) share the browser's process group (puppeteer
    // starts it detached): they would exit on their own a moment later, on a loaded machine
    // after the capture has returned. The group goes now, so nothing outlives the capture.
    if (child?.pid !== undefined && process.platform !== 'win32') {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: the group is already gone.
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
