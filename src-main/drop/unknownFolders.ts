import type { UnknownFolder } from '../../src-preload/contract';
import type { Db } from '../db/open';

export interface UnknownFoldersRepository {
  /** Records the folder; true the first time it is seen (so it is reported once, §8.1.4). */
  add(origin: string, folder: string, at: string): boolean;
  list(): UnknownFolder[];
  /** A recorder now owns the folder. */
  remove(folder: string): void;
}

export function createUnknownFoldersRepository(db: Db): UnknownFoldersRepository {
  const insert = db.prepare<[string, string, string]>(
    'INSERT OR IGNORE INTO unknown_folders (origin, folder, first_seen_at) VALUES (?, ?, ?)',
  );
  const all = db.prepare<
    [],
    { origin: string; folder: string; first_seen_at: string; files: number }
  >(
    `SELECT u.origin, u.folder, u.first_seen_at,
       (SELECT count(*) FROM recorder_files f WHERE f.origin = u.origin AND f.folder = u.folder AND f.status = 'unknown') AS files
     FROM unknown_folders u ORDER BY u.folder`,
  );
  const remove = db.prepare<[string]>('DELETE FROM unknown_folders WHERE folder = ?');
  return {
    add: (origin, folder, at) => insert.run(origin, folder, at).changes === 1,
    list: () =>
      all
        .all()
        .filter((row) => row.files > 0)
        .map((row) => ({
          origin: row.origin,
          folder: row.folder,
          firstSeenAt: row.first_seen_at,
          fileCount: row.files,
        })),
    remove: (folder) => void remove.run(folder),
  };
}
