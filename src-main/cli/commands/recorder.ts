import type { Recorder, User } from '../../../src-preload/contract';
import { integerOption, requireOption } from '../commandLine';
import { print, withApp } from '../context';
import { namingOptions, table, UsageError } from '../io';
import { group, leaf } from '../spec';
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

const add = leaf({
  name: 'add',
  summary: 'add a recorder and its drop folder',
  options: {
    name: { type: 'string', value: 'N', help: 'its name (required)' },
    directory: {
      type: 'string',
      value: 'D',
      help: 'its folder under DEFAULT_RECORDER_PATH (required)',
    },
    type: { type: 'string', value: 'video|audiovideocast', help: 'what it records' },
    ip: { type: 'string', value: 'IP', help: 'its address' },
    salt: { type: 'string', value: 'S', help: "Pod's recorder salt" },
    manager: { type: 'string', value: 'USERNAME', help: 'the staff user who manages it' },
    'additional-user': {
      type: 'string',
      multiple: true,
      value: 'U',
      help: 'another user who may claim its files (repeatable)',
    },
    'video-type': { type: 'string', value: 'ID', help: "Pod's video type id" },
    description: { type: 'string', value: 'T', help: 'a description' },
  },
  run: async ({ io, values }) => {
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
    await withApp(io, values, async (app) => {
      const recorder = await app.api
        .invoke('recorders.create', input)
        .catch(namingOptions(optionNames));
      print(
        io,
        values,
        recorder,
        () => `Added recorder ${recorder.name} (folder ${recorder.directory})\n`,
      );
    });
  },
});

const list = leaf({
  name: 'list',
  summary: 'list the recorders',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const recorders = await app.api.invoke('recorders.list', {});
      const users = await app.api.invoke('users.list', {});
      print(io, values, recorders, () => table(rows(recorders, users), 'No recorders.'));
    });
  },
});

const remove = leaf({
  name: 'remove',
  summary: 'remove a recorder; its folder and files are left as they are',
  args: ['DIRECTORY'],
  run: async ({ io, values, positionals }) => {
    await withApp(io, values, async (app) => {
      const recorders = await app.api.invoke('recorders.list', {});
      const recorder = recorders.find((r) => r.directory === positionals[0]);
      if (!recorder)
        throw new UsageError(`DIRECTORY: no recorder uses the folder "${positionals[0] ?? ''}"`);
      const removed = await app.api.invoke('recorders.remove', { id: recorder.id });
      print(
        io,
        values,
        removed,
        () => `Removed recorder ${recorder.name}; its folder was left as it is\n`,
      );
    });
  },
});

const scan = leaf({
  name: 'scan',
  summary: 'one pass over the drop folders, then the quiet period',
  run: async ({ io, values }) => {
    await withApp(io, values, async (app) => {
      const report = await app.api.invoke('recorders.scan', {});
      print(io, values, report, () =>
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
  },
});

/** `regie recorder …`: the recorders, their drop folders and the SFTP ones. */
export const recorderCommand = group('recorder', 'recorders and their drop folders', [
  add,
  list,
  remove,
  scan,
  sftpCommand,
]);
