import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/app/app';

/**
 * Issue #3: time from the end of an upload to the file being offered in the Inbox, at default
 * settings (quiet period 5 s). Pod's cron needs two runs, 2–4 minutes. Each iteration finishes
 * an "upload" (a rename from the temporary name, as FTP clients do) and waits for the
 * `files.changed` event that says `unclaimed`.
 */
let dir: string;
let clip: string;
let app: RegieApp;
let n = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regie-bench-detect-'));
  clip = join(dir, 'clip.mp4');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=duration=5:size=640x360:rate=25',
    '-f',
    'lavfi',
    '-i',
    'sine=duration=5',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-c:a',
    'aac',
    '-shortest',
    clip,
  ]);
  app = createApp({ dataDir: join(dir, 'data'), watch: true });
  await app.api.invoke('recorders.create', { name: 'Amphi A', directory: 'amphi-a' });
  await app.api.invoke('settings.set', { key: 'ALLOW_MANUAL_RECORDING_CLAIMING', value: true });
  mkdirSync(join(dir, 'data', 'recorders', 'amphi-a'), { recursive: true });
});

afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('upload end → offered in the Inbox (default quiet period 5 s)', () => {
  bench(
    'local drop folder',
    async () => {
      const name = `cours-${String(n++)}.mp4`;
      const folder = join(dir, 'data', 'recorders', 'amphi-a');
      copyFileSync(clip, join(folder, `${name}.part`));
      const offered = new Promise<void>((resolve) => {
        const off = app.events.on('inbox.changed', ({ items }) => {
          if (items.some((f) => f.fileName === name && f.status === 'unclaimed')) {
            off();
            resolve();
          }
        });
      });
      renameSync(join(folder, `${name}.part`), join(folder, name));
      await offered;
    },
    { iterations: 5, warmupIterations: 0, time: 0 },
  );
});
