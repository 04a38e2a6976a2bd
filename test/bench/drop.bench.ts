import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import type { ScanReport } from '../../src-preload/contract';
import { createApp, type RegieApp } from '../../src-main/app/app';
import { walkDropRoot } from '../../src-main/drop/walk';
import { podVideoExtensions } from '../../src-main/settings/definitions';

/**
 * Issue #3 numbers: a rescan of a 100,000-file drop tree with nothing new (≤ 2 s, ≤ 200 MB).
 * The tree is 100 recorder folders × 1,000 small files, all already in the mirror; the
 * benchmark measures the passes after it. Memory is printed once (RSS and its growth during a
 * rescan).
 */
const folders = 100;
const perFolder = 1000;
let dir: string;
let app: RegieApp;
let rescan: () => Promise<ScanReport>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'regie-bench-drop-'));
  const dataDir = join(dir, 'data');
  const root = join(dataDir, 'recorders');
  for (let f = 0; f < folders; f++) {
    const folder = join(root, `salle-${String(f)}`);
    mkdirSync(folder, { recursive: true });
    for (let n = 0; n < perFolder; n++) writeFileSync(join(folder, `cours-${String(n)}.mp4`), 'x');
  }
  // The mirror already knows every file (published long ago): what a daily rescan meets.
  await createApp({ dataDir }).close();
  const db = new Database(join(dataDir, 'regie.db'));
  const insert = db.prepare(
    `INSERT INTO recorder_files (origin, rel_path, local_path, folder, size, mtime_ms, status, first_seen_at, changed_at, updated_at)
     VALUES ('local', ?, ?, ?, ?, ?, 'published', '2026-01-01', '2026-01-01', '2026-01-01')`,
  );
  db.transaction(() => {
    for (const file of walkDropRoot(root, podVideoExtensions)) {
      insert.run(
        file.relPath,
        join(root, file.relPath),
        file.relPath.split('/')[0] ?? '',
        file.size,
        file.mtimeMs,
      );
    }
  })();
  db.close();
  app = createApp({ dataDir });
  rescan = () => app.api.invoke('recorders.scan', {});
  const before = process.memoryUsage();
  const report = await rescan();
  const after = process.memoryUsage();
  console.log(
    `drop bench: ${String(report.scanned)} files, ${String(report.newFiles.length)} new; RSS ${mb(after.rss)} MB (+${mb(after.rss - before.rss)} during a rescan), heap +${mb(after.heapUsed - before.heapUsed)} MB`,
  );
}, 600_000);

afterAll(async () => {
  const usage = process.memoryUsage();
  console.log(`drop bench: at the end RSS ${mb(usage.rss)} MB, heap ${mb(usage.heapUsed)} MB`);
  await app.close();
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
