import type { Bilingual } from '../../../src-preload/contract';
import { bi, RegieError } from '../../ground/errors';
import { describeConnection, moodleError } from './errors';
import { moderatorsOf } from './participants';
import { openSession, type SqlSession } from './sql';
import type { MoodleActivity, MoodleConnection, MoodleTestResult, MoodleUser } from './types';

export interface MoodleClient {
  readonly connection: MoodleConnection;
  /** The activity of a processed recording (status 2) with its moderators; null when none. */
  findRecording(recordId: string): Promise<MoodleActivity | null>;
  /** Appends the notice to the activity's intro once; 'already' when the exact text is there. */
  writeNotice(activityId: number, notice: string): Promise<'written' | 'already'>;
  /** The server's version and whether the three tables exist with the prefix. */
  test(): Promise<MoodleTestResult>;
  close(): Promise<void>;
}

export interface OpenMoodleOptions {
  /** Pod's connect_timeout (§3.2): 10 s. */
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
}

/** mod/bigbluebuttonbn's recording status "processed", the one Pod's query keeps (§3.8). */
const processed = 2;
const tables = ['bigbluebuttonbn', 'bigbluebuttonbn_recordings', 'user'] as const;

// pg returns BIGINT as a string, mysql2 as a number: Moodle's ids fit in a double.
const num = (value: unknown): number => Number(value);
const str = (value: unknown): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);

/**
 * Opens a Moodle database (issue #12 §4). Every value goes as a bound parameter; only the
 * validated prefix and schema are in the SQL text. Read-only unless `canWriteNotice`.
 */
