import { posix, resolve, sep } from 'node:path';
import { bi, RegieError } from '../ground/errors';

// Remote names come from a server we do not control: a name is only ever used after these checks,
// so that a listing (or a caller) cannot make Régie write outside its work folder or touch a
// remote file outside the drop folder.

/** Why one name (a single path segment) is unusable, or undefined when it is fine. */
export function badNameReason(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'an empty, "." or ".." segment';
  if (name.includes('/') || name.includes('\\')) return 'a path separator';
  if (name.includes('\0')) return 'a NUL character';
  return undefined;
}

const refused = (relPath: string, reason: string) =>
  new RegieError(
    'bad_request',
    bi(
      `Refused remote path "${relPath}": it contains ${reason}`,
      `Chemin distant "${relPath}" refusé : il contient ${reason}`,
    ),
  );

/**
 * A path relative to the drop folder, `/`-separated, with no `..`, no `.`, no empty segment, no
 * backslash and not absolute; returns its segments, or throws a RegieError naming the path.
 */
export function checkRelPath(relPath: string): string[] {
  if (relPath.startsWith('/')) throw refused(relPath, 'an absolute path');
  const segments = relPath.split('/');
  for (const segment of segments) {
    const reason = badNameReason(segment);
    if (reason) throw refused(relPath, reason);
  }
  return segments;
}

/** Where the download of `relPath` lands: `<workDir>/sftp/<sourceId>/<relPath>`, never outside. */
export function localPathFor(workDir: string, sourceId: number, relPath: string): string {
  const base = resolve(workDir, 'sftp', String(sourceId));
  const local = resolve(base, ...checkRelPath(relPath));
  if (!local.startsWith(base + sep)) throw refused(relPath, 'a path leaving the work folder');
  return local;
}

/** The remote path of `relPath` below `root` (the drop folder, or the 'move' target). */
export function remotePathFor(root: string, relPath: string): string {
  return posix.join(root, ...checkRelPath(relPath));
}

/** `dir` relative to `root` when it lies inside it (so the listing can skip it), else undefined. */
export function insideRoot(root: string, dir: string): string | undefined {
  const rel = posix.relative(posix.normalize(root), posix.normalize(dir));
  if (rel === '' || rel.startsWith('..') || posix.isAbsolute(rel)) return undefined;
  return rel;
}
