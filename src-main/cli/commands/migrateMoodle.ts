import type { RegieApp } from '../../app/app';
import { RegieError } from '../../ground/errors';
import { integerOption, requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, readSecretFile, table, UsageError } from '../io';
import { group, leaf } from '../spec';

async function connectionId(app: RegieApp, name: string): Promise<number> {
  const found = (await app.api.invoke('moodle.list', {})).find((c) => c.name === name);
  if (!found)
    throw new UsageError(
      `NAME: no Moodle connection named "${name}" (see "regie migrate moodle list")`,
    );
  return found.id;
}

const add = leaf({
  name: 'add',
  summary: 'add the Moodle database of an origin server (or "default")',
  options: {
    name: { type: 'string', value: 'N', help: 'the bbb-origin-server-name, or default (required)' },
    kind: { type: 'string', value: 'K', help: 'mysql (MariaDB too) or postgres (required)' },
    host: { type: 'string', value: 'H', help: 'the database host (required)' },
    port: { type: 'string', value: 'P', help: 'default 3306 or 5432' },
    database: { type: 'string', value: 'D', help: 'the database name (required)' },
    user: { type: 'string', value: 'U', help: 'the database user (required)' },
    'password-file': { type: 'string', value: 'F', help: 'a file holding the password' },
    prefix: { type: 'string', value: 'P', help: "Moodle's table prefix (mdl_)" },
    schema: { type: 'string', value: 'S', help: 'PostgreSQL schema (public)' },
    'write-notice': {
      type: 'boolean',
      help: "let the migration add its notice to the activities' description",
    },
  },
  notes: 'The connection is read-only unless --write-notice is given.',
  run: async ({ io, values }) => {
    const port = integerOption(values.port, 'port');
    await withApp(io, values, async (app) => {
      const added = await app.api
        .invoke('moodle.add', {
          name: requireOption(values.name, 'name'),
          kind: requireOption(values.kind, 'kind'),
          host: requireOption(values.host, 'host'),
          ...(port !== undefined ? { port } : {}),
          databaseName: requireOption(values.database, 'database'),
          username: requireOption(values.user, 'user'),
          ...(values['password-file'] !== undefined
            ? { password: readSecretFile(values['password-file'], '--password-file') }
            : {}),
          ...(values.prefix !== undefined ? { tablePrefix: values.prefix } : {}),
          ...(values.schema !== undefined ? { schemaName: values.schema } : {}),
          ...(values['write-notice'] ? { canWriteNotice: true } : {}),
        })
        .catch(
          namingOptions({
            name: '--name',
            kind: '--kind',
            host: '--host',
            port: '--port',
            databaseName: '--database',
            username: '--user',
            tablePrefix: '--prefix',
            schemaName: '--schema',
          }),
        );
      print(
        io,
        values,
        added,
        () =>
          `Moodle connection ${added.name} added (${added.kind} ${added.host}:${String(added.port)}/${added.databaseName})\n`,
      );
    });
  },
});

const list = leaf({
  name: 'list',
  summary: 'list the Moodle connections (never their passwords)',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const all = await app.api.invoke('moodle.list', {});
      print(io, values, all, () =>
        table(
          all.map((c) => ({
            name: c.name,
            kind: c.kind,
            server: `${c.host}:${String(c.port)}`,
            database: c.databaseName,
            user: c.username,
            prefix: c.tablePrefix,
            notice: c.canWriteNotice ? 'writes' : 'read-only',
          })),
          'No Moodle connection. Add one with "regie migrate moodle add".',
        ),
      );
    });
  },
});

const test = leaf({
  name: 'test',
  summary: 'log in and check the three tables the migration reads',
  args: ['NAME'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const result = await app.api.invoke('moodle.test', {
        id: await connectionId(app, positionals[0] ?? ''),
      });
      print(io, values, result, () =>
        [
          result.serverVersion ? `server ${result.serverVersion}` : '',
          ...result.tables.map((t) => `${t.name}: ${t.present ? 'present' : 'MISSING'}`),
          '',
        ].join('\n'),
      );
      if (!result.ok && result.error && !values.json) throw new RegieError('remote', result.error);
    });
  },
});

const remove = leaf({
  name: 'remove',
  summary: 'remove a Moodle connection',
  args: ['NAME'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const name = positionals[0] ?? '';
      const removed = await app.api.invoke('moodle.remove', { id: await connectionId(app, name) });
      print(io, values, removed, () => `Moodle connection ${name} removed\n`);
    });
  },
});

/** `regie migrate moodle add|list|test|remove` (issue #12 §8): Pod's DB_PARAMS, one per origin. */
export const migrateMoodle = group('moodle', 'the Moodle databases the migration reads', [
  add,
  list,
  test,
  remove,
]);
