import { bi, RegieError } from '../ground/errors';
import { messageOf } from '../ground/wording';
import { openSession, type SqlSession } from './moodle/sql';

/** Pod's database, for the one table its REST API does not expose (reference/pod-behaviour.md §7.2). */
export interface PodDbSettings {
  kind: string;
  host: string;
  port: number | null;
  database: string;
  user: string;
  password: string;
  siteId: number;
}

export interface PodDb {
  /** Pod's `auth_user.id` of a username. */
  userId(username: string): Promise<number | undefined>;
  /** One `import_video_externalrecording` row per (source_url, owner), as Pod's script writes it. */
  addExternal(row: {
    name: string;
    startAt: Date;
    sourceUrl: string;
    ownerId: number;
  }): Promise<'added' | 'exists'>;
  close(): Promise<void>;
}

/**
 * Pod's "Mes vidéos externes" written straight into Pod's database (issue #12 §3, `--to pod-db`),
 * as `migrate_bbb_recordings --use-import-video` does (§3.6): type `bigbluebutton`, the playback
 * URL, the owner and the site, never twice for one (source_url, owner). Users are not created
 * there: a Django user made by SQL would lack its Owner row; the reason says to create them in Pod.
 */
export async function openPodDb(settings: PodDbSettings): Promise<PodDb> {
  if (settings.kind !== 'mysql' && settings.kind !== 'postgres')
    throw new RegieError(
      'validation',
      bi(
        "Pod's database is not configured: set POD_DB_ENGINE (mysql or postgres), POD_DB_HOST, POD_DB_NAME, POD_DB_USER and POD_DB_PASSWORD.",
        "La base de Pod n'est pas configurée : renseignez POD_DB_ENGINE (mysql ou postgres), POD_DB_HOST, POD_DB_NAME, POD_DB_USER et POD_DB_PASSWORD.",
      ),
    );
  let session: SqlSession;
  try {
    session = await openSession({
      connection: {
        name: 'Pod',
        kind: settings.kind,
        host: settings.host,
        port: settings.port ?? (settings.kind === 'mysql' ? 3306 : 5432),
        databaseName: settings.database,
        username: settings.user,
        tablePrefix: '',
        schemaName: 'public',
        canWriteNotice: true,
      },
      password: settings.password,
      connectTimeoutMs: 10_000,
      queryTimeoutMs: 30_000,
    });
  } catch (error) {
    const where = `${settings.kind} ${settings.host}/${settings.database}`;
    throw new RegieError(
      'remote',
      bi(
        `Pod's database (${where}) refused the connection: ${messageOf(error).en.replaceAll(settings.password || '\u0000', '***')}. Check POD_DB_* and that this machine may reach it.`,
        `La base de Pod (${where}) a refusé la connexion : ${messageOf(error).fr.replaceAll(settings.password || '\u0000', '***')}. Vérifiez POD_DB_* et que cette machine peut la joindre.`,
      ),
    );
  }
  const users = session.table('auth_user');
  const externals = session.table('import_video_externalrecording');
  const stamp = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');
  return {
    async userId(username) {
      const [row] = await session.rows(`SELECT id FROM ${users} WHERE username = ?`, [username]);
      return row === undefined ? undefined : Number(row.id);
    },
    async addExternal(row) {
      const found = await session.rows(
        `SELECT id FROM ${externals} WHERE source_url = ? AND owner_id = ?`,
        [row.sourceUrl, row.ownerId],
      );
      if (found.length > 0) return 'exists';
      await session.update(
        `INSERT INTO ${externals} (name, start_at, type, source_url, site_id, owner_id)
         VALUES (?, ?, 'bigbluebutton', ?, ?, ?)`,
        [
          row.name.slice(0, 250),
          stamp(row.startAt),
          row.sourceUrl.slice(0, 500),
          settings.siteId,
          row.ownerId,
        ],
      );
      return 'added';
    },
    close: () => session.close(),
  };
}
