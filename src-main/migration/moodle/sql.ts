import { createConnection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import pg from 'pg';
import type { MoodleConnection, MoodleKind } from './types';

// One small seam over mysql2 and pg, so the Moodle queries are written once: `?` placeholders,
// always bound (mysql2's execute is a server-side prepared statement; pg numbers them $1…), and
// table names built only from the validated prefix and schema (validate.ts).

export type SqlValue = string | number;

export interface SqlSession {
  readonly kind: MoodleKind;
  /** A Moodle table's full name for the SQL text, e.g. `mdl_user` or "public"."mdl_user". */
  table(name: string): string;
  /** The name information_schema knows the table by (PostgreSQL folds to lower case). */
  tableName(name: string): string;
  rows(text: string, params: readonly SqlValue[]): Promise<Record<string, unknown>[]>;
  /** Runs an UPDATE; resolves with the number of rows it matched. */
  update(text: string, params: readonly SqlValue[]): Promise<number>;
  close(): Promise<void>;
}

export interface SessionOptions {
  connection: MoodleConnection;
  password: string;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

/** The prefix and schema passed validate.ts's patterns: quoting is belt and braces. */
const safeIdentifier = (name: string): string => {
  if (!/^[a-z0-9_]+$/i.test(name)) throw new Error(`unsafe SQL identifier: ${name}`);
  return name;
};

export function openSession(options: SessionOptions): Promise<SqlSession> {
  return options.connection.kind === 'mysql' ? openMysql(options) : openPostgres(options);
}

async function openMysql(options: SessionOptions): Promise<SqlSession> {
  const { connection: c } = options;
  const conn = await createConnection({
    host: c.host,
    port: c.port,
    user: c.username,
    password: options.password,
    database: c.databaseName,
    connectTimeout: options.connectTimeoutMs,
    charset: 'utf8mb4',
  });
  // A dropped connection is reported by the next query; without a listener it would crash Régie.
  conn.on('error', () => undefined);
  // Read-only unless the notice may be written (issue #12 §4): a bug here cannot write Moodle.
  if (!c.canWriteNotice)
    await conn.query('SET SESSION TRANSACTION READ ONLY').catch(async (error: unknown) => {
      await conn.end();
      throw error;
    });
  const tableName = (name: string) => safeIdentifier(`${c.tablePrefix}${name}`);
  return {
    kind: 'mysql',
    table: (name) => `\`${tableName(name)}\``,
    tableName,
    async rows(sql, params) {
      const [rows] = await conn.execute<RowDataPacket[]>({
        sql,
        values: [...params],
        timeout: options.queryTimeoutMs,
      });
      return rows;
    },
    async update(sql, params) {
      const [result] = await conn.execute<ResultSetHeader>({
        sql,
        values: [...params],
        timeout: options.queryTimeoutMs,
      });
      return result.affectedRows;
    },
    close: () => conn.end(),
  };
}

/** `?` → `$1, $2…`: our SQL texts hold no other question mark (names are [a-z0-9_]). */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${String(++n)}`);
};

async function openPostgres(options: SessionOptions): Promise<SqlSession> {
  const { connection: c } = options;
  const client = new pg.Client({
    host: c.host,
    port: c.port,
    user: c.username,
    password: options.password,
    database: c.databaseName,
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: options.queryTimeoutMs,
    ...(c.canWriteNotice ? {} : { options: '-c default_transaction_read_only=on' }),
  });
  // See openMysql: a dropped connection must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    // pg keeps the socket when the server refused the login; end it quietly.
    await client.end().catch(() => undefined);
    throw error;
  }
  // Moodle's PostgreSQL tables are created unquoted, hence lower case.
  const tableName = (name: string) => safeIdentifier(`${c.tablePrefix}${name}`).toLowerCase();
  const schema = safeIdentifier(c.schemaName).toLowerCase();
  return {
    kind: 'postgres',
    table: (name) => `"${schema}"."${tableName(name)}"`,
    tableName,
    async rows(sql, params) {
      const result = await client.query(numbered(sql), [...params]);
      return result.rows as Record<string, unknown>[];
    },
    async update(sql, params) {
      const result = await client.query(numbered(sql), [...params]);
      return result.rowCount ?? 0;
    },
    close: () => client.end(),
  };
}
