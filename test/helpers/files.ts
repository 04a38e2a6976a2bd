import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export const sha256 = (file: string): string =>
  createHash('sha256').update(readFileSync(file)).digest('hex');

/** The names in a directory, sorted, so a test can say exactly what exists beside a file. */
export const namesIn = (dir: string): string[] => readdirSync(dir).sort();

/**
 * Files this process still holds open under `prefix` (Linux /proc), to catch a database handle
 * left open by a constructor that threw.
 */
export function openFilesUnder(prefix: string): string[] {
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(prefix)) open.push(target);
    } catch {
      // The descriptor closed while we were listing it (readdir's own, typically): not ours.
    }
  }
  return open.sort();
}
