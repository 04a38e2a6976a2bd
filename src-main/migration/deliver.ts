import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Moves a finished file into a recorder's drop folder so the drop tracker sees it whole or not at
 * all: a rename on the same file system; across file systems a copy under a hidden name (the
 * tracker skips hidden files), its size checked, then a rename. The source is removed only
 * once the copy is in place.
 */
export async function deliverFile(from: string, to: string): Promise<number> {
  const size = (await stat(from)).size;
  try {
    await rename(from, to);
    return size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  const hidden = join(dirname(to), `.${basename(to)}.regie-part`);
  await copyFile(from, hidden);
  if ((await stat(hidden)).size !== size) {
    await rm(hidden, { force: true });
    throw new Error(`the copy of ${from} to ${to} is incomplete`);
  }
  await rename(hidden, to);
  await rm(from, { force: true });
  return size;
}
