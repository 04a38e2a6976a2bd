import type { Recorder, User } from '../../../src-preload/contract';
import { integerOption, parseCommand, requireOption } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { namingOptions, table, UsageError } from '../io';
import { sftpCommand } from './sftp';

const optionNames: Record<string, string> = {
  name: '--name',
  directory: '--directory',
  addressIp: '--ip',
  salt: '--salt',
  manager: '--manager',
  additionalUsers: '--additional-user',
  videoTypeId: '--video-type',
  recordingType: '--type',
  description: '--description',
};

const rows = (recorders: Recorder[], users: User[]) => {
  const username = (id: number | null) => users.find((u) => u.id === id)?.username ?? '';
  return recorders.map((r) => ({
    directory: r.directory,
    name: r.name,
    type: r.recordingType,
    ip: r.addressIp ?? '',
    manager: username(r.managerId),
    'video type': String(r.videoTypeId),
  }));
};

export async function recorderCommand(
  verb: string | undefined,
  ctx: CommandContext,
): Promise<void> {
  switch (verb) {
    case 'add': {
      const { values } = parseCommand(
        ctx.args,
        {
          name: { type: 'string' },
          directory: { type: 'string' },
          type: { type: 'string' },
          ip: { type: 'string' },
          salt: { type: 'string' },
          manager: { type: 'string' },
          'additional-user': { type: 'string', multiple: true },
          'video-type': { type: 'string' },
          description: { type: 'string' },
        },
        [],
      );
      const videoTypeId = integerOption(values['video-type'], 'video-type');
      const input = {
        name: requireOption(values.name, 'name'),
        directory: requireOption(values.directory, 'directory'),
        ...(values.type !== undefined ? { recordingType: values.type } : {}),
        ...(values.ip !== undefined ? { addressIp: values.ip } : {}),
        ...(values.salt !== undefined ? { salt: values.salt } : {}),
        ...(values.manager !== undefined ? { manager: values.manager } : {}),
        ...(values['additional-user'] ? { additionalUsers: values['additional-user'] } : {}),
        ...(videoTypeId !== undefined ? { videoTypeId } : {}),
        ...(values.description !== undefined ? { description: values.description } : {}),
      };
      await withApp(ctx.io, values, async (app) => {
        const recorder = await app.api
          .invoke('recorders.create', input)
          .catch(namingOptions(optionNames));
        print(
          ctx.io,
          values,
          recorder,
          () => `Added recorder ${recorder.name} (folder ${recorder.directory})\n`,
        );
      });
      return;
    }
    case 'list': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const recorders = await app.api.invoke('recorders.list', {});
        const users = await app.api.invoke('users.list', {});
        print(ctx.io, values, recorders, () => table(rows(recorders, users), 'No recorders.'));
      });
      return;
    }
    case 'remove': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['DIRECTORY']);
      await withApp(ctx.io, values, async (app) => {
        const recorders = await app.api.invoke('recorders.list', {});
        const recorder = recorders.find((r) => r.directory === positionals[0]);
        if (!recorder)
          throw new UsageError(`DIRECTORY: no recorder uses the folder "${positionals[0] ?? ''}"`);
        const removed = await app.api.invoke('recorders.remove', { id: recorder.id });
        print(
          ctx.io,
          values,
          removed,
          () => `Removed recorder ${recorder.name}; its folder was left as it is\n`,
        );
      });
      return;
    }
    case 'sftp':
      await sftpCommand(ctx.args[0], { io: ctx.io, args: ctx.args.slice(1) });
      return;
    case 'scan': {
      const { values } = parseCommand(ctx.args, {}, []);
      await withApp(ctx.io, values, async (app) => {
        const report = await app.api.invoke('recorders.scan', {});
        print(ctx.io, values, report, () =>
          [
            `Scanned ${String(report.scanned)} file(s) in ${String(report.durationMs)} ms.`,
            `New: ${String(report.newFiles.length)}`,
            ...report.newFiles.map((f) => `  ${f}`),
            `Incomplete: ${String(report.incomplete.length)}`,
            ...report.incomplete.map((f) => `  ${f}`),
            `Invalid: ${String(report.invalid.length)}`,
            ...report.invalid.map((f) => `  ${f.path}: ${f.reason.en}`),
            `In a folder no recorder uses: ${String(report.unknown.length)}`,
            ...report.unknown.map((f) => `  ${f}`),
            '',
          ].join('\n'),
        );
      });
      return;
    }
    default:
      throw new UsageError(
        `recorder: expected add, list, remove, scan or sftp${verb ? `, not "${verb}"` : ''}`,
      );
  }
}
