import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { TestDatabase } from './databases';
import { freePort, LOOPBACK, spawnServer, stopServer, type SpawnedServer } from './servers';
import { makeTempDir, removeTempDir } from './tempDir';

// A real PostgreSQL standing in for Moodle's database: /work/shared/recipes/test-servers.md §4.
// initdb and postgres refuse root, so a root test runs them as the `postgres` account through
// spawn's uid/gid (never su/runuser: a signal to runuser's PID never reaches postgres) in a temp
// dir that account owns; the socket goes there too (-k), not to /var/run/postgresql.

const execFileAsync = promisify(execFile);

/** The newest installed major version's binaries (Debian keeps them off the PATH). */
function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const [newest] = versions;
  if (newest === undefined) throw new Error(`PostgreSQL is not installed (${root}/*/bin/postgres)`);
  return join(root, newest, 'bin');
}

/** As root: the postgres account's ids; otherwise ourselves (undefined: no switch). */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function waitForPostgres(bin: string, port: number, server: SpawnedServer): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.hasExited()) throw new Error(`postgres exited before accepting connections`);
    const ready = await execFileAsync(join(bin, 'pg_isready'), [
      '-q',
      '-h',
      LOOPBACK,
      '-p',
      String(port),
    ]).then(
      () => true,
      () => false,
    );
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`postgres not ready on port ${String(port)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function startPostgres(
  options: { database?: string; user?: string; password?: string } = {},
): Promise<TestDatabase> {
  const database = options.database ?? 'moodle';
  const user = options.user ?? 'moodleuser';
  const password = options.password ?? 'Pa55word-pg';
  const bin = binDir();
  const account = serverAccount();
  const dir = makeTempDir();
  try {
    if (account) chownSync(dir, account.uid, account.gid);
    const asAccount = { cwd: dir, ...(account ?? {}) };
    await execFileAsync(
      join(bin, 'initdb'),
      [
        '-D',
        join(dir, 'data'),
        '-U',
        'postgres',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--no-sync',
        '--no-instructions',
      ],
      asAccount,
    ).catch((error: unknown) => {
      throw new Error(`initdb failed: ${String(error)}`, { cause: error });
    });
    const port = await freePort();
    const server = spawnServer({
      name: 'postgres',
      command: join(bin, 'postgres'),
      args: [
        '-D',
        join(dir, 'data'),
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        `listen_addresses=${LOOPBACK}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ],
      ...asAccount,
    });
    // SIGINT is PostgreSQL's fast shutdown; SIGTERM would wait for clients to leave.
    const stop = () => stopServer(server, { signal: 'SIGINT' });
    let admin: pg.Client | undefined;
    try {
      await waitForPostgres(bin, port, server);
      // Over the socket in the temp dir, trusted: the superuser needs no password.
      const setup = new pg.Client({ host: dir, port, user: 'postgres', database: 'postgres' });
      await setup.connect();
      try {
        // The identifiers are the test's own constants; the password is a literal pg escapes.
        await setup.query(`CREATE ROLE ${user} LOGIN PASSWORD ${setup.escapeLiteral(password)}`);
        await setup.query(
          `CREATE DATABASE ${database} OWNER ${user} ENCODING 'UTF8' TEMPLATE template0`,
        );
      } finally {
        await setup.end();
      }
      admin = new pg.Client({ host: dir, port, user: 'postgres', database });
      await admin.connect();
      // Tables belong to the Moodle user, as on a Moodle server.
      await admin.query(`SET ROLE ${user}`);
    } catch (error) {
      await admin?.end();
      await stop();
      throw new Error(`PostgreSQL did not start: ${String(error)}\n${server.tail()}`, {
        cause: error,
      });
    }
    const client = admin;
    return {
      kind: 'postgres',
      host: LOOPBACK,
      port,
      database,
      user,
      password,
      async admin(sql) {
        await client.query(sql);
      },
      async adminRows(sql) {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      },
      tail: () => server.tail(),
      async stop() {
        await client.end();
        await stop();
        removeTempDir(dir);
      },
    };
  } catch (error) {
    removeTempDir(dir);
    throw error;
  }
}
