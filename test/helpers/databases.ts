import { startMariadb } from './mariadb';
import { startPostgres } from './postgres';

// Real database servers on loopback for the Moodle tests (issue #12 §4), one per test file:
// MariaDB 10.11 and PostgreSQL 15 as /work/shared/recipes/test-servers.md §4 starts them.

export interface TestDatabase {
  kind: 'mysql' | 'postgres';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Runs a script as the administrator, in the test database (several statements). */
  admin(sql: string): Promise<void>;
  /** Rows of one query as the administrator, in the test database. */
  adminRows(sql: string): Promise<Record<string, unknown>[]>;
  /** What the server wrote, for failure messages. */
  tail(): string;
  stop(): Promise<void>;
}
export type DatabaseKind = TestDatabase['kind'];

export const startDatabase = (kind: DatabaseKind): Promise<TestDatabase> =>
  kind === 'mysql' ? startMariadb() : startPostgres();
