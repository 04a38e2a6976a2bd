import type { SftpSourceView } from '../../../src-preload/contract';
import { integerOption, parseCommand, requireOption } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { namingOptions, readSecretFile, table, UsageError } from '../io';

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

/** `regie recorder sftp …`: remote drop folders. Secrets are read from files, never from argv. */
export async function sftpCommand(verb: string | undefined, ctx: CommandContext): Promise<void> {
  switch (verb) {
    case 'add': {
      const { values } = parseCommand(
        ctx.args,
        {
          name: { type: 'string' },
          host: { type: 'string' },
          port: { type: 'string' },
          user: { type: 'string' },
          'password-file': { type: 'string' },
          'key-file': { type: 'string' },
          root: { type: 'string' },
          poll: { type: 'string' },
          after: { type: 'string' },
          'move-to': { type: 'string' },
        },
        [],
      );
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
      await withApp(ctx.io, values, async (app) => {
        const source = await app.api.invoke('sftp.add', input).catch(namingOptions(optionNames));
        print(
          ctx.io,
          values,
          source,
          () => `Added SFTP drop folder ${source.name}; it is polled while "regie serve" runs\n`,
        );
      });
      return;
    }
    case 'list': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const sources = await app.api.invoke('sftp.list', {});
        print(ctx.io, values, sources, () => table(rows(sources), 'No SFTP drop folders.'));
      });
      return;
    }
    case 'remove': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['NAME']);
      await withApp(ctx.io, values, async (app) => {
        const source = (await app.api.invoke('sftp.list', {})).find(
          (s) => s.name === positionals[0],
        );
        if (!source) throw new UsageError(`NAME: no SFTP drop folder "${positionals[0] ?? ''}"`);
        const removed = await app.api.invoke('sftp.remove', { id: source.id });
        print(ctx.io, values, removed, () => `Removed SFTP drop folder ${source.name}\n`);
      });
      return;
    }
    default:
      throw new UsageError(
        `recorder sftp: expected add, list or remove${verb ? `, not "${verb}"` : ''}`,
      );
  }
}
