import type { SftpSourceView } from '../../../src-preload/contract';
import { integerOption, requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, readSecretFile, table, UsageError } from '../io';
import { group, leaf } from '../spec';

const optionNames: Record<string, string> = {
  name: '--name',
  host: '--host',
  port: '--port',
  username: '--user',
  password: '--password-file',
  privateKey: '--key-file',
  remoteRoot: '--root',
  pollSeconds: '--poll',
  afterProcessing: '--after',
  moveTo: '--move-to',
};

const afterValues = ['rename', 'move', 'leave'] as const;

const rows = (sources: SftpSourceView[]) =>
  sources.map((s) => ({
    name: s.name,
    server: `${s.username}@${s.host}:${String(s.port)}`,
    root: s.remoteRoot,
    auth: s.auth,
    poll: `${String(s.pollSeconds)} s`,
    after: s.afterProcessing === 'move' ? `move to ${s.moveTo ?? ''}` : s.afterProcessing,
  }));

const add = leaf({
  name: 'add',
  summary: 'add a remote drop folder, polled while "regie serve" runs',
  options: {
    name: { type: 'string', value: 'N', help: 'its name (required)' },
    host: { type: 'string', value: 'H', help: 'the SFTP server (required)' },
    port: { type: 'string', value: 'P', help: 'its port (22)' },
    user: { type: 'string', value: 'U', help: 'the account (required)' },
    'password-file': { type: 'string', value: 'F', help: 'a file holding the password' },
    'key-file': { type: 'string', value: 'F', help: 'a file holding the private key' },
    root: { type: 'string', value: '/remote/dir', help: 'the remote folder (required)' },
    poll: { type: 'string', value: 'S', help: 'seconds between two polls' },
    after: {
      type: 'string',
      value: 'rename|move|leave',
      help: 'what becomes of a remote file once downloaded',
    },
    'move-to': { type: 'string', value: 'D', help: 'the remote folder for --after move' },
  },
  run: async ({ io, values }) => {
    const after = values.after;
    if (after !== undefined && !(afterValues as readonly string[]).includes(after)) {
      throw new UsageError(`--after must be rename, move or leave, not "${after}"`);
    }
    const port = integerOption(values.port, 'port');
    const pollSeconds = integerOption(values.poll, 'poll');
    const input = {
      name: requireOption(values.name, 'name'),
      host: requireOption(values.host, 'host'),
      username: requireOption(values.user, 'user'),
      remoteRoot: requireOption(values.root, 'root'),
      ...(port !== undefined ? { port } : {}),
      ...(pollSeconds !== undefined ? { pollSeconds } : {}),
      ...(after !== undefined ? { afterProcessing: after as (typeof afterValues)[number] } : {}),
      ...(values['move-to'] !== undefined ? { moveTo: values['move-to'] } : {}),
      ...(values['password-file'] !== undefined
        ? { password: readSecretFile(values['password-file'], '--password-file') }
        : {}),
      ...(values['key-file'] !== undefined
        ? { privateKey: readSecretFile(values['key-file'], '--key-file') }
        : {}),
    };
    await withApp(io, values, async (app) => {
      const source = await app.api.invoke('sftp.add', input).catch(namingOptions(optionNames));
      print(
        io,
        values,
        source,
        () => `Added SFTP drop folder ${source.name}; it is polled while "regie serve" runs\n`,
      );
    });
  },
});

const list = leaf({
  name: 'list',
  summary: 'list the SFTP drop folders',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const sources = await app.api.invoke('sftp.list', {});
      print(io, values, sources, () => table(rows(sources), 'No SFTP drop folders.'));
    });
  },
});

const remove = leaf({
  name: 'remove',
  summary: 'remove an SFTP drop folder',
  args: ['NAME'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const source = (await app.api.invoke('sftp.list', {})).find((s) => s.name === positionals[0]);
      if (!source) throw new UsageError(`NAME: no SFTP drop folder "${positionals[0] ?? ''}"`);
      const removed = await app.api.invoke('sftp.remove', { id: source.id });
      print(io, values, removed, () => `Removed SFTP drop folder ${source.name}\n`);
    });
  },
});

/** `regie recorder sftp …`: remote drop folders. Secrets are read from files, never from argv. */
export const sftpCommand = group('sftp', 'remote (SFTP) drop folders', [add, list, remove]);