export async function openMoodle(
  connection: MoodleConnection,
  password: string,
  options: OpenMoodleOptions = {},
): Promise<MoodleClient> {
  const fail = (error: unknown) => moodleError(error, { connection, password });
  const db: SqlSession = await openSession({
    connection,
    password,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    queryTimeoutMs: options.queryTimeoutMs ?? 30_000,
  }).catch((error: unknown) => {
    throw fail(error);
  });
  const bbb = db.table('bigbluebuttonbn');
  const recordings = db.table('bigbluebuttonbn_recordings');
  const users = db.table('user');
  const what = describeConnection(connection);

  async function usersByIds(ids: readonly number[]): Promise<Map<number, MoodleUser>> {
    const found = new Map<number, MoodleUser>();
    if (ids.length === 0) return found;
    const rows = await db.rows(
      `SELECT id, username, firstname, lastname, email, deleted FROM ${users}
       WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    for (const row of rows)
      found.set(num(row.id), {
        id: num(row.id),
        username: str(row.username),
        firstname: str(row.firstname),
        lastname: str(row.lastname),
        email: str(row.email),
        isDeleted: num(row.deleted) === 1,
      });
    return found;
  }

  async function findRecording(recordId: string): Promise<MoodleActivity | null> {
    // Pod's query 1 (§3.8), bound. A recording imported into other activities has more rows
    // with the same recordingid; the original (imported = 0) comes first.
    const [row] = await db.rows(
      `SELECT b.id, b.course, b.name, b.intro, b.participants
       FROM ${recordings} r JOIN ${bbb} b ON r.bigbluebuttonbnid = b.id
       WHERE r.recordingid = ? AND r.status = ?
       ORDER BY r.imported, r.id LIMIT 1`,
      [recordId, processed],
    );
    if (!row) return null;
    const activityId = num(row.id);
    const participants = row.participants === null ? null : str(row.participants);
    const selection = moderatorsOf(participants, activityId);
    // One query for every moderator: Pod lost all but the first (closed cursor, §3.8).
    const byId = await usersByIds(selection.userIds);
    const moderators: MoodleUser[] = [];
    const warnings: Bilingual[] = [...selection.warnings];
    for (const id of selection.userIds) {
      const user = byId.get(id);
      if (user) moderators.push(user);
      else
        warnings.push(
          bi(
            `Activity ${String(activityId)}: moderator user ${String(id)} is not in the user table`,
            `Activité ${String(activityId)} : l’utilisateur modérateur ${String(id)} n’est pas dans la table user`,
          ),
        );
    }
    return {
      activityId,
      course: num(row.course),
      name: str(row.name),
      intro: str(row.intro),
      moderators,
      roleParticipants: selection.roleParticipants,
      warnings,
    };
  }

  async function writeNotice(activityId: number, notice: string): Promise<'written' | 'already'> {
    if (!connection.canWriteNotice)
      throw new RegieError(
        'forbidden',
        bi(
          `${what.en} is read-only: the notice was not written into activity ${String(activityId)}.\nTurn on “write the notice” for this connection to allow it.`,
          `${what.fr} est en lecture seule : l’avis n’a pas été écrit dans l’activité ${String(activityId)}.\nActivez « écrire l’avis » pour cette connexion pour l’autoriser.`,
        ),
      );
    if (notice.trim() === '')
      throw new RegieError('validation', bi('The notice is empty.', 'L’avis est vide.'));
    // MySQL compares TEXT through its collation (case- and trailing-space-blind): compare bytes.
    const sameIntro =
      db.kind === 'mysql' ? 'CAST(intro AS BINARY) = CAST(? AS BINARY)' : 'intro = ?';
    // Read, then update only if the intro is still what was read: two runs at once (or a
    // teacher saving the activity) can never add the notice twice or lose an edit.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [row] = await db.rows(`SELECT intro FROM ${bbb} WHERE id = ?`, [activityId]);
      if (!row)
        throw new RegieError(
          'not_found',
          bi(
            `${what.en}: no bigbluebuttonbn activity ${String(activityId)}.`,
            `${what.fr} : pas d’activité bigbluebuttonbn ${String(activityId)}.`,
          ),
        );
      const intro = row.intro === null ? null : str(row.intro);
      // The exact notice, not Pod's "contains Pod" (§8.3.7), which any intro naming Pod passes.
      if (intro?.includes(notice)) return 'already';
      const next = intro === null || intro === '' ? notice : `${intro}<br>${notice}`;
      const changed =
        intro === null
          ? await db.update(`UPDATE ${bbb} SET intro = ? WHERE id = ? AND intro IS NULL`, [
              next,
              activityId,
            ])
          : await db.update(`UPDATE ${bbb} SET intro = ? WHERE id = ? AND ${sameIntro}`, [
              next,
              activityId,
              intro,
            ]);
      if (changed > 0) return 'written';
    }
    throw new RegieError(
      'conflict',
      bi(
        `${what.en}: activity ${String(activityId)}'s intro kept changing while the notice was written; retry.`,
        `${what.fr} : la description de l’activité ${String(activityId)} changeait pendant l’écriture de l’avis ; réessayez.`,
      ),
    );
  }

  async function test(): Promise<MoodleTestResult> {
    // PostgreSQL's version() is a paragraph; its setting is the bare number, like MySQL's.
    const [version] = await db.rows(
      db.kind === 'mysql'
        ? 'SELECT version() AS v'
        : "SELECT current_setting('server_version') AS v",
      [],
    );
    const names = tables.map((t) => db.tableName(t));
    const schemaTest = db.kind === 'mysql' ? 'table_schema = DATABASE()' : 'table_schema = ?';
    const schemaParam = db.kind === 'mysql' ? [] : [connection.schemaName.toLowerCase()];
    const present = await db.rows(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE ${schemaTest} AND table_name IN (?, ?, ?)`,
      [...schemaParam, ...names],
    );
    const found = new Set(present.map((r) => str(r.name)));
    const result = names.map((name) => ({ name, present: found.has(name) }));
    const missing = result.filter((t) => !t.present).map((t) => t.name);
    return {
      ok: missing.length === 0,
      serverVersion: str(version?.v) || null,
      tables: result,
      error:
        missing.length === 0
          ? null
          : bi(
              `${what.en}: missing ${missing.join(', ')}.\nCheck the table prefix ($CFG->prefix)${connection.kind === 'postgres' ? ' and the schema' : ''}, and that this is Moodle's database.`,
              `${what.fr} : ${missing.join(', ')} manque(nt).\nVérifiez le préfixe des tables ($CFG->prefix)${connection.kind === 'postgres' ? ' et le schéma' : ''}, et qu’il s’agit bien de la base de Moodle.`,
            ),
    };
  }

  const guard =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      f(...args).catch((error: unknown) => {
        throw fail(error);
      });

  return {
    connection,
    findRecording: guard(findRecording),
    writeNotice: guard(writeNotice),
    test: guard(test),
    // Closing a connection the server already dropped has nothing left to do.
    close: () => db.close().catch(() => undefined),
  };
}
