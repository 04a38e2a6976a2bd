import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Moves a file into `<data>/<folder>/<YYYY-MM-DD>/<origin>/<relPath>` (`trash` by default),
 * never `rm`: a deleted recording can be brought back for TRASH_RETENTION_DAYS, a published
 * source is archived. Across file systems it copies, checks the size, then removes the original.
 */
export function moveToTrash(options: {
  dataDir: string;
  localPath: string;
  origin: string;
  relPath: string;
  now: Date;
  folder?: 'trash' | 'archive';
}): string {
  const day = options.now.toISOString().slice(0, 10);
  let target = join(
    options.dataDir,
    options.folder ?? 'trash',
    day,
    options.origin.replace(/[:/]/g, '_'),
    ...options.relPath.split('/'),
  );
  for (let n = 1; exists(target); n++) target = `${target}.${String(n)}`;
  mkdirSync(dirname(target), { recursive: true });
  try {
    renameSync(options.localPath, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    copyFileSync(options.localPath, target);
    if (statSync(target).size !== statSync(options.localPath).size) {
      rmSync(target, { force: true });
      throw new Error(`copy of ${options.localPath} to the trash is incomplete`);
    }
    unlinkSync(options.localPath);
  }
  return target;
}

/** Removes the trash days older than the retention; returns the folders removed. */
export function purgeTrash(dataDir: string, retentionDays: number, now: Date): string[] {
  const root = join(dataDir, 'trash');
  const limit = new Date(now.getTime() - retentionDays * 86_400_000).toISOString().slice(0, 10);
  let days: string[];
  try {
    days = readdirSync(root);
  } catch {
    return [];
  }
  const old = days.filter((day) => /^\d{4}-\d{2}-\d{2}$/.test(day) && day < limit);
  for (const day of old) rmSync(join(root, day), { recursive: true, force: true });
  return old;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
