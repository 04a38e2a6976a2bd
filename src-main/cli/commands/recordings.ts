import { fileStatuses, type FileStatus, type RecorderFile } from '../../../src-preload/contract';
import { integerOption, requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, table, UsageError } from '../io';
import { group, leaf } from '../spec';

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

const list = leaf({
  name: 'list',
  summary: 'list the drop-folder files',
  options: {
    status: { type: 'string', value: 'S', help: `only this status: ${fileStatuses.join(', ')}` },
  },
  run: async ({ io, values }) => {
    const status = values.status;
    if (status !== undefined && !(fileStatuses as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${fileStatuses.join(', ')}, not "${status}"`);
    }
    await withApp(io, values, async (app) => {
      const files = await app.api.invoke(
        'inbox.list',
        status ? { statuses: [status as FileStatus] } : {},
      );
      print(io, values, files, () => table(rows(files), 'No recording files.'));
    });
  },
});

const claim = leaf({
  name: 'claim',
  summary: 'give a file to its owner and queue it for encoding',
  args: ['ID'],
  options: {
    owner: { type: 'string', value: 'USERNAME', help: "the video's owner (required)" },
    title: { type: 'string', value: 'T', help: 'its title' },
    type: { type: 'string', value: 'N', help: "Pod's video type id" },
    description: { type: 'string', value: 'D', help: 'its description' },
  },
  run: async ({ io, values, positionals }) => {
    const id = idArgument(positionals[0]);
    const owner = requireOption(values.owner, 'owner');
    const videoTypeId = integerOption(values.type, 'type');
    await withApp(io, values, async (app) => {
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
        io,
        values,
        made[0],
        () => `Recording ${String(made[0]?.id)} "${made[0]?.title ?? ''}" queued for encoding\n`,
      );
    });
  },
});

const remove = leaf({
  name: 'delete',
  summary: 'move a file to the trash',
  args: ['ID'],
  run: async ({ io, values, positionals }) => {
    const id = idArgument(positionals[0]);
    await withApp(io, values, async (app) => {
      const result = await app.api.invoke('inbox.delete', { ids: [id] });
      print(io, values, result, () => `File ${String(id)} moved to the trash\n`);
    });
  },
});

/** `regie recordings …`: the drop-folder files, from first sight to publication. */
export const recordingsCommand = group('recordings', 'the drop-folder files: list, claim, delete', [
  list,
  claim,
  remove,
]);
