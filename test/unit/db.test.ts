import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../src-main/app/app';
import { openDatabase } from '../../src-main/db/open';
import { latestVersion, type Migration } from '../../src-main/db/migrations';
import { namesIn, sha256 } from '../helpers/files';
import { thrownBy } from '../helpers/errors';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const v1: Migration = {
  version: 1,
  name: 'first',
  sql: 'CREATE TABLE one (id INTEGER PRIMARY KEY, label TEXT);',
};
const v2: Migration = {
  version: 2,
  name: 'second',
  sql: 'CREATE TABLE two (id INTEGER PRIMARY KEY);',
};
/** Its first statement succeeds, its second does not: only a transaction keeps `half` out. */
const brokenV2: Migration = {
  version: 2,
  name: 'broken',
  sql: 'CREATE TABLE half (id INTEGER PRIMARY KEY); CREATE TABLE oops (id INTEGR PRIMARY KEY) STRICT;',
};

const userVersion = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
};

const tableNames = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .all() as { name: string }[];
    return rows.map((r) => r.name);
  } finally {
    db.close();
  }
};

/** A database as a newer Régie would leave it: WAL mode, closed cleanly, a higher user_version. */
function writeNewerDatabase(file: string, journalMode: 'wal' | 'delete'): void {
  const db = new Database(file);
  db.pragma(`journal_mode = ${journalMode}`);
  db.exec('CREATE TABLE future (id INTEGER PRIMARY KEY); INSERT INTO future DEFAULT VALUES;');
  db.pragma(`user_version = ${String(latestVersion + 5)}`);
  db.close();
}

