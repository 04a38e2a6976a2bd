import type { Bilingual, BbbChecksum, BbbServerView } from '../../../src-preload/contract';
import type { Db } from '../../db/open';

interface Row {
  id: number;
  name: string;
  url: string;
  secret_sealed: string;
  checksum: BbbChecksum;
  auto_publish: number;
  version: string | null;
  is_reachable: number | null;
  last_error: string | null;
  last_poll_at: string | null;
}

export interface StoredServer extends BbbServerView {
  secretSealed: string;
}

/** The error is stored as JSON `{en, fr}`; a row written before it was bilingual holds plain text. */
function readError(stored: string | null): Bilingual | null {
  if (stored === null) return null;
  try {
    const parsed = JSON.parse(stored) as Partial<Bilingual>;
    if (typeof parsed.en === 'string' && typeof parsed.fr === 'string') {
      return { en: parsed.en, fr: parsed.fr };
    }
  } catch {
    // Plain text from an older Régie: shown as it is in both languages.
  }
  return { en: stored, fr: stored };
}

const toServer = (row: Row): StoredServer => ({
  id: row.id,
  name: row.name,
  url: row.url,
  checksum: row.checksum,
  autoPublish: row.auto_publish === 1,
  version: row.version,
  isReachable: row.is_reachable === null ? null : row.is_reachable === 1,
  lastError: readError(row.last_error),
  lastPollAt: row.last_poll_at,
  secretSealed: row.secret_sealed,
});

export function createBbbServersRepository(db: Db) {
  const all = db.prepare<[], Row>('SELECT * FROM bbb_servers ORDER BY name');
  const one = db.prepare<[number], Row>('SELECT * FROM bbb_servers WHERE id = ?');
  const byName = db.prepare<[string], Row>('SELECT * FROM bbb_servers WHERE name = ?');
  const insert = db.prepare(
    `INSERT INTO bbb_servers (name, url, secret_sealed, checksum, auto_publish, created_at, updated_at)
     VALUES (@name, @url, @secretSealed, @checksum, @autoPublish, @at, @at)`,
  );
  const contact = db.prepare(
    `UPDATE bbb_servers SET version = coalesce(@version, version), is_reachable = @isReachable,
       last_error = @lastError, last_poll_at = coalesce(@lastPollAt, last_poll_at), updated_at = @at
     WHERE id = @id`,
  );
  const update = db.prepare(
    `UPDATE bbb_servers SET name = @name, url = @url, secret_sealed = @secretSealed,
       checksum = @checksum, auto_publish = @autoPublish, updated_at = @at
     WHERE id = @id`,
  );
  const forgetContact = db.prepare<[number]>(
    'UPDATE bbb_servers SET version = NULL, is_reachable = NULL, last_error = NULL WHERE id = ?',
  );
  const remove = db.prepare<[number]>('DELETE FROM bbb_servers WHERE id = ?');
  const get = (row: Row | undefined) => row && toServer(row);
  return {
    list: () => all.all().map(toServer),
    byId: (id: number) => get(one.get(id)),
    byName: (name: string) => get(byName.get(name)),
    insert(
      server: Pick<StoredServer, 'name' | 'url' | 'secretSealed' | 'checksum' | 'autoPublish'>,
      at: string,
    ): StoredServer {
      const id = Number(
        insert.run({ ...server, autoPublish: server.autoPublish ? 1 : 0, at }).lastInsertRowid,
      );
      const row = get(one.get(id));
      if (!row) throw new Error(`bbb server ${String(id)} vanished`);
      return row;
    },
    /** The outcome of a contact: reachable or not, the error, the version when one was read. */
    contact(
      id: number,
      outcome: {
        version?: string;
        isReachable: boolean;
        lastError: Bilingual | null;
        polled?: boolean;
      },
      at: string,
    ): void {
      contact.run({
        id,
        version: outcome.version ?? null,
        isReachable: outcome.isReachable ? 1 : 0,
        lastError: outcome.lastError ? JSON.stringify(outcome.lastError) : null,
        lastPollAt: outcome.polled ? at : null,
        at,
      });
    },
    update(
      id: number,
      server: Pick<StoredServer, 'name' | 'url' | 'secretSealed' | 'checksum' | 'autoPublish'>,
      at: string,
    ): void {
      update.run({ ...server, autoPublish: server.autoPublish ? 1 : 0, at, id });
    },
    /** A new URL, secret or algorithm: what the last contact found no longer holds. */
    forgetContact: (id: number) => void forgetContact.run(id),
    remove: (id: number) => void remove.run(id),
  };
}

export type BbbServersRepository = ReturnType<typeof createBbbServersRepository>;
