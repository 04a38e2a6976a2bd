import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SeenFile {
  relPath: string;
  size: number;
  mtimeMs: number;
}

/** Names upload clients use while a transfer is in progress, and Pod's processed ZIPs. */
const temporary = /(\.part|\.filepart|\.tmp|\.crdownload|_treated)$/i;

/**
 * Pod's allowed extensions (VIDEO_ALLOWED_EXTENSIONS + zip), compared without case: Pod skips
 * `.MP4` (../shared/reference/pod-behaviour.md §8.1.3).
 */
export function hasAllowedExtension(fileName: string, allowed: readonly string[]): boolean {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || temporary.test(fileName)) return false;
  const extension = fileName.slice(dot + 1).toLowerCase();
  return extension === 'zip' || allowed.some((a) => a.toLowerCase() === extension);
}

/** The first path segment names the recorder (deeper folders are kept); '' at the root. */
export const folderOf = (relPath: string): string => {
  const slash = relPath.indexOf('/');
  return slash === -1 ? '' : relPath.slice(0, slash);
};

/**
 * Lists the candidate files under a drop root: allowed extensions only, no hidden files or
 * folders, no symbolic links (a recorder uploads files; a link could point anywhere).
 */
export function walkDropRoot(root: string, allowed: readonly string[], maxDepth = 8): SeenFile[] {
  return walkFiles(root, (relPath) => hasAllowedExtension(baseName(relPath), allowed), maxDepth);
}

export const baseName = (relPath: string): string => relPath.slice(relPath.lastIndexOf('/') + 1);

/**
 * The files under `root` that `accepts` (given the '/'-separated path under the root), with the
 * rules every drop root shares: no hidden files or folders, no symbolic links.
 */
export function walkFiles(
  root: string,
  accepts: (relPath: string) => boolean,
  maxDepth = 8,
): SeenFile[] {
  const found: SeenFile[] = [];
  const visit = (dir: string, prefix: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      // A folder removed during the walk, or unreadable: the next rescan sees it again.
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relPath = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth < maxDepth) visit(join(dir, entry.name), relPath, depth + 1);
      } else if (entry.isFile() && accepts(relPath)) {
        try {
          const stat = statSync(join(dir, entry.name));
          found.push({ relPath, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) });
        } catch {
          // Vanished between listing and stat: nothing to record.
        }
      }
    }
  };
  visit(root, '', 0);
  return found;
}
