import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface Served {
  url: string;
  origin: string;
  dataDir: string;
  /** `keepData`: leave the data directory, to serve it again (a restart). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts the built `regie serve` on a free loopback port with a fresh data directory. */
export async function serve(
  options: {
    args?: string[];
    env?: NodeJS.ProcessEnv;
    prepare?: (dataDir: string) => void;
    /** Serve this data directory again (after `stop({ keepData: true })`) on this port. */
    again?: { dataDir: string; port: number };
  } = {},
): Promise<Served> {
  const dataDir = options.again?.dataDir ?? mkdtempSync(join(tmpdir(), 'regie-e2e-'));
  options.prepare?.(dataDir);
  const child: ChildProcess = spawn(
    process.execPath,
    [
      'bin/regie.js',
      'serve',
      '--port',
      String(options.again?.port ?? 0),
      '--no-open',
      '--json',
      '--data',
      dataDir,
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stdout = child.stdout;
  if (!stdout) throw new Error('regie serve has no stdout');
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`regie serve exited (${String(code)}): ${stderr}`)),
    );
  });
  const { url } = JSON.parse(firstLine) as { url: string };
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Screenshot options: the visible window, saved where the README says to look. */
export const shot = (name: string) => ({
  path: `test-results/screenshots/${name}.png`,
  fullPage: false,
});

/** Waits for running transitions (a drawer sliding in) so a screenshot shows the end state. */
export async function settled(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
}

/** Runs the built CLI on a data directory (to prepare what a test needs before serving it). */
export function regie(dataDir: string, ...args: string[]): string {
  return execFileSync(process.execPath, ['bin/regie.js', ...args, '--data', dataDir], {
    encoding: 'utf8',
  });
}

/**
 * A console ready for the Inbox: the staff user marie.curie, the recorder Amphi A (folder
 * amphi-a), claiming on, and the given settings.
 */
export function prepareInbox(dataDir: string, settings: Record<string, string>): void {
  regie(
    dataDir,
    'user',
    'add',
    'marie.curie',
    '--first-name',
    'Marie',
    '--last-name',
    'Curie',
    '--staff',
  );
  regie(dataDir, 'recorder', 'add', '--name', 'Amphi A', '--directory', 'amphi-a');
  regie(dataDir, 'settings', 'set', 'ALLOW_MANUAL_RECORDING_CLAIMING', 'true');
  for (const [key, value] of Object.entries(settings))
    regie(dataDir, 'settings', 'set', key, value);
}

/** A test-pattern clip with a tone, H.264/AAC, moov first (what recorders and BBB produce). */
export function makeTestClip(path: string, seconds: number, size: string): string {
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `testsrc=duration=${String(seconds)}:size=${size}:rate=25`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${String(seconds)}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-movflags',
    '+faststart',
    '-shortest',
    '-f',
    'mp4',
    path,
  ]);
  return path;
}
