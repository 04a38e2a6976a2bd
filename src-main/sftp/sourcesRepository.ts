import type { SftpSourceView } from '../../src-preload/contract';
import type { Db } from '../db/open';

interface Row {
  id: number;
  name: string;
  host: string;
  port: number;
  username: string;
  secret_sealed: string;
  auth: 'password' | 'key';
  remote_root: string;
  poll_seconds: number;
  after_processing: 'rename' | 'move' | 'leave';
  move_to: string | null;
}

export interface StoredSource extends Omit<SftpSourceView, 'isConnected' | 'lastError'> {
  secretSealed: string;
}

const toSource = (row: Row): StoredSource => ({
  id: row.id,
  name: row.name,
  host: row.host,
  port: row.port,
  username: row.username,
  auth: row.auth,
  remoteRoot: row.remote_root,
  pollSeconds: row.poll_seconds,
  afterProcessing: row.after_processing,
  moveTo: row.move_to,
  secretSealed: row.secret_sealed,
});

export function createSftpSourcesRepository(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM sftp_sources ORDER BY name');
  const one = db.prepare<[number], Row>('SELECT * FROM sftp_sources WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO sftp_sources (name, host, port, username, secret_sealed, auth, remote_root, poll_seconds, after_processing, move_to, created_at, updated_at)
     VALUES (@name, @host, @port, @username, @secretSealed, @auth, @remoteRoot, @pollSeconds, @afterProcessing, @moveTo, @at, @at)`,
  );
  const remove = db.prepare<[number]>('DELETE FROM sftp_sources WHERE id = ?');
  return {
    list: () => all.all().map(toSource),
    byId: (id: number) => {
      const row = one.get(id);
      return row && toSource(row);
    },
    insert(source: Omit<StoredSource, 'id'>, at: string): StoredSource {
      const id = Number(insert.run({ ...source, at }).lastInsertRowid);
      const row = one.get(id);
      if (!row) throw new Error(`sftp source ${String(id)} vanished`);
      return toSource(row);
    },
    remove: (id: number) => void remove.run(id),
  };
}

export type SftpSourcesRepository = ReturnType<typeof createSftpSourcesRepository>;
