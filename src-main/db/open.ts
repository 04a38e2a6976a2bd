import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { bi, RegieError } from '../ground/errors';
import { latestVersion, migrations as releasedMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  file: string;
  /** Path of a better-sqlite3 binary built for another runtime (Electron's ABI). */
  nativeBinding?: string;
  /** For tests: a different migration list. */
  migrations?: readonly Migration[];
  now?: () => Date;
}

export interface OpenedDatabase {
  db: Db;
  /** The version the file had before this start; null for a new file. */
  previousVersion: number | null;
  /** The copy taken before migrating, if any. */
  backupFile: string | null;
}

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens the local mirror. An existing file is inspected read-only first, so a corrupt file or
 * one written by a newer Régie is refused untouched; a file that needs migrating is copied
 * (`VACUUM INTO`, which includes what is still in the WAL) before the migrations run, all of
 * them in one transaction.
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const { file } = options;
  const migrations = options.migrations ?? releasedMigrations;
  const target = options.migrations
    ? migrations.reduce((max, m) => Math.max(max, m.version), 0)
    : latestVersion;
  const hasData = existsSync(file) && statSync(file).size > 0;
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};

  let previousVersion: number | null = null;
  let backupFile: string | null = null;
  if (hasData) {
    previousVersion = inspect(file, driverOptions);
    if (previousVersion > target) {
      throw new RegieError(
        'unavailable',
        bi(
          `Database ${file} was written by a newer Régie (schema version ${previousVersion}, this Régie knows up to ${target}). Update Régie; the file was not changed.`,
          `La base ${file} a été écrite par une version plus récente de Régie (schéma ${previousVersion}, cette version connaît jusqu'au ${target}). Mettez Régie à jour ; le fichier n'a pas été modifié.`,
        ),
      );
    }
    if (previousVersion < target) {
      backupFile = backup(file, previousVersion, options.now ?? (() => new Date()), driverOptions);
    }
  } else {
    mkdirSync(dirname(file), { recursive: true });
  }

  const db = new Database(file, driverOptions);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    migrate(db, migrations, target);
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, previousVersion, backupFile };
}

function inspect(file: string, driverOptions: object): number {
  const header = Buffer.alloc(sqliteHeader.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(sqliteHeader)) throw corrupt(file, 'not an SQLite database');
  // A read-only look at a WAL database makes SQLite create -wal and -shm; remove the ones this
  // look created (none existed, so no other connection has the file open) to leave it as found.
  const companions = [`${file}-wal`, `${file}-shm`].filter((f) => !existsSync(f));
  let db: Db | undefined;
  try {
    db = new Database(file, { ...driverOptions, readonly: true, fileMustExist: true });
    // Reading the schema touches its pages: a damaged file fails here, before any write.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw corrupt(file, error instanceof Error ? error.message : String(error));
  } finally {
    db?.close();
    for (const companion of companions) rmSync(companion, { force: true });
  }
}

function backup(file: string, version: number, now: () => Date, driverOptions: object): string {
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  const copy = `${file}.v${version}-${stamp}.bak`;
  const db = new Database(file, { ...driverOptions, readonly: true, fileMustExist: true });
  try {
    db.prepare('VACUUM INTO ?').run(copy);
  } finally {
    db.close();
  }
  return copy;
}

function migrate(db: Db, migrations: readonly Migration[], target: number): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = [...migrations]
    .filter((m) => m.version > current)
    .sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) {
      try {
        db.exec(migration.sql);
      } catch (error) {
        throw new RegieError(
          'internal',
          bi(
            `Migration ${migration.version} (${migration.name}) failed; the database was left at version ${current}: ${String(error)}`,
            `La migration ${migration.version} (${migration.name}) a échoué ; la base est restée en version ${current} : ${String(error)}`,
          ),
          { cause: error },
        );
      }
    }
    // user_version lives in the file header and is written by this same transaction.
    db.pragma(`user_version = ${String(target)}`);
  })();
}

function corrupt(file: string, detail: string): RegieError {
  return new RegieError(
    'unavailable',
    bi(
      `Database ${file} cannot be read (${detail}). Régie will not start on it and left it unchanged; restore a backup (*.bak beside it) or move it away.`,
      `La base ${file} est illisible (${detail}). Régie ne démarre pas dessus et ne l'a pas modifiée ; restaurez une sauvegarde (*.bak à côté) ou déplacez-la.`,
    ),
  );
}
