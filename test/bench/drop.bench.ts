import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createApp, type RegieApp } from '../../src-main/core/app';
import { walkDropRoot } from '../../src-main/recorders/drop/walk';
import { podVideoExtensions } from '../../src-main/settings/definitions';

/**
 * Issue #3 numbers: a rescan of a 100,000-file drop tree with nothing new (≤ 2 s, ≤ 200 MB).
 * The tree is 100 recorder folders × 1,000 small files; the first pass records them all, the
 * benchmark measures the passes after it. Memory is printed once (RSS and heap growth).
 */
const folders = 100;
const perFolder = 1000;
let dir: string;
let app: RegieApp;
let rescan: () => Promise<unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regie-bench-drop-'));
  const root = join(dir, 'data', 'recorders');
  for (let f = 0; f < folders; f++) {
    const folder = join(root, `salle-${String(f)}`);
    mkdirSync(folder, { recursive: true });
    for (let n = 0; n < perFolder; n++) writeFileSync(join(folder, `cours-${String(n)}.mp4`), 'x');
  }
  app = createApp({ dataDir: join(dir, 'data') });
  rescan = () => app.api.call('recorders.scan', {});
  // Record the tree once; a quiet period of 0 keeps this first pass from waiting.
  await app.api.invoke('settings.set', { key: 'RECORDER_QUIET_SECONDS', value: 0 });
  const before = process.memoryUsage();
  await rescan();
  const after = process.memoryUsage();
  console.log(
    `drop bench: ${String(folders * perFolder)} files; after the first pass RSS ${mb(after.rss)} MB (+${mb(after.rss - before.rss)}), heap +${mb(after.heapUsed - before.heapUsed)} MB`,
  );
}, 600_000);

afterAll(() => {
  const usage = process.memoryUsage();
  console.log(`drop bench: at the end RSS ${mb(usage.rss)} MB, heap ${mb(usage.heapUsed)} MB`);
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);

describe('drop folder, 100,000 files, none new', () => {
  bench(
    'walk only (readdir + stat)',
    () => {
      walkDropRoot(join(dir, 'data', 'recorders'), podVideoExtensions);
    },
    { iterations: 5, warmupIterations: 1 },
  );
  bench(
    'full rescan (walk + compare with the mirror)',
    async () => {
      await rescan();
    },
    { iterations: 5, warmupIterations: 1 },
  );
});
