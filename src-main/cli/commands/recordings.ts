import { fileStatuses, type FileStatus, type RecorderFile } from '../../../src-preload/contract';
import { integerOption, parseCommand, requireOption } from '../commandLine';
import { print, withApp, type CommandContext } from '../context';
import { namingOptions, table, UsageError } from '../io';

const optionNames: Record<string, string> = {
  owner: '--owner',
  title: '--title',
  videoTypeId: '--type',
  ids: 'ID',
};

const idArgument = (text: string | undefined): number => {
  if (text === undefined || !/^\d+$/.test(text))
    throw new UsageError(`ID must be a file id from "regie recordings list", not "${text ?? ''}"`);
  return Number(text);
};

const rows = (files: RecorderFile[]) =>
  files.map((f) => ({
    id: String(f.id),
    folder: f.folder,
    file: f.relPath,
    status: f.status,
    size: `${(f.size / 1_048_576).toFixed(1)} MB`,
    duration: f.media ? `${Math.round(f.media.durationS)} s` : '',
    reason: f.reason?.en ?? '',
  }));

/** `regie recordings …`: the drop-folder files, from first sight to publication. */
export async function recordingsCommand(
  verb: string | undefined,
  ctx: CommandContext,
): Promise<void> {
  switch (verb) {
    case 'list': {
      const { values } = parseCommand(ctx.args, { status: { type: 'string' } }, []);
      const status = values.status;
      if (status !== undefined && !(fileStatuses as readonly string[]).includes(status)) {
        throw new UsageError(`--status must be one of ${fileStatuses.join(', ')}, not "${status}"`);
      }
      await withApp(ctx.io, values, async (app) => {
        const files = await app.api.invoke(
          'inbox.list',
          status ? { statuses: [status as FileStatus] } : {},
        );
        print(ctx.io, values, files, () => table(rows(files), 'No recording files.'));
      });
      return;
    }
    case 'claim': {
      const { values, positionals } = parseCommand(
        ctx.args,
        {
          owner: { type: 'string' },
          title: { type: 'string' },
          type: { type: 'string' },
          description: { type: 'string' },
        },
        ['ID'],
      );
      const id = idArgument(positionals[0]);
      const owner = requireOption(values.owner, 'owner');
      const videoTypeId = integerOption(values.type, 'type');
      await withApp(ctx.io, values, async (app) => {
        const made = await app.api
          .invoke('inbox.assign', {
            ids: [id],
            owner,
            ...(values.title !== undefined ? { title: values.title } : {}),
            ...(videoTypeId !== undefined ? { videoTypeId } : {}),
            ...(values.description !== undefined ? { description: values.description } : {}),
          })
          .catch(namingOptions(optionNames));
        print(
          ctx.io,
          values,
          made[0],
          () => `Recording ${String(made[0]?.id)} "${made[0]?.title ?? ''}" queued for encoding\n`,
        );
      });
      return;
    }
    case 'delete': {
      const { values, positionals } = parseCommand(ctx.args, {}, ['ID']);
      const id = idArgument(positionals[0]);
      await withApp(ctx.io, values, async (app) => {
        const result = await app.api.invoke('inbox.delete', { ids: [id] });
        print(ctx.io, values, result, () => `File ${String(id)} moved to the trash\n`);
      });
      return;
    }
    default:
      throw new UsageError(
        `recordings: expected list, claim or delete${verb ? `, not "${verb}"` : ''}`,
      );
  }
}