describe('openDatabase', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = makeTempDir();
    file = join(dir, 'regie.db');
  });
  afterEach(() => removeTempDir(dir));

  it('creates a new database at the latest version, in WAL mode', () => {
    const opened = openDatabase({ file });
    try {
      expect(opened.previousVersion).toBeNull();
      expect(opened.backupFile).toBeNull();
      expect(opened.db.pragma('user_version', { simple: true })).toBe(latestVersion);
      expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      opened.db.close();
    }
    expect(tableNames(file)).toEqual(
      expect.arrayContaining(['journal', 'recorders', 'settings', 'users']),
    );
  });

  it('reopens an up-to-date database without taking a backup', () => {
    openDatabase({ file }).db.close();
    const again = openDatabase({ file });
    again.db.close();
    expect(again.previousVersion).toBe(latestVersion);
    expect(again.backupFile).toBeNull();
    expect(namesIn(dir).filter((n) => n.endsWith('.bak'))).toEqual([]);
  });

  it('copies an older database to a .bak before migrating it, and the copy keeps the old version', () => {
    const first = openDatabase({ file, migrations: [v1] });
    first.db.prepare("INSERT INTO one (label) VALUES ('kept')").run();
    first.db.close();

    const opened = openDatabase({
      file,
      migrations: [v1, v2],
      now: () => new Date('2025-03-01T09:00:00Z'),
    });
    opened.db.close();

    expect(opened.previousVersion).toBe(1);
    expect(opened.backupFile).not.toBeNull();
    const backup = opened.backupFile ?? '';
    expect(backup.startsWith(`${file}.`)).toBe(true);
    expect(backup).toMatch(/\.bak$/);
    expect(existsSync(backup)).toBe(true);

    expect(userVersion(file)).toBe(2);
    expect(tableNames(file)).toEqual(['one', 'two']);

    expect(userVersion(backup)).toBe(1);
    expect(tableNames(backup)).toEqual(['one']);
    const copy = new Database(backup, { readonly: true });
    try {
      expect(copy.prepare('SELECT label FROM one').all()).toEqual([{ label: 'kept' }]);
    } finally {
      copy.close();
    }
  });

  it('includes rows still in the WAL in the backup', () => {
    const first = openDatabase({ file, migrations: [v1] });
    try {
      // The connection stays open, so this row sits in regie.db-wal, not yet in regie.db.
      first.db.prepare("INSERT INTO one (label) VALUES ('in the wal')").run();
      expect(existsSync(`${file}-wal`)).toBe(true);

      const opened = openDatabase({ file, migrations: [v1, v2] });
      opened.db.close();

      const copy = new Database(opened.backupFile ?? '', { readonly: true });
      try {
        expect(copy.prepare('SELECT label FROM one').all()).toEqual([{ label: 'in the wal' }]);
      } finally {
        copy.close();
      }
    } finally {
      first.db.close();
    }
  });

  it('leaves the file at its version, with no partial table, when a migration fails', () => {
    openDatabase({ file, migrations: [v1] }).db.close();

    const error = thrownBy(() => openDatabase({ file, migrations: [v1, brokenV2] }));

    expect(error.message).toContain('Migration 2 (broken) failed');
    expect(error.message).toContain('left at version 1');
    expect(userVersion(file)).toBe(1);
    expect(tableNames(file)).toEqual(['one']);
  });

  it('refuses a database written by a newer Régie and leaves it byte-identical', () => {
    writeNewerDatabase(file, 'wal');
    const before = sha256(file);

    const error = thrownBy(() => openDatabase({ file }));

    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('newer');
    expect(error.message).toContain(`schema version ${String(latestVersion + 5)}`);
    expect(sha256(file)).toBe(before);
    expect(namesIn(dir).filter((n) => n.endsWith('.bak'))).toEqual([]);
  });

  it('refuses a newer WAL database without leaving -wal or -shm files beside it', () => {
    // open.ts promises the file is "refused untouched"; its read-only inspection still makes
    // SQLite create regie.db-wal (0 bytes) and regie.db-shm (32 KiB), which a read-only
    // connection cannot remove on close.
    writeNewerDatabase(file, 'wal');
    expect(namesIn(dir)).toEqual(['regie.db']);

    expect(thrownBy(() => openDatabase({ file })).message).toContain('newer');

    expect(namesIn(dir)).toEqual(['regie.db']);
  });

  it('refuses a newer database in rollback-journal mode the same way, writing nothing beside it', () => {
    writeNewerDatabase(file, 'delete');
    const before = sha256(file);

    expect(thrownBy(() => openDatabase({ file })).message).toContain('newer');

    expect(sha256(file)).toBe(before);
    expect(namesIn(dir)).toEqual(['regie.db']);
  });

  it('refuses a file that is not SQLite and leaves its bytes unchanged', () => {
    writeFileSync(file, randomBytes(8192));
    const before = sha256(file);

    const error = thrownBy(() => openDatabase({ file }));

    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('cannot be read');
    expect(error.message).toContain('not an SQLite database');
    expect(sha256(file)).toBe(before);
    expect(namesIn(dir)).toEqual(['regie.db']);
  });

  it('refuses a file with an SQLite header but damaged pages, unchanged', () => {
    openDatabase({ file }).db.close();
    const header = Buffer.from('SQLite format 3\0', 'latin1');
    writeFileSync(file, Buffer.concat([header, randomBytes(4096 * 4 - header.length)]));
    const before = sha256(file);

    expect(thrownBy(() => openDatabase({ file })).message).toContain('cannot be read');

    expect(sha256(file)).toBe(before);
  });
});

describe('createApp on an unreadable database', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  it('throws the same refusal and leaves the file unchanged', () => {
    const file = join(dir, 'regie.db');
    writeFileSync(file, randomBytes(8192));
    const before = sha256(file);

    const error = thrownBy(() => createApp({ dataDir: dir }));

    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('cannot be read');
    expect(sha256(file)).toBe(before);
  });

  it('throws the newer-version refusal and leaves the file unchanged', () => {
    const file = join(dir, 'regie.db');
    writeNewerDatabase(file, 'wal');
    const before = sha256(file);

    expect(thrownBy(() => createApp({ dataDir: dir })).message).toContain('newer');

    expect(sha256(file)).toBe(before);
  });
});
