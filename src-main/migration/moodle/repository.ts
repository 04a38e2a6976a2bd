import type { Db } from '../../db/open';
import type { MoodleConnection, MoodleConnectionView, MoodleKind } from './types';

interface Row {
  id: number;
  name: string;
  kind: MoodleKind;
  host: string;
  port: number;
  database_name: string;
  username: string;
  password_sealed: string;
  table_prefix: string;
  schema_name: string;
  write_notice: number;
  created_at: string;
  updated_at: string;
}

export interface StoredMoodleConnection extends MoodleConnectionView {
  /** '' when the connection has no password. */
  passwordSealed: string;
}

const toConnection = (row: Row): StoredMoodleConnection => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  host: row.host,
  port: row.port,
  databaseName: row.database_name,
  username: row.username,
  hasPassword: row.password_sealed !== '',
  tablePrefix: row.table_prefix,
  schemaName: row.schema_name,
  canWriteNotice: row.write_notice === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  passwordSealed: row.password_sealed,
});

type Fields = MoodleConnection & { passwordSealed: string };

const params = (fields: Fields) => ({
  name: fields.name,
  kind: fields.kind,
  host: fields.host,
  port: fields.port,
  databaseName: fields.databaseName,
  username: fields.username,
  passwordSealed: fields.passwordSealed,
  tablePrefix: fields.tablePrefix,
  schemaName: fields.schemaName,
  writeNotice: fields.canWriteNotice ? 1 : 0,
});

/** The `moodle_connections` table (migration 007), one row per origin server plus `default`. */
export function createMoodleConnectionsRepository(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM moodle_connections ORDER BY name');
  const one = db.prepare<[number], Row>('SELECT * FROM moodle_connections WHERE id = ?');
  const byName = db.prepare<[string], Row>('SELECT * FROM moodle_connections WHERE name = ?');
  const insert = db.prepare(
    `INSERT INTO moodle_connections (name, kind, host, port, database_name, username,
       password_sealed, table_prefix, schema_name, write_notice, created_at, updated_at)
     VALUES (@name, @kind, @host, @port, @databaseName, @username, @passwordSealed, @tablePrefix,
       @schemaName, @writeNotice, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE moodle_connections SET name = @name, kind = @kind, host = @host, port = @port,
       database_name = @databaseName, username = @username, password_sealed = @passwordSealed,
       table_prefix = @tablePrefix, schema_name = @schemaName, write_notice = @writeNotice,
       updated_at = @at
     WHERE id = @id`,
  );
  const remove = db.prepare<[number]>('DELETE FROM moodle_connections WHERE id = ?');
  const get = (row: Row | undefined) => row && toConnection(row);
  return {
    list: () => all.all().map(toConnection),
    byId: (id: number) => get(one.get(id)),
    byName: (name: string) => get(byName.get(name)),
    insert(fields: Fields, at: string): StoredMoodleConnection {
      const id = Number(insert.run({ ...params(fields), at }).lastInsertRowid);
      const row = get(one.get(id));
      if (!row) throw new Error(`moodle connection ${String(id)} vanished`);
      return row;
    },
    update(id: number, fields: Fields, at: string): void {
      update.run({ ...params(fields), at, id });
    },
    remove: (id: number) => void remove.run(id),
  };
}

export type MoodleConnectionsRepository = ReturnType<typeof createMoodleConnectionsRepository>;
