import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection, type Connection } from 'mysql2/promise';
import type { TestDatabase } from './databases';
import { freePort, LOOPBACK, spawnServer, stopServer, waitForTcp } from './servers';
import { makeTempDir, removeTempDir } from './tempDir';

// A real MariaDB 10.11 standing in for Moodle's database: /work/shared/recipes/test-servers.md
// §4. Data in a temp dir, our own options only (--no-defaults first, or /etc/mysql/my.cnf's
// socket and pid in /run/mysqld apply), TCP on loopback; root has an empty password over TCP and
// creates the database and the user the tests connect as.

const INSTALL_DB = '/usr/bin/mariadb-install-db';
const MARIADBD = '/usr/sbin/mariadbd';
const execFileAsync = promisify(execFile);

export async function startMariadb(
  options: { database?: string; user?: string; password?: string } = {},
): Promise<TestDatabase> {
  const database = options.database ?? 'moodle';
  const user = options.user ?? 'moodleuser';
  const password = options.password ?? 'Pa55word-maria';
  const dir = makeTempDir();
  const me = userInfo().username;
  const errorLog = join(dir, 'error.log');
  const logTail = () => {
    try {
      return readFileSync(errorLog, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '(no error.log yet)';
    }
  };
  try {
    mkdirSync(join(dir, 'tmp'));
    // --user: as root mariadbd refuses to start without it; as anyone else it is a no-op.
    await execFileAsync(INSTALL_DB, [
      '--no-defaults',
      `--datadir=${join(dir, 'data')}`,
      `--user=${me}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--skip-name-resolve',
      '--innodb-log-file-size=8M',
    ]).catch((error: unknown) => {
      throw new Error(`mariadb-install-db failed: ${String(error)}`, { cause: error });
    });
    const port = await freePort();
    const server = spawnServer({
      name: 'mariadbd',
      command: MARIADBD,
      args: [
        '--no-defaults',
        `--datadir=${join(dir, 'data')}`,
        `--socket=${join(dir, 'mysqld.sock')}`,
        `--port=${String(port)}`,
        `--bind-address=${LOOPBACK}`,
        '--skip-networking=0',
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${errorLog}`,
        `--tmpdir=${join(dir, 'tmp')}`,
        `--user=${me}`,
        '--skip-name-resolve',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        '--innodb-log-file-size=8M',
      ],
    });
    const tail = () => `${server.tail()}\n${logTail()}`;
    let root: Connection | undefined;
    try {
      await waitForTcp(port, { server, timeoutMs: 30_000 });
      root = await createConnection({
        host: LOOPBACK,
        port,
        user: 'root',
        multipleStatements: true,
        charset: 'utf8mb4',
      });
      // The identifiers are the test's own constants; the password goes through escaping.
      await root.query(
        `CREATE DATABASE ${database} DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
         CREATE USER ?@'127.0.0.1' IDENTIFIED BY ?;
         GRANT ALL PRIVILEGES ON ${database}.* TO ?@'127.0.0.1';
         USE ${database};`,
        [user, password, user],
      );
    } catch (error) {
      await root?.end();
      await stopServer(server);
      throw new Error(`MariaDB did not start: ${String(error)}\n${tail()}`, { cause: error });
    }
    const admin = root;
    return {
      kind: 'mysql',
      host: LOOPBACK,
      port,
      database,
      user,
      password,
      async admin(sql) {
        await admin.query(sql);
      },
      async adminRows(sql) {
        const [rows] = await admin.query(sql);
        return rows as Record<string, unknown>[];
      },
      tail,
      async stop() {
        await admin.end();
        await stopServer(server);
        removeTempDir(dir);
      },
    };
  } catch (error) {
    removeTempDir(dir);
    throw error;
  }
}
