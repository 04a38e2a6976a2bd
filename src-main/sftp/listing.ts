import { posix } from 'node:path';
import { badNameReason } from './paths';

/** Folders below the drop folder that are listed: recorders nest by date, not deeper. */
export const MAX_DEPTH = 8;

export interface RemoteEntry {
  relPath: string;
  size: number;
  mtimeMs: number;
}

export interface ListOptions {
  /** A folder (relative path) not to descend into, e.g. the 'move' target inside the root. */
  skipDir?: string;
  /** A name refused by badNameReason, or a sub-folder that could not be listed. */
  onProblem(relPath: string, reason: string): void;
  /** False once the connection is gone: errors then end the listing instead of being skipped. */
  isConnected(): boolean;
}

/**
 * Regular files below `root`, recursively (at most MAX_DEPTH folders deep), with `/`-separated
 * relative paths. Skipped without a word: symbolic links (they could point anywhere), dot-files
 * and dot-folders, and names ending `_treated` (already processed: ../shared/reference/pod-behaviour.md §1.5.2).
 */
export async function listTree(
  list: (
    dir: string,
  ) => Promise<{ type: string; name: string; size: number; modifyTime: number }[]>,
  root: string,
  options: ListOptions,
): Promise<RemoteEntry[]> {
  const found: RemoteEntry[] = [];
  const walk = async (relDir: string, depth: number): Promise<void> => {
    const items = await list(relDir === '' ? root : posix.join(root, relDir));
    for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
      if (item.name.startsWith('.') || item.name.endsWith('_treated')) continue;
      const relPath = relDir === '' ? item.name : `${relDir}/${item.name}`;
      const reason = badNameReason(item.name);
      if (reason) {
        options.onProblem(relPath, `its name contains ${reason}`);
      } else if (item.type === '-') {
        found.push({ relPath, size: item.size, mtimeMs: item.modifyTime });
      } else if (item.type === 'd' && depth < MAX_DEPTH && relPath !== options.skipDir) {
        await walk(relPath, depth + 1).catch((error: unknown) => {
          if (!options.isConnected()) throw error;
          options.onProblem(relPath, error instanceof Error ? error.message : String(error));
        });
      }
    }
  };
  await walk('', 0);
  return found;
}
