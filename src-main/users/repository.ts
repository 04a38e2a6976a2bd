import type { User } from '../../src-preload/contract';
import type { Db } from '../db/open';

interface Row {
  id: number;
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  is_staff: number;
  is_superuser: number;
  affiliation: string;
  groups_json: string;
  origin: 'regie' | 'pod';
  pod_seen_at: string | null;
  /** The last complete Pod mirror (the latest `pod_seen_at` of all users); null: none yet. */
  mirror_at: string | null;
}

const toUser = (row: Row): User => ({
  id: row.id,
  username: row.username,
  firstName: row.first_name,
  lastName: row.last_name,
  email: row.email,
  isStaff: row.is_staff === 1,
  isSuperuser: row.is_superuser === 1,
  affiliation: row.affiliation,
  groups: JSON.parse(row.groups_json) as string[],
  origin: row.origin,
  inPod: row.mirror_at === null ? null : row.pod_seen_at === row.mirror_at,
});

/** What Régie edits of a user; `origin` and `inPod` are the Pod mirror's (src-main/pod). */
export type UserFields = Omit<User, 'id' | 'origin' | 'inPod'>;

// MATERIALIZED: as a plain CTE, SQLite 3.53 runs `m` as a co-routine once per row of users, so
// list() was quadratic — 35 s for 20,000 users (test/bench/pod.mjs), 75 ms materialized.
const withMirror = `WITH m AS MATERIALIZED (SELECT max(pod_seen_at) AS mirror_at FROM users)
  SELECT users.*, m.mirror_at FROM users, m`;

export interface UsersRepository {
  list(): User[];
  byId(id: number): User | undefined;
  byUsername(username: string): User | undefined;
  insert(fields: UserFields, at: string): User;
  update(id: number, fields: UserFields, at: string): User;
  remove(id: number): void;
  /** Recorders that name this user as manager (they block its removal). */
  managedRecorderNames(id: number): string[];
}

export function createUsersRepository(db: Db): UsersRepository {
  const all = db.prepare<[], Row>(`${withMirror} ORDER BY username`);
  const one = db.prepare<[number], Row>(`${withMirror} WHERE id = ?`);
  const named = db.prepare<[string], Row>(`${withMirror} WHERE username = ?`);
  const insert = db.prepare(
    `INSERT INTO users (username, first_name, last_name, email, is_staff, is_superuser, affiliation, groups_json, created_at, updated_at)
     VALUES (@username, @firstName, @lastName, @email, @isStaff, @isSuperuser, @affiliation, @groups, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE users SET username = @username, first_name = @firstName, last_name = @lastName, email = @email,
       is_staff = @isStaff, is_superuser = @isSuperuser, affiliation = @affiliation, groups_json = @groups, updated_at = @at
     WHERE id = @id`,
  );
  const remove = db.prepare<[number]>('DELETE FROM users WHERE id = ?');
  const managed = db.prepare<[number], { name: string }>(
    'SELECT name FROM recorders WHERE manager_id = ? ORDER BY name',
  );
  const params = (fields: UserFields, at: string) => ({
    ...fields,
    isStaff: fields.isStaff ? 1 : 0,
    isSuperuser: fields.isSuperuser ? 1 : 0,
    groups: JSON.stringify(fields.groups),
    at,
  });
  const must = (row: Row | undefined, id: number): User => {
    if (!row) throw new Error(`user ${String(id)} vanished`);
    return toUser(row);
  };
  return {
    list: () => all.all().map(toUser),
    byId: (id) => {
      const row = one.get(id);
      return row && toUser(row);
    },
    byUsername: (username) => {
      const row = named.get(username);
      return row && toUser(row);
    },
    insert(fields, at) {
      const id = Number(insert.run(params(fields, at)).lastInsertRowid);
      return must(one.get(id), id);
    },
    update(id, fields, at) {
      update.run({ ...params(fields, at), id });
      return must(one.get(id), id);
    },
    remove: (id) => void remove.run(id),
    managedRecorderNames: (id) => managed.all(id).map((r) => r.name),
  };
}
